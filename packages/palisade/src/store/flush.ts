/** Retention (`db_config.flush`, §5.1), plus cleanup of our own tombstones. */
import { sql } from 'kysely';
import { deleteAlertIds } from './alerts-query.ts';
import type { StoreContext } from './context.ts';
import { TOMBSTONE_MIN_AGE_MS } from './tombstones.ts';
import type { FlushReport } from './types.ts';

const DEFAULT_METRICS_MAX_AGE_MS = 7 * 86_400_000;
/** Tombstones nobody fetched within this long are dropped anyway (a bouncer gone for a week resyncs). */
const TOMBSTONE_MAX_AGE_MS = 7 * 86_400_000;
/** Loopback machines are never auto-deleted (the local agent and cscli). */
const LOCAL_IPS = ['127.0.0.1', '::1'];

async function alertIdsWithoutActiveDecision(
  ctx: StoreContext,
  now: number,
  extra: ReturnType<typeof sql>,
): Promise<number[]> {
  const rows = await sql<{ id: number }>`select a.id from alerts a
    where ${extra} and not exists (select 1 from decisions d where d.alert_id = a.id and d.until > ${now})
    order by a.id`.execute(ctx.db);
  return rows.rows.map((r) => Number(r.id));
}

/** Tombstones every bouncer has consumed (or too old to matter). */
async function flushTombstones(ctx: StoreContext, now: number): Promise<number> {
  const min = await ctx.db
    .selectFrom('bouncers')
    .select((eb) => eb.fn.min('stream_seq').as('s'))
    .where('stream_seq', 'is not', null)
    .executeTakeFirst();
  const consumed = min?.s === null || min?.s === undefined ? Number.POSITIVE_INFINITY : Number(min.s);
  const r = await ctx.db
    .deleteFrom('decision_tombstones')
    .where((eb) =>
      eb.or([
        eb('deleted_at', '<=', now - TOMBSTONE_MAX_AGE_MS),
        eb.and([
          eb('deleted_at', '<=', now - TOMBSTONE_MIN_AGE_MS),
          Number.isFinite(consumed) ? eb('seq', '<=', consumed) : eb.lit(true),
        ]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** See `Store.flush`. */
export async function flush(ctx: StoreContext, now: number): Promise<FlushReport> {
  const report: FlushReport = {
    alertsByAge: 0,
    alertsByCount: 0,
    orphanEvents: 0,
    tombstones: 0,
    metrics: 0,
    bouncers: 0,
    machines: 0,
  };
  report.tombstones = await flushTombstones(ctx, now);
  const cfg = ctx.flush;
  if (cfg === undefined) return report;

  if (cfg.max_age !== undefined && cfg.max_age > 0) {
    const ids = await alertIdsWithoutActiveDecision(ctx, now, sql`a.created_at <= ${now - cfg.max_age}`);
    report.alertsByAge = await deleteAlertIds(ctx, ids, now);
  }
  if (cfg.max_items !== undefined && cfg.max_items > 0) {
    const top = await ctx.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    const cutoff = Number(top?.m ?? 0) - cfg.max_items;
    if (cutoff > 0) {
      const ids = await alertIdsWithoutActiveDecision(ctx, now, sql`a.id < ${cutoff}`);
      report.alertsByCount = await deleteAlertIds(ctx, ids, now);
    }
  }
  const orphans =
    await sql`delete from events where not exists (select 1 from alerts a where a.id = events.alert_id)`.execute(
      ctx.db,
    );
  report.orphanEvents = Number(orphans.numAffectedRows ?? 0);

  const metricsAge = cfg.metrics_max_age ?? DEFAULT_METRICS_MAX_AGE_MS;
  if (metricsAge > 0) {
    const r = await ctx.db
      .deleteFrom('metrics')
      .where('received_at', '<=', now - metricsAge)
      .executeTakeFirst();
    report.metrics = Number(r.numDeletedRows);
  }

  for (const [authType, age] of [
    ['api-key', cfg.bouncers_autodelete?.api_key],
    ['tls', cfg.bouncers_autodelete?.cert],
  ] as const) {
    if (age === undefined || age <= 0) continue;
    const r = await ctx.db
      .deleteFrom('bouncers')
      .where('auth_type', '=', authType)
      .where('last_pull', 'is not', null)
      .where('last_pull', '<=', now - age)
      .executeTakeFirst();
    report.bouncers += Number(r.numDeletedRows);
  }
  for (const [authType, age] of [
    ['password', cfg.agents_autodelete?.login_password],
    ['tls', cfg.agents_autodelete?.cert],
  ] as const) {
    if (age === undefined || age <= 0) continue;
    const r = await ctx.db
      .deleteFrom('machines')
      .where('auth_type', '=', authType)
      .where('last_heartbeat', 'is not', null)
      .where('last_heartbeat', '<=', now - age)
      .where('ip_address', 'not in', LOCAL_IPS)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('alerts')
              .select('alerts.id')
              .whereRef('alerts.machine_id', '=', 'machines.machine_id'),
          ),
        ),
      )
      .executeTakeFirst();
    report.machines += Number(r.numDeletedRows);
  }
  return report;
}
