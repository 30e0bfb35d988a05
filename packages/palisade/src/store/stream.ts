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
 */
import { sql } from 'kysely';
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
import { readHighWater } from './sequence.ts';
import {
  type DecisionRecord,
  type DecisionStream,
  StoreError,
  type StreamCursor,
  type StreamRequest,
} from './types.ts';

type Row = DecisionColumns & { id: number };

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
    const result = await sql<Row>`select ${sql.ref(alias)}.* from ${sql.table(table)} ${sql.ref(alias)}
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

/** See `Store.streamDecisions`. */
export async function streamDecisions(ctx: StoreContext, req: StreamRequest): Promise<DecisionStream> {
  const t0 = req.t0 ?? ctx.clock();
  const pageSize = Math.max(1, Math.trunc(req.pageSize ?? 10_000));
  const bouncer = await ctx.db
    .selectFrom('bouncers')
    .select(['stream_seq', 'stream_t0'])
    .where('id', '=', req.bouncerId)
    .executeTakeFirst();
  if (bouncer === undefined) throw new StoreError('not_found', `bouncer id ${req.bouncerId} not found`);
  // Filters are parsed before anything is streamed, so a bad `ip`/`range` fails the request cleanly.
  const filter = decisionConditions(req.filter, 'd');
  const dedup = (req.dedup ?? true) ? [longestUntilCondition(req.filter, 'd')] : [];
  const hw = await readHighWater(ctx.db);
  const cursor: StreamCursor = { seq: hw, t0 };
  const since = bouncer.stream_seq === null ? null : Number(bouncer.stream_seq);
  const prevT0 = bouncer.stream_t0 === null ? null : Number(bouncer.stream_t0);
  const d = (...conds: Condition[]) => allOf([...conds, ...filter, ...dedup]);

  if (req.startup || since === null || prevT0 === null) {
    const fresh = pages(ctx, 'decisions', 'd', d(sql`d.until > ${t0}`, sql`d.seq <= ${hw}`), 'id', pageSize);
    const expired = req.startup
      ? pages(ctx, 'decisions', 'd', d(sql`d.until <= ${t0}`, sql`d.seq <= ${hw}`), 'id', pageSize)
      : nothing();
    return { cursor, new: fresh, deleted: expired };
  }

  const changed = [sql`d.seq > ${since}`, sql`d.seq <= ${hw}`];
  const fresh = pages(ctx, 'decisions', 'd', d(...changed, sql`d.until > ${t0}`), 'seq', pageSize);
  const expiredEarly = pages(ctx, 'decisions', 'd', d(...changed, sql`d.until <= ${t0}`), 'seq', pageSize);
  const expiredNaturally = pages(
    ctx,
    'decisions',
    'd',
    d(sql`d.seq <= ${since}`, sql`d.until > ${prevT0}`, sql`d.until <= ${t0}`),
    'until',
    pageSize,
  );
  const tombstoneWhere = allOf([
    sql`d.seq > ${since}`,
    sql`d.seq <= ${hw}`,
    sql`d.until > ${prevT0}`,
    ...filter,
    ...((req.dedup ?? true) ? [noActiveTwinCondition(req.filter, 'd', t0)] : []),
  ]);
  const removed = pages(ctx, 'decision_tombstones', 'd', tombstoneWhere, 'seq', pageSize);
  return { cursor, new: fresh, deleted: concat(expiredEarly, expiredNaturally, removed) };
}

/** See `Store.ackStream`: the cursor only moves forward. */
export async function ackStream(ctx: StoreContext, bouncerId: number, cursor: StreamCursor): Promise<void> {
  await ctx.db
    .updateTable('bouncers')
    .set({ stream_seq: cursor.seq, stream_t0: cursor.t0, last_pull: cursor.t0, updated_at: ctx.clock() })
    .where('id', '=', bouncerId)
    .where((eb) => eb.or([eb('stream_seq', 'is', null), eb('stream_seq', '<=', cursor.seq)]))
    .where((eb) => eb.or([eb('stream_t0', 'is', null), eb('stream_t0', '<=', cursor.t0)]))
    .execute();
}
