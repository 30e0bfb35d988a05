/** Database rows → public records (numbers for times, booleans from 0/1, parsed JSON). */
import type { Selectable } from 'kysely';
import type { AlertsTable, BouncersTable, DecisionColumns, EventsTable, MachinesTable } from './schema.ts';
import type { AlertRecord, BouncerRecord, DecisionRecord, EventRecord, MachineRecord } from './types.ts';

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toMachine(r: Selectable<MachinesTable>): MachineRecord {
  return {
    id: num(r.id),
    machineId: r.machine_id,
    passwordHash: r.password,
    ipAddress: r.ip_address,
    scenarios: r.scenarios,
    version: r.version,
    isValidated: num(r.is_validated) !== 0,
    authType: r.auth_type,
    lastPush: numOrNull(r.last_push),
    lastHeartbeat: numOrNull(r.last_heartbeat),
    osName: r.os_name,
    osFamily: r.os_family,
    osVersion: r.os_version,
    featureFlags: r.feature_flags,
    hubstate: r.hubstate,
    datasources: r.datasources,
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

export function toBouncer(r: Selectable<BouncersTable>): BouncerRecord {
  return {
    id: num(r.id),
    name: r.name,
    apiKeyHash: r.api_key_hash,
    ipAddress: r.ip_address,
    type: r.type,
    version: r.version,
    lastPull: numOrNull(r.last_pull),
    authType: r.auth_type,
    autoCreated: num(r.auto_created) !== 0,
    osName: r.os_name,
    osFamily: r.os_family,
    osVersion: r.os_version,
    featureFlags: r.feature_flags,
    streamSeq: numOrNull(r.stream_seq),
    streamT0: numOrNull(r.stream_t0),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

/** Decision (or tombstone) row; `id` is present on both. */
export function toDecision(r: DecisionColumns & { id: number }): DecisionRecord {
  return {
    id: num(r.id),
    uuid: r.uuid,
    alertId: num(r.alert_id),
    origin: r.origin,
    type: r.type,
    scope: r.scope,
    value: r.value,
    scenario: r.scenario,
    until: num(r.until),
    simulated: num(r.simulated) !== 0,
    createdAt: num(r.created_at),
    ipSize: num(r.ip_size),
  };
}

export function toEvent(r: Selectable<EventsTable>): EventRecord {
  let meta: { key: string; value: string }[] = [];
  try {
    const parsed: unknown = JSON.parse(r.serialized);
    if (Array.isArray(parsed)) {
      meta = parsed.map((m: { key?: unknown; value?: unknown }) => ({
        key: String(m?.key ?? ''),
        value: String(m?.value ?? ''),
      }));
    }
  } catch {
    // A truncated/corrupt serialization shows as no meta rather than failing the whole alert.
  }
  return { id: num(r.id), time: num(r.time), timestamp: r.timestamp, meta };
}

export function toAlert(r: Selectable<AlertsTable>): AlertRecord {
  let labels: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.labels);
    if (Array.isArray(parsed)) labels = parsed.map(String);
  } catch {
    labels = [];
  }
  return {
    id: num(r.id),
    uuid: r.uuid,
    machineId: r.machine_id,
    scenario: r.scenario,
    scenarioHash: r.scenario_hash,
    scenarioVersion: r.scenario_version,
    message: r.message,
    eventsCount: num(r.events_count),
    startedAt: num(r.started_at),
    stoppedAt: num(r.stopped_at),
    capacity: num(r.capacity),
    leakSpeed: r.leak_speed,
    simulated: num(r.simulated) !== 0,
    remediation: num(r.remediation) !== 0,
    kind: r.kind,
    labels,
    source: {
      scope: r.source_scope,
      value: r.source_value,
      ip: r.source_ip,
      range: r.source_range,
      asNumber: r.source_as_number,
      asName: r.source_as_name,
      cn: r.source_country,
      latitude: num(r.source_latitude),
      longitude: num(r.source_longitude),
    },
    createdAt: num(r.created_at),
    decisions: [],
    events: [],
    meta: [],
  };
}
