/** Bouncers: hashed API keys, the per-(key, client IP) identity of §1.2, pull bookkeeping. */
import type { Selectable } from 'kysely';
import { compiledFor, runCompiled, Slot } from './compiled.ts';
import type { StoreContext } from './context.ts';
import { isUniqueViolation } from './errors.ts';
import { toBouncer } from './rows.ts';
import type { BouncersTable } from './schema.ts';
import { type BouncerPatch, type BouncerRecord, type NewBouncer, StoreError } from './types.ts';
import { hashApiKey, parseIpRange } from './values.ts';

/** Creates a bouncer; StoreError('conflict') when the name exists. */
export async function createBouncer(ctx: StoreContext, b: NewBouncer): Promise<BouncerRecord> {
  const hash = b.apiKeyHash ?? (b.apiKey !== undefined ? hashApiKey(b.apiKey) : undefined);
  if (hash === undefined || hash === '')
    throw new StoreError('invalid', `bouncer '${b.name}': an API key is required`);
  const now = ctx.clock();
  try {
    const row = await ctx.db
      .insertInto('bouncers')
      .values({
        name: b.name,
        api_key_hash: hash,
        ip_address: b.ipAddress ?? '',
        type: b.type ?? '',
        version: b.version ?? '',
        auth_type: b.authType ?? 'api-key',
        auto_created: b.autoCreated ? 1 : 0,
        os_name: '',
        os_family: '',
        os_version: '',
        feature_flags: '',
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toBouncer(row);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new StoreError('conflict', `bouncer '${b.name}' already exists`, { cause: err });
    throw err;
  }
}

export async function getBouncer(ctx: StoreContext, name: string): Promise<BouncerRecord | undefined> {
  const r = await ctx.db.selectFrom('bouncers').selectAll().where('name', '=', name).executeTakeFirst();
  return r === undefined ? undefined : toBouncer(r);
}

export async function getBouncerById(ctx: StoreContext, id: number): Promise<BouncerRecord | undefined> {
  const r = await ctx.db.selectFrom('bouncers').selectAll().where('id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : toBouncer(r);
}

export async function listBouncers(ctx: StoreContext): Promise<BouncerRecord[]> {
  return (await ctx.db.selectFrom('bouncers').selectAll().orderBy('id').execute()).map(toBouncer);
}

export async function deleteBouncer(ctx: StoreContext, name: string): Promise<boolean> {
  const r = await ctx.db.deleteFrom('bouncers').where('name', '=', name).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

const PATCH_COLUMNS = {
  lastPull: 'last_pull',
  ipAddress: 'ip_address',
  type: 'type',
  version: 'version',
  osName: 'os_name',
  osFamily: 'os_family',
  osVersion: 'os_version',
  featureFlags: 'feature_flags',
} as const;

export async function updateBouncer(ctx: StoreContext, id: number, patch: BouncerPatch): Promise<boolean> {
  const set: Record<string, string | number> = { updated_at: ctx.clock() };
  for (const [field, column] of Object.entries(PATCH_COLUMNS)) {
    const v = patch[field as keyof typeof PATCH_COLUMNS];
    if (v !== undefined) set[column] = v;
  }
  const r = await ctx.db.updateTable('bouncers').set(set).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function bouncerKeyExists(ctx: StoreContext, apiKeyHash: string): Promise<boolean> {
  const r = await ctx.db
    .selectFrom('bouncers')
    .select('id')
    .where('api_key_hash', '=', apiKeyHash)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** `fw@1.2.3.4@10.0.0.1` → `fw`: drops trailing `@<ip>` segments (§1.2). */
export function bouncerBaseName(name: string): string {
  let base = name;
  for (;;) {
    const at = base.lastIndexOf('@');
    if (at <= 0 || parseIpRange(base.slice(at + 1)) === undefined || base.slice(at + 1).includes('/'))
      return base;
    base = base.slice(0, at);
  }
}

const EXACT_SLOT = { hash: new Slot('hash'), ip: new Slot('ip') };

/** The per-IP identity rule of §1.2, in one transaction (see `Store.resolveBouncer`). */
export async function resolveBouncer(
  ctx: StoreContext,
  apiKeyHash: string,
  clientIp: string,
): Promise<BouncerRecord | undefined> {
  // The common case (the row for this key and IP exists) needs no write lock: one plain read.
  const exactQuery = compiledFor(ctx.db, 'bouncers:exact', () =>
    ctx.db
      .selectFrom('bouncers')
      .selectAll()
      .where('api_key_hash', '=', EXACT_SLOT.hash as unknown as string)
      .where('ip_address', '=', EXACT_SLOT.ip as unknown as string)
      .orderBy('id')
      .limit(1)
      .compile(),
  );
  const known = (
    await runCompiled<Selectable<BouncersTable>>(ctx.db, exactQuery, { hash: apiKeyHash, ip: clientIp })
  ).rows[0];
  if (known !== undefined) return toBouncer(known);
  const attempt = () =>
    ctx.db.transaction().execute(async (trx) => {
      const exact = await trx
        .selectFrom('bouncers')
        .selectAll()
        .where('api_key_hash', '=', apiKeyHash)
        .where('ip_address', '=', clientIp)
        .orderBy('id')
        .executeTakeFirst();
      if (exact !== undefined) return toBouncer(exact);
      const rows = await trx
        .selectFrom('bouncers')
        .selectAll()
        .where('api_key_hash', '=', apiKeyHash)
        .orderBy('id')
        .execute();
      const first = rows[0];
      if (first === undefined) return undefined;
      const now = ctx.clock();
      if (rows.length === 1 && first.ip_address === '') {
        await trx
          .updateTable('bouncers')
          .set({ ip_address: clientIp, updated_at: now })
          .where('id', '=', first.id)
          .execute();
        return toBouncer({ ...first, ip_address: clientIp, updated_at: now });
      }
      const name = `${bouncerBaseName(first.name)}@${clientIp}`;
      const created = await trx
        .insertInto('bouncers')
        .values({
          name,
          api_key_hash: apiKeyHash,
          ip_address: clientIp,
          type: first.type,
          version: first.version,
          auth_type: first.auth_type,
          auto_created: 1,
          os_name: '',
          os_family: '',
          os_version: '',
          feature_flags: '',
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toBouncer(created);
    });
  try {
    return await attempt();
  } catch (err) {
    // Another request created the same `<name>@<ip>` row first: use it (same key only).
    if (!isUniqueViolation(err)) throw err;
    const again = await attempt().catch(() => undefined);
    if (again !== undefined) return again;
    throw new StoreError('conflict', `bouncer name for key at ${clientIp} is taken by another bouncer`, {
      cause: err,
    });
  }
}
