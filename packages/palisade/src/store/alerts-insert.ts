/**
 * `insertAlerts`: alert rows with their events, meta and decisions, 50 alerts per transaction,
 * decisions in multi-row chunks, each decision taking its own change sequence number.
 */
import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Insertable } from 'kysely';
import type { ApiAlert, ApiMetaItem } from '../alerts/api-json.ts';
import { chunks, ROWS_PER_INSERT, type StoreContext } from './context.ts';
import type { DecisionsTable } from './schema.ts';
import { ChangeBatch } from './sequence.ts';
import type { InsertAlertsResult, NewAlert, StoreDialect } from './types.ts';
import { normalizeScope, parseDurationMs, parseIpRange, parseRfc3339, truncate } from './values.ts';

const ALERTS_PER_TRANSACTION = 50;
const META_KEY_MAX = 255;
const META_VALUE_MAX = 4095;
const EVENT_SERIALIZED_MAX = 8191;

type DecisionRow = Insertable<DecisionsTable>;

/** A validated alert ready to write (decision rows lack alert_id and seq). */
interface PreparedAlert {
  alert: ApiAlert;
  machineId: string;
  startedAt: number;
  stoppedAt: number;
  decisions: Omit<DecisionRow, 'alert_id' | 'seq'>[];
}

/** The meta list as JSON, shortened to CrowdSec's 8191-char column (values first, then items). */
export function serializeEventMeta(meta: readonly ApiMetaItem[]): string {
  const items = meta.map((m) => ({ key: m.key ?? '', value: m.value ?? '' }));
  let text = JSON.stringify(items);
  for (
    let budget = 1024;
    text.length > EVENT_SERIALIZED_MAX && budget >= 16;
    budget = Math.floor(budget / 2)
  ) {
    for (const m of items) if (m.value.length > budget) m.value = `${m.value.slice(0, budget)}<stripped>`;
    text = JSON.stringify(items);
  }
  while (text.length > EVENT_SERIALIZED_MAX && items.length > 0) {
    items.pop();
    text = JSON.stringify(items);
  }
  return text;
}

/** Validates one alert; counts its invalid decisions. Undefined ⇒ drop the alert. */
function prepare(input: NewAlert, now: number, counters: { invalid: number }): PreparedAlert | undefined {
  const alert = input.alert;
  const startedAt = parseRfc3339(alert.start_at ?? '') ?? now;
  const stoppedAt = parseRfc3339(alert.stop_at ?? '') ?? now;
  const decisions: PreparedAlert['decisions'] = [];
  const given = alert.decisions ?? [];
  for (const [i, d] of given.entries()) {
    const scope = normalizeScope(d.scope ?? '');
    const durationMs = parseDurationMs(d.duration ?? '', `decisions[${i}].duration`);
    let ipSize = 0;
    let startIp: string | null = null;
    let endIp: string | null = null;
    if (scope === 'Ip' || scope === 'Range') {
      const r = parseIpRange(d.value ?? '');
      if (r === undefined) {
        counters.invalid++;
        continue;
      }
      ipSize = r.size;
      startIp = r.start;
      endIp = r.end;
    }
    decisions.push({
      uuid: d.uuid || randomUUID(),
      created_at: now,
      until: stoppedAt + durationMs,
      scenario: d.scenario ?? '',
      type: d.type ?? '',
      scope,
      value: d.value ?? '',
      origin: d.origin ?? '',
      simulated: alert.simulated || d.simulated ? 1 : 0,
      ip_size: ipSize,
      start_ip: startIp,
      end_ip: endIp,
    });
  }
  if (given.length > 0 && decisions.length === 0) return undefined;
  return { alert, machineId: input.machineId, startedAt, stoppedAt, decisions };
}

const DECISION_INSERT_COLUMNS =
  'uuid, alert_id, created_at, until, scenario, type, scope, value, origin, simulated, ip_size, start_ip, end_ip, seq';
const DECISION_INSERT_WIDTH = 14;
const decisionSqlCache = new Map<string, string>();

/** `insert into decisions (...) values (...), ...` for `rows` rows, in the dialect's placeholders. */
function decisionInsertSql(dialect: StoreDialect, rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = decisionSqlCache.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const marks: string[] = [];
      for (let c = 1; c <= DECISION_INSERT_WIDTH; c++)
        marks.push(dialect === 'postgresql' ? `$${r * DECISION_INSERT_WIDTH + c}` : '?');
      tuples.push(`(${marks.join(', ')})`);
    }
    text = `insert into decisions (${DECISION_INSERT_COLUMNS}) values ${tuples.join(', ')}`;
    if (decisionSqlCache.size > 64) decisionSqlCache.clear();
    decisionSqlCache.set(key, text);
  }
  return text;
}

async function writeAlert(
  trx: StoreContext['db'],
  dialect: StoreDialect,
  p: PreparedAlert,
  now: number,
  seqs: ChangeBatch,
): Promise<number> {
  const a = p.alert;
  const src = a.source ?? { scope: '', value: '' };
  const { id } = await trx
    .insertInto('alerts')
    .values({
      uuid: a.uuid || randomUUID(),
      machine_id: p.machineId,
      scenario: a.scenario ?? '',
      scenario_hash: a.scenario_hash ?? '',
      scenario_version: a.scenario_version ?? '',
      message: a.message ?? '',
      events_count: Math.trunc(a.events_count ?? 0),
      started_at: p.startedAt,
      stopped_at: p.stoppedAt,
      capacity: Math.trunc(a.capacity ?? 0),
      leak_speed: a.leakspeed ?? '',
      simulated: a.simulated ? 1 : 0,
      remediation: a.remediation ? 1 : 0,
      kind: a.kind ?? '',
      labels: JSON.stringify(a.labels ?? []),
      source_scope: normalizeScope(src.scope ?? ''),
      source_value: src.value ?? '',
      source_ip: src.ip ?? '',
      source_range: src.range ?? '',
      source_as_number: src.as_number ?? '',
      source_as_name: src.as_name ?? '',
      source_country: src.cn ?? '',
      source_latitude: src.latitude ?? 0,
      source_longitude: src.longitude ?? 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const alertId = Number(id);
  const events = (a.events ?? []).map((e) => ({
    alert_id: alertId,
    time: parseRfc3339(e.timestamp ?? '') ?? now,
    timestamp: e.timestamp ?? '',
    serialized: serializeEventMeta(e.meta ?? []),
  }));
  for (const part of chunks(events, ROWS_PER_INSERT)) await trx.insertInto('events').values(part).execute();
  const meta = (a.meta ?? []).map((m) => ({
    alert_id: alertId,
    key: truncate(m.key ?? '', META_KEY_MAX),
    value: truncate(m.value ?? '', META_VALUE_MAX),
  }));
  for (const part of chunks(meta, ROWS_PER_INSERT)) await trx.insertInto('meta').values(part).execute();
  for (const part of chunks(p.decisions, ROWS_PER_INSERT)) {
    const first = seqs.take(part.length);
    const params: unknown[] = [];
    for (const [i, d] of part.entries()) {
      params.push(
        d.uuid,
        alertId,
        d.created_at,
        d.until,
        d.scenario,
        d.type,
        d.scope,
        d.value,
        d.origin,
        d.simulated,
      );
      params.push(d.ip_size, d.start_ip, d.end_ip, first + i);
    }
    // Precompiled text instead of the query builder: building 14k-parameter statements dominated
    // bulk inserts, and identical text lets SQLite reuse its prepared statement.
    await trx.executeQuery(CompiledQuery.raw(decisionInsertSql(dialect, part.length), params));
  }
  return alertId;
}

/** See `Store.insertAlerts`. */
export async function insertAlerts(
  ctx: StoreContext,
  alerts: NewAlert[],
  now: number,
): Promise<InsertAlertsResult> {
  const counters = { invalid: 0 };
  const prepared: PreparedAlert[] = [];
  for (const a of alerts) {
    const p = prepare(a, now, counters);
    if (p !== undefined) prepared.push(p);
  }
  const ids: number[] = [];
  for (const batch of chunks(prepared, ALERTS_PER_TRANSACTION)) {
    const batchIds = await ctx.db.transaction().execute(async (trx) => {
      const seqs = await ChangeBatch.open(trx, ctx.dialect);
      const out: number[] = [];
      for (const p of batch) out.push(await writeAlert(trx, ctx.dialect, p, now, seqs));
      await seqs.close();
      return out;
    });
    ids.push(...batchIds);
  }
  const machines = [...new Set(prepared.map((p) => p.machineId).filter((m) => m !== ''))];
  if (machines.length > 0) {
    await ctx.db
      .updateTable('machines')
      .set({ last_push: now, updated_at: now })
      .where('machine_id', 'in', machines)
      .execute();
  }
  return { ids, invalidDecisions: counters.invalid, droppedAlerts: alerts.length - prepared.length };
}
