/** Reading and deleting alerts (GET/DELETE /v1/alerts, /v1/alerts/{id}). */
import { sql } from 'kysely';
import { alertConditions } from './alert-filters.ts';
import { chunks, type StoreContext } from './context.ts';
import { allOf } from './decision-filters.ts';
import { toAlert, toDecision, toEvent } from './rows.ts';
import { ChangeBatch } from './sequence.ts';
import { deleteDecisionsOfAlerts } from './tombstones.ts';
import type { AlertFilter, AlertRecord } from './types.ts';

const IDS_PER_QUERY = 1000;

/** Fills decisions (optional), events and meta of `alerts` (in place). */
async function loadChildren(ctx: StoreContext, alerts: AlertRecord[], withDecisions: boolean): Promise<void> {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  for (const ids of chunks([...byId.keys()], IDS_PER_QUERY)) {
    if (withDecisions) {
      for (const r of await ctx.db
        .selectFrom('decisions')
        .selectAll()
        .where('alert_id', 'in', ids)
        .orderBy('id')
        .execute()) {
        byId.get(Number(r.alert_id))?.decisions.push(toDecision(r));
      }
    }
    for (const r of await ctx.db
      .selectFrom('events')
      .selectAll()
      .where('alert_id', 'in', ids)
      .orderBy('id')
      .execute()) {
      byId.get(Number(r.alert_id))?.events.push(toEvent(r));
    }
    for (const r of await ctx.db
      .selectFrom('meta')
      .selectAll()
      .where('alert_id', 'in', ids)
      .orderBy('id')
      .execute()) {
      byId.get(Number(r.alert_id))?.meta.push({ key: r.key, value: r.value });
    }
  }
}

export async function getAlert(ctx: StoreContext, id: number): Promise<AlertRecord | undefined> {
  const row = await ctx.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const alert = toAlert(row);
  await loadChildren(ctx, [alert], true);
  return alert;
}

export async function queryAlerts(
  ctx: StoreContext,
  filter: AlertFilter,
  now: number,
): Promise<AlertRecord[]> {
  const where = allOf(alertConditions(filter, now));
  const desc = (filter.sort ?? 'DESC').toUpperCase() !== 'ASC';
  let q = ctx.db
    .selectFrom('alerts as a')
    .selectAll('a')
    .where(() => where as never)
    .orderBy('a.created_at', desc ? 'desc' : 'asc')
    .orderBy('a.id', desc ? 'desc' : 'asc');
  const limit = filter.limit ?? 100;
  if (limit > 0) q = q.limit(limit);
  const alerts = (await q.execute()).map(toAlert);
  await loadChildren(ctx, alerts, filter.withDecisions ?? true);
  return alerts;
}

/** Deletes alerts by id in transactions of 1000, decisions through tombstones. */
async function deleteAlertIds(ctx: StoreContext, ids: readonly number[], now: number): Promise<number> {
  let deleted = 0;
  for (const part of chunks(ids, IDS_PER_QUERY)) {
    deleted += await ctx.db.transaction().execute(async (trx) => {
      const seqs = await ChangeBatch.open(trx, ctx.dialect);
      await deleteDecisionsOfAlerts(trx, part, seqs, now);
      const r = await trx.deleteFrom('alerts').where('id', 'in', part).executeTakeFirst();
      await seqs.close();
      return Number(r.numDeletedRows);
    });
  }
  return deleted;
}

export async function deleteAlerts(ctx: StoreContext, filter: AlertFilter, now: number): Promise<number> {
  const where = allOf(alertConditions(filter, now));
  const rows = await sql<{ id: number }>`select a.id from alerts a where ${where} order by a.id`.execute(
    ctx.db,
  );
  return deleteAlertIds(
    ctx,
    rows.rows.map((r) => Number(r.id)),
    now,
  );
}

export async function deleteAlertById(ctx: StoreContext, id: number, now: number): Promise<boolean> {
  return (await deleteAlertIds(ctx, [id], now)) > 0;
}

/** Exposed for flush: delete these alert ids (decisions tombstoned when still relevant). */
export { deleteAlertIds };
