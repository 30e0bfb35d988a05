/** Decisions: live queries (GET /v1/decisions), expiry (DELETE /v1/decisions), metrics counts. */
import { sql } from 'kysely';
import { chunks, type StoreContext } from './context.ts';
import { allOf, decisionConditions } from './decision-filters.ts';
import { toDecision } from './rows.ts';
import type { DecisionColumns } from './schema.ts';
import { ChangeBatch } from './sequence.ts';
import type { ActiveDecisionCount, DecisionFilter, DecisionRecord } from './types.ts';

type DecisionRow = DecisionColumns & { id: number };

/** Active decisions (`until > now`) matching `filter`, by id, with limit/offset. */
export async function queryDecisions(
  ctx: StoreContext,
  filter: DecisionFilter,
  now: number,
): Promise<DecisionRecord[]> {
  const where = allOf([sql`d.until > ${now}`, ...decisionConditions(filter, 'd')]);
  const limit = filter.limit !== undefined && filter.limit > 0 ? filter.limit : 0;
  const offset = filter.offset !== undefined && filter.offset > 0 ? filter.offset : 0;
  // SQLite needs a LIMIT before OFFSET (-1 = none); PostgreSQL rejects a negative LIMIT.
  let tail =
    limit > 0 ? sql` limit ${limit}` : offset > 0 && ctx.dialect === 'sqlite' ? sql` limit -1` : sql``;
  if (offset > 0) tail = sql`${tail} offset ${offset}`;
  const rows =
    await sql<DecisionRow>`select d.* from decisions d where ${where} order by d.id${tail}`.execute(ctx.db);
  return rows.rows.map(toDecision);
}

const IDS_PER_UPDATE = 1000;

/** Sets `until := now` on `ids` with one fresh sequence number (inside the caller's transaction). */
async function expireIds(
  trx: StoreContext['db'],
  ids: readonly number[],
  seqs: ChangeBatch,
  now: number,
): Promise<number> {
  let n = 0;
  for (const part of chunks(ids, IDS_PER_UPDATE)) {
    const seq = seqs.take(1);
    const r = await trx
      .updateTable('decisions')
      .set({ until: now, seq })
      .where('id', 'in', part)
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

/** Expires active decisions matching `filter`; returns how many. */
export async function expireDecisions(
  ctx: StoreContext,
  filter: DecisionFilter,
  now: number,
): Promise<number> {
  const where = allOf([
    sql`d.until > ${now}`,
    ...decisionConditions({ ...filter, includeSimulated: true }, 'd'),
  ]);
  return ctx.db.transaction().execute(async (trx) => {
    const seqs = await ChangeBatch.open(trx, ctx.dialect);
    const rows = await sql<{ id: number }>`select d.id from decisions d where ${where} order by d.id`.execute(
      trx,
    );
    const n = await expireIds(
      trx,
      rows.rows.map((r) => Number(r.id)),
      seqs,
      now,
    );
    await seqs.close();
    return n;
  });
}

/** Expires one decision, even when already expired; false when it does not exist. */
export async function expireDecisionById(ctx: StoreContext, id: number, now: number): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const seqs = await ChangeBatch.open(trx, ctx.dialect);
    const n = await expireIds(trx, [id], seqs, now);
    await seqs.close();
    return n > 0;
  });
}

/** Active, non-simulated decisions grouped by scenario/origin/type (`cs_active_decisions`). */
export async function countActiveDecisions(ctx: StoreContext, now: number): Promise<ActiveDecisionCount[]> {
  const rows = await ctx.db
    .selectFrom('decisions')
    .select(['scenario', 'origin', 'type', (eb) => eb.fn.countAll().as('count')])
    .where('until', '>', now)
    .where('simulated', '=', 0)
    .groupBy(['scenario', 'origin', 'type'])
    .orderBy('scenario')
    .orderBy('origin')
    .orderBy('type')
    .execute();
  return rows.map((r) => ({ scenario: r.scenario, origin: r.origin, type: r.type, count: Number(r.count) }));
}

/** Alerts per scenario, excluding alerts that carry CAPI/lists decisions (`cs_alerts`). */
export async function countAlertsByScenario(
  ctx: StoreContext,
): Promise<{ scenario: string; count: number }[]> {
  const rows = await sql<{
    scenario: string;
    count: number;
  }>`select a.scenario, count(*) as count from alerts a
    where not exists (select 1 from decisions d where d.alert_id = a.id and d.origin in ('CAPI', 'lists'))
      and a.source_scope not like 'lists:%' and a.source_scope <> 'crowdsecurity/community-blocklist'
    group by a.scenario order by a.scenario`.execute(ctx.db);
  return rows.rows.map((r) => ({ scenario: r.scenario, count: Number(r.count) }));
}
