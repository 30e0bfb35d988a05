/**
 * Hard deletion of decisions with tombstones: the row moves to `decision_tombstones` with a fresh
 * change sequence, so a delta stream reports it in `deleted` (CrowdSec never does: #320, #2450).
 */
import { sql } from 'kysely';
import type { Db } from './context.ts';
import type { ChangeBatch } from './sequence.ts';

/** Tombstones are kept for at least this long (lets in-flight first streams finish). */
export const TOMBSTONE_MIN_AGE_MS = 3_600_000;

/**
 * Decisions that expired at or before this time are known to every bouncer (each cursor's last
 * pull is later), so deleting them needs no tombstone.
 */
export async function tombstoneCutoff(db: Db, now: number): Promise<number> {
  const row = await db
    .selectFrom('bouncers')
    .select((eb) => eb.fn.min('stream_t0').as('t'))
    .where('stream_t0', 'is not', null)
    .executeTakeFirst();
  const oldestPull = row?.t === null || row?.t === undefined ? Number.POSITIVE_INFINITY : Number(row.t);
  return Math.min(oldestPull, now - TOMBSTONE_MIN_AGE_MS);
}

/**
 * Deletes the decisions of `alertIds` inside the caller's transaction (whose ChangeBatch is open),
 * writing tombstones for those a bouncer may still hold. Returns the number of decisions deleted.
 */
export async function deleteDecisionsOfAlerts(
  trx: Db,
  alertIds: readonly number[],
  seqs: ChangeBatch,
  now: number,
): Promise<number> {
  if (alertIds.length === 0) return 0;
  const cutoff = await tombstoneCutoff(trx, now);
  const seq = seqs.take(1);
  await sql`insert into decision_tombstones
      (id, deleted_at, uuid, alert_id, created_at, until, scenario, type, scope, value, origin, simulated, ip_size, start_ip, end_ip, seq)
    select id, ${now}, uuid, alert_id, created_at, until, scenario, type, scope, value, origin, simulated, ip_size, start_ip, end_ip, ${seq}
    from decisions where alert_id in (${sql.join(alertIds)}) and until > ${cutoff}`.execute(trx);
  const r = await trx.deleteFrom('decisions').where('alert_id', 'in', alertIds).executeTakeFirst();
  return Number(r.numDeletedRows);
}
