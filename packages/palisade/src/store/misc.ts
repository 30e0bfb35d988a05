/** Usage metrics rows, config items, named locks and counts. */
import type { StoreContext } from './context.ts';
import { isUniqueViolation } from './errors.ts';
import { readHighWater } from './sequence.ts';
import type { StoreStats, UsageMetricsRecord } from './types.ts';

export async function insertUsageMetrics(
  ctx: StoreContext,
  m: Omit<UsageMetricsRecord, 'id' | 'pushedAt'>,
): Promise<number> {
  const { id } = await ctx.db
    .insertInto('metrics')
    .values({
      generated_type: m.generatedType,
      generated_by: m.generatedBy,
      received_at: m.receivedAt,
      payload: m.payload,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function listUnpushedMetrics(ctx: StoreContext, limit: number): Promise<UsageMetricsRecord[]> {
  const rows = await ctx.db
    .selectFrom('metrics')
    .selectAll()
    .where('pushed_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    generatedType: r.generated_type === 'RC' ? 'RC' : 'LP',
    generatedBy: r.generated_by,
    receivedAt: Number(r.received_at),
    pushedAt: r.pushed_at === null ? null : Number(r.pushed_at),
    payload: r.payload,
  }));
}

export async function markMetricsPushed(ctx: StoreContext, ids: number[], at: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    await ctx.db
      .updateTable('metrics')
      .set({ pushed_at: at })
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
  }
}

export async function getConfigItem(ctx: StoreContext, name: string): Promise<string | undefined> {
  const r = await ctx.db
    .selectFrom('config_items')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return r?.value;
}

export async function setConfigItem(ctx: StoreContext, name: string, value: string): Promise<void> {
  const now = ctx.clock();
  await ctx.db
    .insertInto('config_items')
    .values({ name, value, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: now }))
    .execute();
}

export async function acquireLock(
  ctx: StoreContext,
  name: string,
  staleMs: number,
  now: number,
): Promise<boolean> {
  await ctx.db
    .deleteFrom('locks')
    .where('name', '=', name)
    .where('created_at', '<=', now - staleMs)
    .execute();
  try {
    await ctx.db.insertInto('locks').values({ name, created_at: now }).execute();
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export async function releaseLock(ctx: StoreContext, name: string): Promise<void> {
  await ctx.db.deleteFrom('locks').where('name', '=', name).execute();
}

export async function stats(ctx: StoreContext): Promise<StoreStats> {
  const count = async (table: 'machines' | 'bouncers' | 'alerts' | 'decisions' | 'decision_tombstones') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    machines: await count('machines'),
    bouncers: await count('bouncers'),
    alerts: await count('alerts'),
    decisions: await count('decisions'),
    tombstones: await count('decision_tombstones'),
    changeSeq: await readHighWater(ctx.db),
  };
}
