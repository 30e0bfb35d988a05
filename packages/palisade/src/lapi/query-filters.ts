/**
 * Query strings → store filters for the decision and alert routes (spec §3, §3.1-§3.3).
 * `GET /v1/decisions` and the stream ignore unknown parameters (bouncers send
 * `community_pull`, `additional_pull`); `DELETE /v1/decisions` and the alert routes refuse them
 * with CrowdSec's 500 "invalid filter".
 */
import { parseDurationWithDays } from '../expr/helpers/decisions.ts';
import type { AlertFilter, DecisionFilter } from '../store/index.ts';
import { LapiError, lapiError } from './errors.ts';
import { normaliseScope, normaliseScopeList } from './scope.ts';

/** A parsed query string: each key's values in order. */
export type Query = Readonly<Record<string, string | string[] | undefined>>;

/** The first value of `key` (Go's `c.Query`), or undefined when absent. */
export function first(q: Query, key: string): string | undefined {
  if (!Object.hasOwn(q, key)) return undefined;
  const v = q[key];
  return Array.isArray(v) ? v[0] : v;
}

function all(q: Query, key: string): string[] {
  if (!Object.hasOwn(q, key)) return [];
  const v = q[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function commaList(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Go's `strconv.ParseBool`; throws the 500 invalid-filter error for anything else. */
export function parseGoBool(key: string, text: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  throw lapiError('PAL_ERR_LAPI_INVALID_FILTER_VALUE', `invalid ${key} value '${text}'`);
}

function parseNonNegativeInt(key: string, text: string): number {
  if (!/^\d{1,9}$/.test(text))
    throw lapiError('PAL_ERR_LAPI_INVALID_FILTER_VALUE', `invalid ${key} value '${text}'`);
  return Number(text);
}

/** Filters of `GET /v1/decisions` and of the stream (the common part). */
export function decisionQueryFilter(q: Query): DecisionFilter {
  const f: DecisionFilter = {};
  const scopes = first(q, 'scopes') ?? first(q, 'scope');
  if (scopes !== undefined) f.scopes = normaliseScopeList(scopes);
  const value = first(q, 'value');
  if (value !== undefined) f.values = [value];
  const type = first(q, 'type');
  if (type !== undefined) f.types = [type];
  const origins = commaList(first(q, 'origins'));
  if (origins.length > 0) f.origins = origins;
  const containing = commaList(first(q, 'scenarios_containing'));
  if (containing.length > 0) f.scenariosContaining = containing;
  const notContaining = commaList(first(q, 'scenarios_not_containing'));
  if (notContaining.length > 0) f.scenariosNotContaining = notContaining;
  const simulated = first(q, 'simulated');
  f.includeSimulated = simulated !== undefined && simulated !== 'false';
  const ip = first(q, 'ip');
  if (ip !== undefined && ip !== '') f.ip = ip;
  const range = first(q, 'range');
  if (range !== undefined && range !== '') f.range = range;
  const contains = first(q, 'contains');
  if (contains !== undefined) f.contains = parseGoBool('contains', contains);
  const limit = first(q, 'limit');
  if (limit !== undefined) f.limit = parseNonNegativeInt('limit', limit);
  const offset = first(q, 'offset');
  if (offset !== undefined) f.offset = parseNonNegativeInt('offset', offset);
  return f;
}

/** The stream request of `GET /v1/decisions/stream`: default scopes `Ip,Range`, `dedup` on. */
export function streamQuery(q: Query): { startup: boolean; dedup: boolean; filter: DecisionFilter } {
  const filter = decisionQueryFilter(q);
  if (filter.scopes === undefined || filter.scopes.length === 0) filter.scopes = ['Ip', 'Range'];
  delete filter.limit;
  delete filter.offset;
  return { startup: first(q, 'startup') === 'true', dedup: first(q, 'dedup') !== 'false', filter };
}

const DELETE_DECISION_KEYS = new Set([
  'contains',
  'scope',
  'scopes',
  'uuid',
  'origin',
  'value',
  'type',
  'ip',
  'range',
  'scenario',
]);

/** Filters of `DELETE /v1/decisions`; unknown parameters are refused (500 invalid filter). */
export function deleteDecisionsFilter(q: Query): DecisionFilter {
  for (const key of Object.keys(q)) {
    if (!DELETE_DECISION_KEYS.has(key)) throw new LapiError('PAL_ERR_LAPI_INVALID_FILTER', [key]);
  }
  // Expiring by hand also reaches simulated decisions.
  const f: DecisionFilter = { includeSimulated: true };
  const scope = first(q, 'scopes') ?? first(q, 'scope');
  if (scope !== undefined && scope !== '') f.scopes = [normaliseScope(scope)];
  const uuids = all(q, 'uuid').flatMap((u) => commaList(u));
  if (uuids.length > 0) f.uuids = uuids;
  const origin = first(q, 'origin');
  if (origin !== undefined && origin !== '') f.origins = [origin];
  const value = first(q, 'value');
  if (value !== undefined && value !== '') f.values = [value];
  const type = first(q, 'type');
  if (type !== undefined && type !== '') f.types = [type];
  const scenario = first(q, 'scenario');
  if (scenario !== undefined && scenario !== '') f.scenario = scenario;
  const ip = first(q, 'ip');
  if (ip !== undefined && ip !== '') f.ip = ip;
  const range = first(q, 'range');
  if (range !== undefined && range !== '') f.range = range;
  const contains = first(q, 'contains');
  if (contains !== undefined) f.contains = parseGoBool('contains', contains);
  return f;
}

const ALERT_KEYS = new Set([
  'scope',
  'value',
  'scenario',
  'ip',
  'range',
  'contains',
  'since',
  'until',
  'created_before',
  'decision_type',
  'origin',
  'include_capi',
  'has_active_decision',
  'kind',
  'simulated',
  'limit',
  'sort',
  'with_decisions',
]);

/** Filters of `GET`/`DELETE /v1/alerts` at time `nowMs`; unknown parameters are refused. */
export function alertQueryFilter(q: Query, nowMs: number): AlertFilter {
  for (const key of Object.keys(q)) {
    if (!ALERT_KEYS.has(key)) throw new LapiError('PAL_ERR_LAPI_INVALID_FILTER', [key]);
  }
  const f: AlertFilter = {};
  const text = (key: string): string | undefined => {
    const v = first(q, key);
    return v === undefined || v === '' ? undefined : v;
  };
  const ago = (key: string): number | undefined => {
    const v = text(key);
    if (v === undefined) return undefined;
    const ns = parseDurationWithDays(v);
    if (ns === undefined)
      throw lapiError('PAL_ERR_LAPI_INVALID_FILTER_VALUE', `while parsing duration '${v}'`);
    return nowMs - ns / 1e6;
  };
  const scope = text('scope');
  if (scope !== undefined) f.scope = normaliseScope(scope);
  f.value = text('value');
  f.scenario = text('scenario');
  f.ip = text('ip');
  f.range = text('range');
  const contains = text('contains');
  if (contains !== undefined) f.contains = parseGoBool('contains', contains);
  f.startedAfter = ago('since');
  f.startedBefore = ago('until');
  f.createdBefore = ago('created_before');
  f.decisionType = text('decision_type');
  f.origin = text('origin');
  const includeCapi = text('include_capi');
  if (includeCapi !== undefined) f.includeCapi = parseGoBool('include_capi', includeCapi);
  const active = text('has_active_decision');
  if (active !== undefined) f.hasActiveDecision = parseGoBool('has_active_decision', active);
  f.kind = text('kind');
  const simulated = text('simulated');
  if (simulated !== undefined) f.simulated = parseGoBool('simulated', simulated);
  const limit = text('limit');
  if (limit !== undefined) f.limit = parseNonNegativeInt('limit', limit);
  const sort = text('sort');
  if (sort !== undefined) {
    const upper = sort.toUpperCase();
    if (upper !== 'ASC' && upper !== 'DESC')
      throw lapiError('PAL_ERR_LAPI_INVALID_FILTER_VALUE', `invalid sort '${sort}'`);
    f.sort = upper;
  }
  const withDecisions = text('with_decisions');
  if (withDecisions !== undefined) f.withDecisions = parseGoBool('with_decisions', withDecisions);
  for (const k of Object.keys(f) as (keyof AlertFilter)[]) if (f[k] === undefined) delete f[k];
  return f;
}
