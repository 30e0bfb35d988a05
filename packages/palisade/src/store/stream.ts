/**
 * The decisions stream (`GET /v1/decisions/stream`), driven by the change sequence.
 *
 * A bouncer row's cursor is (stream_seq, stream_t0): the high-water sequence and the request time
 * of its last complete response. One pull reads the committed high water `hw` first, then:
 *
 * | mode | new | deleted |
 * |---|---|---|
 * | startup | active at t0, seq ≤ hw | stored expired rows, seq ≤ hw (CrowdSec compatibility) |
 * | first delta (no cursor) | as startup | empty (§10; fixes the #4613 scan) |
 * | delta | seq ∈ (cursor, hw], active at t0 | (a) seq ∈ (cursor, hw], expired at t0 (expired early / inserted expired); (b) seq ≤ cursor, until ∈ (prev t0, t0] (expired naturally); (c) tombstones with seq ∈ (cursor, hw] and until > prev t0 |
 *
 * Every change lands in exactly one pull: sequence ranges are contiguous and, thanks to the counter
 * lock (sequence.ts), nothing ≤ hw can commit later. Each page is its own short autocommit read
 * (keyset pagination), so a stream never holds a transaction, and never loads everything at once.
 *
 * Delta polls are the hot path (thousands of bouncers, a few changes each), so:
 * - the cursor, the high water and "did anything expire since the cursor's t0" are one read;
 *   when the sequence has not moved and nothing expired, the answer is empty without further SQL,
 *   and the cursor write is skipped unless `last_pull` is IDLE_LAST_PULL_MS old (leaving the
 *   cursor is exact: the next expiry window (prev t0, t0'] still starts where nothing was missed);
 * - the four delta sets are one UNION ALL statement with each arm capped at a page; an arm that
 *   overflows is re-read with the paged walk from its start (big imports only);
 * - those statements are compiled once per filter shape and re-run with bound values (compiled.ts).
 */
import { sql } from 'kysely';
import { compiledFor, runCompiled, Slot } from './compiled.ts';
import type { StoreContext } from './context.ts';
import {
  allOf,
  type Condition,
  decisionConditions,
  longestUntilCondition,
  noActiveTwinCondition,
} from './decision-filters.ts';
import { toDecision } from './rows.ts';
import type { DecisionColumns } from './schema.ts';
import {
  type DecisionRecord,
  type DecisionStream,
  StoreError,
  type StreamCursor,
  type StreamRequest,
} from './types.ts';

type Row = DecisionColumns & { id: number };

/** The columns a DecisionRecord needs. */
const RECORD_COLUMN_NAMES = [
  'id',
  'uuid',
  'alert_id',
  'origin',
  'type',
  'scope',
  'value',
  'scenario',
  'until',
  'simulated',
  'created_at',
  'ip_size',
] as const;

/** Which key a paged query walks (each has an index). */
type PageKey = 'id' | 'seq' | 'until';

/** Pages of `select * from <table> t where <where>` walked by (key, id). */
async function* pages(
  ctx: StoreContext,
  table: 'decisions' | 'decision_tombstones',
  alias: string,
  where: Condition,
  key: PageKey,
  pageSize: number,
): AsyncIterable<DecisionRecord[]> {
  const t = (c: string) => sql.ref(`${alias}.${c}`);
  // Only what a DecisionRecord (and the keyset) needs: less for the driver to convert per row.
  const names = key === 'id' ? RECORD_COLUMN_NAMES : [...RECORD_COLUMN_NAMES, key];
  const columns = sql.raw(names.map((c) => `"${alias}"."${c}"`).join(', '));
  let last: { k: number; id: number } | undefined;
  for (;;) {
    let after: Condition = sql`1=1`;
    if (last !== undefined) {
      after =
        key === 'id'
          ? sql`${t('id')} > ${last.id}`
          : sql`(${t(key)} > ${last.k} or (${t(key)} = ${last.k} and ${t('id')} > ${last.id}))`;
    }
    const order = key === 'id' ? sql`${t('id')}` : sql`${t(key)}, ${t('id')}`;
    const result = await sql<Row>`select ${columns} from ${sql.table(table)} ${sql.ref(alias)}
      where ${where} and ${after} order by ${order} limit ${pageSize}`.execute(ctx.db);
    const rows = result.rows;
    if (rows.length === 0) return;
    yield rows.map(toDecision);
    if (rows.length < pageSize) return;
    const tail = rows[rows.length - 1] as Row;
    last = { k: Number(key === 'id' ? tail.id : tail[key]), id: Number(tail.id) };
  }
}

async function* concat(...sources: AsyncIterable<DecisionRecord[]>[]): AsyncIterable<DecisionRecord[]> {
  for (const s of sources) yield* s;
}

async function* nothing(): AsyncIterable<DecisionRecord[]> {}

/** Rows per arm of the merged delta query (at most a page); an arm with more falls back to paged reads. */
const MERGED_ARM_ROWS = 500;

/**
 * `last_pull` of a bouncer whose pull found nothing new is rewritten at most this often (the
 * cursor is then left as it was, which is exact: its expiry window only grows). A pull that moves
 * the cursor always stores `last_pull := t0`. `last_pull` feeds display, autodelete and metrics,
 * whose granularity is far coarser.
 */
export const IDLE_LAST_PULL_MS = 60_000;

const SLOT = {
  id: new Slot('id'),
  since: new Slot('since'),
  hw: new Slot('hw'),
  t0: new Slot('t0'),
  prevT0: new Slot('prevT0'),
  now: new Slot('now'),
};

interface HeadRow {
  stream_seq: number | string | null;
  stream_t0: number | string | null;
  last_pull: number | string | null;
  hw: number | string;
  expiring: number | boolean | string;
}

/** One statement: the bouncer's cursor, the high water, and whether anything expired since. */
function headQuery(ctx: StoreContext) {
  return compiledFor(ctx.db, 'stream:head', () =>
    sql<HeadRow>`select b.stream_seq, b.stream_t0, b.last_pull, c.value as hw,
      case when exists (select 1 from decisions x where x.until > b.stream_t0 and x.until <= ${SLOT.t0}) then 1 else 0 end as expiring
      from bouncers b cross join change_counter c where b.id = ${SLOT.id} and c.id = 1`.compile(ctx.db),
  );
}

/**
 * The four delta sets in one statement, each arm capped at `armRows` + 1 rows: `k` says
 * which set a row belongs to (0 fresh, 1 expired early, 2 expired naturally, 3 tombstone) and
 * `o` its order key within the set.
 */
function mergedDeltaQuery(ctx: StoreContext, req: StreamRequest, dedup: boolean, armRows: number) {
  const key = `stream:delta:${dedup}:${armRows}:${JSON.stringify(req.filter)}`;
  return compiledFor(ctx.db, key, () => {
    const filter = decisionConditions(req.filter, 'd');
    const dd = dedup ? [longestUntilCondition(req.filter, 'd')] : [];
    const d = (...conds: Condition[]) => allOf([...conds, ...filter, ...dd]);
    const changed = [sql`d.seq > ${SLOT.since}`, sql`d.seq <= ${SLOT.hw}`];
    const cols = sql.raw(RECORD_COLUMN_NAMES.map((c) => `d.${c}`).join(', '));
    const cap = armRows + 1;
    const arm = (k: number, table: string, where: Condition, by: 'seq' | 'until') =>
      sql`select * from (select ${sql.lit(k)} as k, d.${sql.raw(by)} as o, ${cols} from ${sql.table(table)} d
        where ${where} order by d.${sql.raw(by)}, d.id limit ${sql.lit(cap)}) ${sql.raw(`a${k}`)}`;
    const tombstoneWhere = allOf([
      ...changed,
      sql`d.until > ${SLOT.prevT0}`,
      ...filter,
      ...(dedup ? [noActiveTwinCondition(req.filter, 'd', SLOT.t0 as unknown as number)] : []),
    ]);
    return sql<
      Row & { k: number; o: number }
    >`${arm(0, 'decisions', d(...changed, sql`d.until > ${SLOT.t0}`), 'seq')}
      union all ${arm(1, 'decisions', d(...changed, sql`d.until <= ${SLOT.t0}`), 'seq')}
      union all ${arm(2, 'decisions', d(sql`d.seq <= ${SLOT.since}`, sql`d.until > ${SLOT.prevT0}`, sql`d.until <= ${SLOT.t0}`), 'until')}
      union all ${arm(3, 'decision_tombstones', tombstoneWhere, 'seq')}
      order by 1, 2, 3`.compile(ctx.db);
  });
}

async function* once(rows: DecisionRecord[]): AsyncIterable<DecisionRecord[]> {
  if (rows.length > 0) yield rows;
}

/** See `Store.streamDecisions`. */
export async function streamDecisions(ctx: StoreContext, req: StreamRequest): Promise<DecisionStream> {
  const t0 = req.t0 ?? ctx.clock();
  const pageSize = Math.max(1, Math.trunc(req.pageSize ?? 10_000));
  const head = (await runCompiled<HeadRow>(ctx.db, headQuery(ctx), { id: req.bouncerId, t0 })).rows[0];
  if (head === undefined) throw new StoreError('not_found', `bouncer id ${req.bouncerId} not found`);
  // Filters are parsed before anything is streamed, so a bad `ip`/`range` fails the request cleanly.
  const filter = decisionConditions(req.filter, 'd');
  const dedupOn = req.dedup ?? true;
  const dedup = dedupOn ? [longestUntilCondition(req.filter, 'd')] : [];
  const hw = Number(head.hw);
  const cursor: StreamCursor = { seq: hw, t0 };
  const since = head.stream_seq === null ? null : Number(head.stream_seq);
  const prevT0 = head.stream_t0 === null ? null : Number(head.stream_t0);
  const lastPull = head.last_pull === null ? null : Number(head.last_pull);
  const d = (...conds: Condition[]) => allOf([...conds, ...filter, ...dedup]);

  if (req.startup || since === null || prevT0 === null) {
    const fresh = pages(ctx, 'decisions', 'd', d(sql`d.until > ${t0}`, sql`d.seq <= ${hw}`), 'id', pageSize);
    const expired = req.startup
      ? pages(ctx, 'decisions', 'd', d(sql`d.until <= ${t0}`, sql`d.seq <= ${hw}`), 'id', pageSize)
      : nothing();
    return { cursor, new: fresh, deleted: expired };
  }

  // Nothing changed (no sequence moved, nothing expired since the cursor's t0): an empty answer.
  if (since >= hw && Number(head.expiring) === 0) {
    const ackNeeded = lastPull === null || t0 - lastPull >= IDLE_LAST_PULL_MS;
    return { cursor, new: nothing(), deleted: nothing(), empty: true, ackNeeded };
  }

  const values = { since, hw, t0, prevT0 };
  const armRows = Math.min(pageSize, MERGED_ARM_ROWS);
  const merged = await runCompiled<Row & { k: number | string }>(
    ctx.db,
    mergedDeltaQuery(ctx, req, dedupOn, armRows),
    values,
  );
  const arms: DecisionRecord[][] = [[], [], [], []];
  for (const r of merged.rows) (arms[Number(r.k)] as DecisionRecord[]).push(toDecision(r));
  const complete = (k: number) => (arms[k] as DecisionRecord[]).length <= armRows;
  // A set larger than one merged arm is re-read in pages from its start (rare: big imports).
  const fresh = complete(0)
    ? once(arms[0] as DecisionRecord[])
    : pages(
        ctx,
        'decisions',
        'd',
        d(sql`d.seq > ${since}`, sql`d.seq <= ${hw}`, sql`d.until > ${t0}`),
        'seq',
        pageSize,
      );
  const expiredEarly = complete(1)
    ? once(arms[1] as DecisionRecord[])
    : pages(
        ctx,
        'decisions',
        'd',
        d(sql`d.seq > ${since}`, sql`d.seq <= ${hw}`, sql`d.until <= ${t0}`),
        'seq',
        pageSize,
      );
  const expiredNaturally = complete(2)
    ? once(arms[2] as DecisionRecord[])
    : pages(
        ctx,
        'decisions',
        'd',
        d(sql`d.seq <= ${since}`, sql`d.until > ${prevT0}`, sql`d.until <= ${t0}`),
        'until',
        pageSize,
      );
  let removed: AsyncIterable<DecisionRecord[]>;
  if (complete(3)) removed = once(arms[3] as DecisionRecord[]);
  else {
    const tombstoneWhere = allOf([
      sql`d.seq > ${since}`,
      sql`d.seq <= ${hw}`,
      sql`d.until > ${prevT0}`,
      ...filter,
      ...(dedupOn ? [noActiveTwinCondition(req.filter, 'd', t0)] : []),
    ]);
    removed = pages(ctx, 'decision_tombstones', 'd', tombstoneWhere, 'seq', pageSize);
  }
  return { cursor, new: fresh, deleted: concat(expiredEarly, expiredNaturally, removed) };
}

/** See `Store.ackStream`: the cursor only moves forward. */
export async function ackStream(ctx: StoreContext, bouncerId: number, cursor: StreamCursor): Promise<void> {
  const q = compiledFor(ctx.db, 'stream:ack', () =>
    ctx.db
      .updateTable('bouncers')
      .set({
        stream_seq: SLOT.hw as unknown as number,
        stream_t0: SLOT.t0 as unknown as number,
        last_pull: SLOT.t0 as unknown as number,
        updated_at: SLOT.now as unknown as number,
      })
      .where('id', '=', SLOT.id as unknown as number)
      .where((eb) =>
        eb.or([eb('stream_seq', 'is', null), eb('stream_seq', '<=', SLOT.hw as unknown as number)]),
      )
      .where((eb) =>
        eb.or([eb('stream_t0', 'is', null), eb('stream_t0', '<=', SLOT.t0 as unknown as number)]),
      )
      .compile(),
  );
  await runCompiled(ctx.db, q, { id: bouncerId, hw: cursor.seq, t0: cursor.t0, now: ctx.clock() });
}
