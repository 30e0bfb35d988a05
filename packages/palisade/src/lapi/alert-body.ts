/**
 * Validation of the `POST /v1/alerts` body against the swagger `Alert` model (required fields,
 * types, int32 ranges, RFC 3339 times, decision durations), turning it into clean `ApiAlert`
 * objects that carry only the known fields. The server-side fields (`id`, `uuid`, `machine_id`,
 * `created_at`) are ignored, as CrowdSec ignores them. Failures name the field; the route
 * answers 400 with them (CrowdSec answers 500 here).
 */
import type { ApiAlert, ApiDecision, ApiEvent, ApiMetaItem, ApiSource } from '../alerts/api-json.ts';
import { parseDurationWithDays } from '../expr/helpers/decisions.ts';
import { BodyCheck, join, kind, own } from './body-check.ts';
import { normaliseScope } from './scope.ts';
import { parseRfc3339 } from './wire-time.ts';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The decoded alerts, or the field errors (empty `alerts`). */
export interface AlertsBody {
  readonly alerts: ApiAlert[];
  readonly errors: readonly string[];
}

/**
 * Validates `body` (the parsed JSON) as an array of alerts. Scopes of sources and decisions are
 * normalised (`ip` → `Ip`, …).
 */
export function readAlertsBody(body: unknown): AlertsBody {
  const c = new BodyCheck();
  if (!Array.isArray(body)) {
    c.fail('body', `expected an array of alerts, found ${body === undefined ? 'nothing' : kind(body)}`);
    return { alerts: [], errors: c.errors };
  }
  const alerts = body.map((item, i) => readAlert(c, item, `[${i}]`));
  return c.errors.length > 0 ? { alerts: [], errors: c.errors } : { alerts, errors: [] };
}

function readAlert(c: BodyCheck, v: unknown, path: string): ApiAlert {
  const o = c.object(v, path) ?? {};
  const time = (key: string): string => {
    const text = c.string(o, key, path, true);
    if (text !== '' && parseRfc3339(text) === undefined)
      c.fail(join(path, key), `"${text}" is not an RFC 3339 time`);
    return text;
  };
  const alert: ApiAlert = {
    capacity: c.int(o, 'capacity', path, true, INT32_MIN, INT32_MAX),
    decisions: c
      .array(o, 'decisions', path, false)
      .map((d, i) => readDecision(c, d, `${join(path, 'decisions')}[${i}]`)),
    events: c.array(o, 'events', path, true).map((e, i) => readEvent(c, e, `${join(path, 'events')}[${i}]`)),
    events_count: c.int(o, 'events_count', path, true, INT32_MIN, INT32_MAX),
    labels: c.stringArray(o, 'labels', path),
    leakspeed: c.string(o, 'leakspeed', path, true),
    message: c.string(o, 'message', path, true),
    scenario: c.string(o, 'scenario', path, true),
    scenario_hash: c.string(o, 'scenario_hash', path, true),
    scenario_version: c.string(o, 'scenario_version', path, true),
    simulated: c.bool(o, 'simulated', path, true),
    source: readSource(c, own(o, 'source'), join(path, 'source')),
    start_at: time('start_at'),
    stop_at: time('stop_at'),
  };
  const kindText = c.string(o, 'kind', path, false);
  if (kindText !== '') alert.kind = kindText;
  const meta = readMeta(c, o, 'meta', path);
  if (meta.length > 0) alert.meta = meta;
  if (c.bool(o, 'remediation', path, false)) alert.remediation = true;
  return alert;
}

function readSource(c: BodyCheck, v: unknown, path: string): ApiSource {
  const o = c.object(v, path) ?? {};
  const src: ApiSource = {
    scope: normaliseScope(c.string(o, 'scope', path, true)),
    value: c.string(o, 'value', path, true),
  };
  for (const key of ['as_name', 'as_number', 'cn', 'ip', 'range'] as const) {
    const text = c.string(o, key, path, false);
    if (text !== '') src[key] = text;
  }
  const lat = c.number(o, 'latitude', path);
  const lon = c.number(o, 'longitude', path);
  if (lat !== undefined) src.latitude = lat;
  if (lon !== undefined) src.longitude = lon;
  return src;
}

function readEvent(c: BodyCheck, v: unknown, path: string): ApiEvent {
  const o = c.object(v, path) ?? {};
  const timestamp = c.string(o, 'timestamp', path, true);
  if (timestamp !== '' && parseRfc3339(timestamp) === undefined) {
    c.fail(join(path, 'timestamp'), `"${timestamp}" is not an RFC 3339 time`);
  }
  return { meta: readMeta(c, o, 'meta', path), timestamp };
}

function readMeta(c: BodyCheck, o: Record<string, unknown>, key: string, path: string): ApiMetaItem[] {
  return c.array(o, key, path, false).map((m, i) => {
    const p = `${join(path, key)}[${i}]`;
    const item = c.object(m, p) ?? {};
    const out: ApiMetaItem = {};
    const k = c.string(item, 'key', p, false);
    const val = c.string(item, 'value', p, false);
    if (k !== '') out.key = k;
    if (val !== '') out.value = val;
    return out;
  });
}

function readDecision(c: BodyCheck, v: unknown, path: string): ApiDecision {
  const o = c.object(v, path) ?? {};
  const duration = c.string(o, 'duration', path, true);
  if (duration !== '' && parseDurationWithDays(duration) === undefined) {
    c.fail(join(path, 'duration'), `"${duration}" is not a duration`);
  }
  return {
    duration,
    origin: c.string(o, 'origin', path, true),
    scenario: c.string(o, 'scenario', path, true),
    scope: normaliseScope(c.string(o, 'scope', path, true)),
    type: c.string(o, 'type', path, true),
    value: c.string(o, 'value', path, true),
  };
}
