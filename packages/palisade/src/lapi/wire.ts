/**
 * The JSON the LAPI answers with, built from store records: decisions for bouncers (§2: `id`,
 * `origin`, `scenario`, `scope`, `type`, `value`, `duration`, `uuid` when set — no `until`, no
 * `simulated`) and alerts for cscli (with their decisions, events and meta). Keys are in Go's
 * field order (alphabetical), which some clients' tests compare byte for byte.
 */
import { float32Json } from '../alerts/api-json.ts';
import type { AlertRecord, DecisionRecord } from '../store/index.ts';
import { formatDecisionDuration } from './duration.ts';
import { goTimeString, rfc3339Seconds } from './wire-time.ts';

/** A decision as bouncers receive it. */
export interface WireDecision {
  duration: string;
  id: number;
  origin: string;
  scenario: string;
  scope: string;
  type: string;
  uuid?: string;
  value: string;
}

/** The bouncer form of `d` at time `nowMs`. */
export function decisionToWire(d: DecisionRecord, nowMs: number): WireDecision {
  const out = {
    duration: formatDecisionDuration(d.until, nowMs),
    id: d.id,
    origin: d.origin,
    scenario: d.scenario,
    scope: d.scope,
    type: d.type,
  } as WireDecision;
  if (d.uuid !== '') out.uuid = d.uuid;
  out.value = d.value;
  return out;
}

/** A decision inside an alert answer (cscli): also `simulated` and `until`. */
export function alertDecisionToWire(d: DecisionRecord, nowMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    duration: formatDecisionDuration(d.until, nowMs),
    id: d.id,
    origin: d.origin,
    scenario: d.scenario,
    scope: d.scope,
    simulated: d.simulated,
    type: d.type,
    until: rfc3339Seconds(d.until),
  };
  if (d.uuid !== '') out.uuid = d.uuid;
  out.value = d.value;
  return out;
}

/** An alert as `GET /v1/alerts` returns it. */
export function alertToWire(a: AlertRecord, nowMs: number): Record<string, unknown> {
  const src: Record<string, unknown> = {};
  if (a.source.asName) src.as_name = a.source.asName;
  if (a.source.asNumber) src.as_number = a.source.asNumber;
  if (a.source.cn) src.cn = a.source.cn;
  if (a.source.ip) src.ip = a.source.ip;
  if (a.source.latitude) src.latitude = float32Json(a.source.latitude);
  if (a.source.longitude) src.longitude = float32Json(a.source.longitude);
  if (a.source.range) src.range = a.source.range;
  src.scope = a.source.scope;
  src.value = a.source.value;
  const out: Record<string, unknown> = {
    capacity: a.capacity,
    created_at: rfc3339Seconds(a.createdAt),
    decisions: a.decisions.map((d) => alertDecisionToWire(d, nowMs)),
    events: a.events.map((e) => ({
      meta: e.meta.map((m) => ({ key: m.key, value: m.value })),
      timestamp: goTimeString(e.time),
    })),
    events_count: a.eventsCount,
    id: a.id,
  };
  if (a.kind) out.kind = a.kind;
  out.labels = a.labels.length > 0 ? [...a.labels] : null;
  out.leakspeed = a.leakSpeed;
  if (a.machineId) out.machine_id = a.machineId;
  out.message = a.message;
  out.meta = a.meta.map((m) => ({ key: m.key, value: m.value }));
  out.remediation = a.remediation;
  out.scenario = a.scenario;
  out.scenario_hash = a.scenarioHash;
  out.scenario_version = a.scenarioVersion;
  out.simulated = a.simulated;
  out.source = src;
  out.start_at = rfc3339Seconds(a.startedAt);
  out.stop_at = rfc3339Seconds(a.stoppedAt);
  if (a.uuid) out.uuid = a.uuid;
  return out;
}
