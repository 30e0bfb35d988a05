/**
 * `DecisionFilter` → SQL conditions on a decisions (or tombstones) table alias. The same builder
 * serves `GET /v1/decisions`, `DELETE /v1/decisions`, the stream, and the stream's dedup anti-join
 * (so dedup is computed among the rows the bouncer asked for, §10, fixing CrowdSec #3373).
 */
import { type RawBuilder, sql } from 'kysely';
import type { DecisionFilter } from './types.ts';
import { normalizeScope, requireIpRange } from './values.ts';

/** A SQL boolean condition. */
export type Condition = RawBuilder<unknown>;

/** `c1 and c2 and …` (`1=1` when empty). */
export function allOf(conditions: readonly Condition[]): Condition {
  return conditions.length === 0 ? sql`1=1` : sql`(${sql.join(conditions, sql` and `)})`;
}

/** LIKE pattern for a case-insensitive substring (with `escape '\'`). */
function containsPattern(word: string): string {
  return `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function nonEmpty(list: readonly string[] | undefined): list is readonly string[] {
  return list !== undefined && list.length > 0;
}

/**
 * The filter's conditions on `alias` (ip/range parsed here: invalid ⇒ StoreError('invalid')).
 * Does not include activity (`until`) nor limit/offset.
 */
export function decisionConditions(filter: DecisionFilter, alias: string): Condition[] {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const out: Condition[] = [];
  const inList = (name: string, values: readonly string[]) =>
    out.push(sql`${col(name)} in (${sql.join(values)})`);
  if (nonEmpty(filter.scopes)) inList('scope', [...new Set(filter.scopes.map(normalizeScope))]);
  if (nonEmpty(filter.values)) inList('value', filter.values);
  if (nonEmpty(filter.types)) inList('type', filter.types);
  if (nonEmpty(filter.origins)) inList('origin', filter.origins);
  if (nonEmpty(filter.uuids)) inList('uuid', filter.uuids);
  if (filter.scenario !== undefined) out.push(sql`${col('scenario')} = ${filter.scenario}`);
  const like = (w: string) => sql`lower(${col('scenario')}) like ${containsPattern(w)} escape '\\'`;
  if (nonEmpty(filter.scenariosContaining))
    out.push(sql`(${sql.join(filter.scenariosContaining.map(like), sql` or `)})`);
  if (nonEmpty(filter.scenariosNotContaining)) {
    out.push(sql`not (${sql.join(filter.scenariosNotContaining.map(like), sql` or `)})`);
  }
  if (!filter.includeSimulated) out.push(sql`${col('simulated')} = 0`);
  const target = filter.range !== undefined && filter.range !== '' ? filter.range : filter.ip;
  if (target !== undefined && target !== '') {
    const r = requireIpRange(target, filter.range ? 'range' : 'ip');
    out.push(sql`${col('ip_size')} = ${r.size}`);
    if (filter.contains ?? true)
      out.push(sql`${col('start_ip')} <= ${r.start} and ${col('end_ip')} >= ${r.end}`);
    else out.push(sql`${col('start_ip')} >= ${r.start} and ${col('end_ip')} <= ${r.end}`);
  }
  return out;
}

/**
 * Dedup anti-join for a decision row `alias`: no other decision matching the same filter with the
 * same (value, type, scope) has a strictly longer `until` (ties are all kept, as in CrowdSec).
 */
export function longestUntilCondition(filter: DecisionFilter, alias: string): Condition {
  const other = allOf(decisionConditions(filter, 'o'));
  return sql`not exists (select 1 from decisions o where o.value = ${sql.ref(`${alias}.value`)} and o.type = ${sql.ref(
    `${alias}.type`,
  )} and o.scope = ${sql.ref(`${alias}.scope`)} and o.until > ${sql.ref(`${alias}.until`)} and ${other})`;
}

/** For a tombstone `alias`: no live decision matching the filter for the same target is active at `t0`. */
export function noActiveTwinCondition(filter: DecisionFilter, alias: string, t0: number): Condition {
  const other = allOf(decisionConditions(filter, 'o'));
  return sql`not exists (select 1 from decisions o where o.value = ${sql.ref(`${alias}.value`)} and o.type = ${sql.ref(
    `${alias}.type`,
  )} and o.scope = ${sql.ref(`${alias}.scope`)} and o.until > ${t0} and ${other})`;
}
