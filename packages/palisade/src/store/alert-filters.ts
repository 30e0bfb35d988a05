/** `AlertFilter` (§3.3) → SQL conditions on the alerts alias `a`. */
import { sql } from 'kysely';
import { allOf, type Condition } from './decision-filters.ts';
import type { AlertFilter } from './types.ts';
import { normalizeScope, requireIpRange } from './values.ts';

const CAPI_ORIGINS = ['CAPI', 'lists'];

function decisionExists(conds: Condition[]): Condition {
  return sql`exists (select 1 from decisions d where d.alert_id = a.id and ${allOf(conds)})`;
}

/** Conditions on alias `a` for the filter at time `now`. */
export function alertConditions(f: AlertFilter, now: number): Condition[] {
  const out: Condition[] = [];
  if (f.scope !== undefined && f.scope !== '') out.push(sql`a.source_scope = ${normalizeScope(f.scope)}`);
  if (f.value !== undefined && f.value !== '') out.push(sql`a.source_value = ${f.value}`);
  if (f.scenario !== undefined && f.scenario !== '') {
    out.push(sql`(a.scenario = ${f.scenario} or ${decisionExists([sql`d.scenario = ${f.scenario}`])})`);
  }
  const target = f.range !== undefined && f.range !== '' ? f.range : f.ip;
  if (target !== undefined && target !== '') {
    const r = requireIpRange(target, f.range ? 'range' : 'ip');
    const inside =
      (f.contains ?? true)
        ? sql`d.start_ip <= ${r.start} and d.end_ip >= ${r.end}`
        : sql`d.start_ip >= ${r.start} and d.end_ip <= ${r.end}`;
    out.push(decisionExists([sql`d.ip_size = ${r.size}`, inside]));
  }
  if (f.startedAfter !== undefined) out.push(sql`a.started_at >= ${f.startedAfter}`);
  if (f.startedBefore !== undefined) out.push(sql`a.started_at <= ${f.startedBefore}`);
  if (f.createdBefore !== undefined) out.push(sql`a.created_at <= ${f.createdBefore}`);
  if (f.decisionType !== undefined && f.decisionType !== '')
    out.push(decisionExists([sql`d.type = ${f.decisionType}`]));
  if (f.origin !== undefined && f.origin !== '') out.push(decisionExists([sql`d.origin = ${f.origin}`]));
  else if (f.includeCapi === false) {
    out.push(sql`(${decisionExists([sql`d.origin not in (${sql.join(CAPI_ORIGINS)})`])} or (not ${decisionExists([])}
      and a.source_scope not like 'lists:%' and a.source_scope <> 'crowdsecurity/community-blocklist'))`);
  }
  if (f.hasActiveDecision === true) out.push(decisionExists([sql`d.until > ${now}`]));
  if (f.hasActiveDecision === false) out.push(sql`not ${decisionExists([])}`);
  if (f.kind !== undefined && f.kind !== '') out.push(sql`a.kind = ${f.kind}`);
  if (f.simulated === false) out.push(sql`a.simulated = 0`);
  return out;
}
