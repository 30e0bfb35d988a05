/**
 * `insertAlerts`: alert rows with their events, meta and decisions, 50 alerts per transaction;
 * the child rows of a transaction's alerts go out as multi-row inserts (precompiled SQL text), each
 * decision taking its own change sequence number.
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

const DECISION_INSERT_COLUMNS = [
  'uuid',
  'alert_id',
  'created_at',
  'until',
  'scenario',
  'type',
  'scope',
  'value',
  'origin',
  'simulated',
  'ip_size',
  'start_ip',
  'end_ip',
  'seq',
] as const;
const ALERT_INSERT_COLUMNS = [
  'uuid',
  'machine_id',
  'scenario',
  'scenario_hash',
  'scenario_version',
  'message',
  'events_count',
  'started_at',
  'stopped_at',
  'capacity',
  'leak_speed',
  'simulated',
  'remediation',
  'kind',
  'labels',
  'source_scope',
  'source_value',
  'source_ip',
  'source_range',
  'source_as_number',
  'source_as_name',
  'source_country',
  'source_latitude',
  'source_longitude',
  'created_at',
] as const;
const EVENT_INSERT_COLUMNS = ['alert_id', 'time', 'timestamp', 'serialized'] as const;
const META_INSERT_COLUMNS = ['alert_id', 'key', 'value'] as const;
const insertSqlCache = new Map<string, string>();

/**
 * `insert into <table> (<columns>) values (...), ...` for `rows` rows in the dialect's
 * placeholders (plus `returning id` when asked). Precompiled text instead of the query builder:
 * building the statements dominated inserts, and identical text lets SQLite reuse its prepared
 * statement.
 */
function insertSql(
  dialect: StoreDialect,
  table: string,
  columns: readonly string[],
  rows: number,
  returningId = false,
): string {
  const key = `${dialect}:${table}:${rows}:${returningId}`;
  let text = insertSqlCache.get(key);
  if (text === undefined) {
    const width = columns.length;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const marks: string[] = [];
      for (let c = 1; c <= width; c++) marks.push(dialect === 'postgresql' ? `$${r * width + c}` : '?');
      tuples.push(`(${marks.join(', ')})`);
    }
    const cols = columns.map((c) => `"${c}"`).join(', ');
    text = `insert into "${table}" (${cols}) values ${tuples.join(', ')}${returningId ? ' returning "id"' : ''}`;
    if (insertSqlCache.size > 256) insertSqlCache.clear();
    insertSqlCache.set(key, text);
  }
  return text;
}

/**
 * Child rows (events, meta, decisions) of the alerts of one transaction, written as multi-row
 * inserts: one statement per table per transaction (per ROWS_PER_INSERT rows) instead of one per
 * alert. Rows keep their order, so ids and change sequence numbers come out as before.
 */
class PendingRows {
  readonly #table: string;
  readonly #columns: readonly string[];
  #params: unknown[] = [];
  #rows = 0;

  constructor(table: string, columns: readonly string[]) {
    this.#table = table;
    this.#columns = columns;
  }

  /** Queues one row (values in column order); writes the batch when it is full. */
  async add(trx: StoreContext['db'], dialect: StoreDialect, values: readonly unknown[]): Promise<void> {
    for (const v of values) this.#params.push(v);
    this.#rows++;
    if (this.#rows >= ROWS_PER_INSERT) await this.flush(trx, dialect);
  }

  /** Writes what is queued. */
  async flush(trx: StoreContext['db'], dialect: StoreDialect): Promise<void> {
    if (this.#rows === 0) return;
    const q = CompiledQuery.raw(insertSql(dialect, this.#table, this.#columns, this.#rows), this.#params);
    this.#params = [];
    this.#rows = 0;
    await trx.executeQuery(q);
  }
}

/** The child-row buffers of one transaction. */
interface ChildRows {
  events: PendingRows;
  meta: PendingRows;
  decisions: PendingRows;
}

function childRows(): ChildRows {
  return {
    events: new PendingRows('events', EVENT_INSERT_COLUMNS),
    meta: new PendingRows('meta', META_INSERT_COLUMNS),
    decisions: new PendingRows('decisions', DECISION_INSERT_COLUMNS),
  };
}

/** Inserts the alert row now (its id is needed) and queues its child rows in `rows`. */
async function writeAlert(
  trx: StoreContext['db'],
  dialect: StoreDialect,
  p: PreparedAlert,
  now: number,
  seqs: ChangeBatch,
  rows: ChildRows,
): Promise<number> {
  const a = p.alert;
  const src = a.source ?? { scope: '', value: '' };
  const alertParams = [
    a.uuid || randomUUID(),
    p.machineId,
    a.scenario ?? '',
    a.scenario_hash ?? '',
    a.scenario_version ?? '',
    a.message ?? '',
    Math.trunc(a.events_count ?? 0),
    p.startedAt,
    p.stoppedAt,
    Math.trunc(a.capacity ?? 0),
    a.leakspeed ?? '',
    a.simulated ? 1 : 0,
    a.remediation ? 1 : 0,
    a.kind ?? '',
    JSON.stringify(a.labels ?? []),
    normalizeScope(src.scope ?? ''),
    src.value ?? '',
    src.ip ?? '',
    src.range ?? '',
    src.as_number ?? '',
    src.as_name ?? '',
    src.cn ?? '',
    src.latitude ?? 0,
    src.longitude ?? 0,
    now,
  ];
  const inserted = await trx.executeQuery<{ id: number | string }>(
    CompiledQuery.raw(insertSql(dialect, 'alerts', ALERT_INSERT_COLUMNS, 1, true), alertParams),
  );
  const id = (inserted.rows[0] as { id: number | string }).id;
  const alertId = Number(id);
  for (const e of a.events ?? []) {
    await rows.events.add(trx, dialect, [
      alertId,
      parseRfc3339(e.timestamp ?? '') ?? now,
      e.timestamp ?? '',
      serializeEventMeta(e.meta ?? []),
    ]);
  }
  for (const m of a.meta ?? []) {
    await rows.meta.add(trx, dialect, [
      alertId,
      truncate(m.key ?? '', META_KEY_MAX),
      truncate(m.value ?? '', META_VALUE_MAX),
    ]);
  }
  for (const d of p.decisions) {
    await rows.decisions.add(trx, dialect, [
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
      d.ip_size,
      d.start_ip,
      d.end_ip,
      seqs.take(1),
    ]);
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
  const machines = [...new Set(prepared.map((p) => p.machineId).filter((m) => m !== ''))];
  const touchMachines = (db: StoreContext['db']) =>
    db
      .updateTable('machines')
      .set({ last_push: now, updated_at: now })
      .where('machine_id', 'in', machines)
      .execute();
  const ids: number[] = [];
  const batches = chunks(prepared, ALERTS_PER_TRANSACTION);
  for (const [i, batch] of batches.entries()) {
    const batchIds = await ctx.db.transaction().execute(async (trx) => {
      const seqs = await ChangeBatch.open(trx, ctx.dialect);
      const out: number[] = [];
      const rows = childRows();
      for (const p of batch) out.push(await writeAlert(trx, ctx.dialect, p, now, seqs, rows));
      await rows.events.flush(trx, ctx.dialect);
      await rows.meta.flush(trx, ctx.dialect);
      await rows.decisions.flush(trx, ctx.dialect);
      await seqs.close();
      // last_push rides on the last transaction: one commit per POST instead of two.
      if (i === batches.length - 1 && machines.length > 0) await touchMachines(trx);
      return out;
    });
    ids.push(...batchIds);
  }
  return { ids, invalidDecisions: counters.invalid, droppedAlerts: alerts.length - prepared.length };
}
