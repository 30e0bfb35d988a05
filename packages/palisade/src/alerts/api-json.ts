/**
 * The JSON form of CrowdSec's API models (`models.Alert`, `models.Source`, `models.Event`,
 * `models.Decision`), as the agent sends an alert in the body of `POST /v1/alerts` (see the LAPI
 * swagger `Alert` definition). Keys follow Go's field order (the generated structs are sorted by
 * field name); optional fields Go marks `omitempty` are left out when empty. Arrays are always
 * arrays (Go sends `null` for a nil slice; `[]` is what every client accepts).
 */
import type { Alert, AlertDecision, AlertEvent, AlertSource, MetaItem } from '../event/index.ts';

/** `{key, value}` of a meta item (both `omitempty` in Go). */
export interface ApiMetaItem {
  key?: string;
  value?: string;
}

/** `models.Source` as JSON. */
export interface ApiSource {
  as_name?: string;
  as_number?: string;
  cn?: string;
  ip?: string;
  latitude?: number;
  longitude?: number;
  range?: string;
  scope: string;
  value: string;
}

/** `models.Event` as JSON. */
export interface ApiEvent {
  meta: ApiMetaItem[];
  timestamp: string;
}

/** `models.Decision` as JSON. */
export interface ApiDecision {
  duration: string;
  id?: number;
  origin: string;
  scenario: string;
  scope: string;
  simulated?: boolean;
  type: string;
  until?: string;
  uuid?: string;
  value: string;
}

/** `models.Alert` as JSON. */
export interface ApiAlert {
  capacity: number;
  created_at?: string;
  decisions: ApiDecision[];
  events: ApiEvent[];
  events_count: number;
  id?: number;
  kind?: string;
  labels: string[];
  leakspeed: string;
  machine_id?: string;
  message: string;
  meta?: ApiMetaItem[];
  remediation?: boolean;
  scenario: string;
  scenario_hash: string;
  scenario_version: string;
  simulated: boolean;
  source: ApiSource;
  start_at: string;
  stop_at: string;
  uuid?: string;
}

/** The JSON object of `alert` (a fresh object; the alert is not modified). */
export function alertToApiJson(alert: Alert): ApiAlert {
  const out: ApiAlert = {
    capacity: alert.Capacity,
    decisions: alert.Decisions.map(decisionToApiJson),
    events: alert.Events.map(eventToApiJson),
    events_count: alert.EventsCount,
    labels: [...alert.Labels],
    leakspeed: alert.Leakspeed,
    message: alert.Message,
    scenario: alert.Scenario,
    scenario_hash: alert.ScenarioHash,
    scenario_version: alert.ScenarioVersion,
    simulated: alert.Simulated,
    source: sourceToApiJson(alert.Source),
    start_at: alert.StartAt,
    stop_at: alert.StopAt,
  };
  // Insert the omitempty fields at their Go position, so that the text reads like Go's.
  return ordered(out, {
    created_at: alert.CreatedAt || undefined,
    id: alert.ID || undefined,
    kind: alert.Kind || undefined,
    machine_id: alert.MachineID || undefined,
    meta: alert.Meta.length > 0 ? alert.Meta.map(metaToApiJson) : undefined,
    remediation: alert.Remediation || undefined,
    uuid: alert.UUID || undefined,
  });
}

/** `models.Source` as JSON (coordinates as Go prints a float32). */
export function sourceToApiJson(src: AlertSource): ApiSource {
  const out: ApiSource = { scope: src.Scope, value: src.Value };
  return ordered(out, {
    as_name: src.AsName || undefined,
    as_number: src.AsNumber || undefined,
    cn: src.Cn || undefined,
    ip: src.IP || undefined,
    latitude: src.Latitude ? float32Json(src.Latitude) : undefined,
    longitude: src.Longitude ? float32Json(src.Longitude) : undefined,
    range: src.Range || undefined,
  });
}

/** `models.Event` as JSON. */
export function eventToApiJson(evt: AlertEvent): ApiEvent {
  return { meta: evt.Meta.map(metaToApiJson), timestamp: evt.Timestamp };
}

/** `models.Decision` as JSON. */
export function decisionToApiJson(d: AlertDecision): ApiDecision {
  const out: ApiDecision = {
    duration: d.Duration,
    origin: d.Origin,
    scenario: d.Scenario,
    scope: d.Scope,
    type: d.Type,
    value: d.Value,
  };
  return ordered(out, {
    id: d.ID || undefined,
    simulated: d.Simulated || undefined,
    until: d.Until || undefined,
    uuid: d.UUID || undefined,
  });
}

function metaToApiJson(m: MetaItem): ApiMetaItem {
  const out: ApiMetaItem = {};
  if (m.Key !== '') out.key = m.Key;
  if (m.Value !== '') out.value = m.Value;
  return out;
}

/**
 * The shortest decimal that reads back as the same float32, as Go's `encoding/json` prints a
 * `float32` field (a JS number would print the float64 expansion: 48.858200073242185).
 */
export function float32Json(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return 0;
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

/** `required` and the defined `optional` fields, all keys sorted (Go's struct field order). */
function ordered<T extends object>(required: T, optional: Record<string, unknown>): T {
  const all: Record<string, unknown> = { ...(required as Record<string, unknown>) };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) all[k] = v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(all).sort()) out[k] = all[k];
  return out as T;
}
