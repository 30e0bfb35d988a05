/** Machines (agents, cscli): bcrypt passwords, validation, and the fields login/heartbeat update. */
import bcrypt from 'bcryptjs';
import type { StoreContext } from './context.ts';
import { isUniqueViolation } from './errors.ts';
import { toMachine } from './rows.ts';
import { type MachinePatch, type MachineRecord, type NewMachine, StoreError } from './types.ts';

async function passwordHashOf(
  ctx: StoreContext,
  m: { password?: string; passwordHash?: string },
): Promise<string | undefined> {
  if (m.passwordHash !== undefined) return m.passwordHash;
  if (m.password !== undefined) return bcrypt.hash(m.password, ctx.bcryptCost);
  return undefined;
}

function conflict(machineId: string, cause?: unknown): StoreError {
  return new StoreError('conflict', `user '${machineId}': user already exist`, { cause });
}

/** Creates a machine (or replaces it with `force`). */
export async function createMachine(ctx: StoreContext, m: NewMachine): Promise<MachineRecord> {
  const hash = await passwordHashOf(ctx, m);
  if (hash === undefined) throw new StoreError('invalid', `machine '${m.machineId}': a password is required`);
  const now = ctx.clock();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('machines')
        .select('id')
        .where('machine_id', '=', m.machineId)
        .executeTakeFirst();
      if (existing !== undefined) {
        if (!m.force) throw conflict(m.machineId);
        await trx
          .updateTable('machines')
          .set({
            password: hash,
            ip_address: m.ipAddress ?? '',
            is_validated: m.isValidated ? 1 : 0,
            auth_type: m.authType ?? 'password',
            updated_at: now,
          })
          .where('id', '=', existing.id)
          .execute();
      } else {
        await trx
          .insertInto('machines')
          .values({
            machine_id: m.machineId,
            password: hash,
            ip_address: m.ipAddress ?? '',
            scenarios: '',
            version: '',
            is_validated: m.isValidated ? 1 : 0,
            auth_type: m.authType ?? 'password',
            os_name: '',
            os_family: '',
            os_version: '',
            feature_flags: '',
            hubstate: '',
            datasources: '',
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      return toMachine(
        await trx
          .selectFrom('machines')
          .selectAll()
          .where('machine_id', '=', m.machineId)
          .executeTakeFirstOrThrow(),
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(m.machineId, err);
    throw err;
  }
}

export async function getMachine(ctx: StoreContext, machineId: string): Promise<MachineRecord | undefined> {
  const r = await ctx.db
    .selectFrom('machines')
    .selectAll()
    .where('machine_id', '=', machineId)
    .executeTakeFirst();
  return r === undefined ? undefined : toMachine(r);
}

export async function listMachines(ctx: StoreContext): Promise<MachineRecord[]> {
  return (await ctx.db.selectFrom('machines').selectAll().orderBy('id').execute()).map(toMachine);
}

const PATCH_COLUMNS = {
  ipAddress: 'ip_address',
  version: 'version',
  scenarios: 'scenarios',
  lastPush: 'last_push',
  lastHeartbeat: 'last_heartbeat',
  osName: 'os_name',
  osFamily: 'os_family',
  osVersion: 'os_version',
  featureFlags: 'feature_flags',
  hubstate: 'hubstate',
  datasources: 'datasources',
} as const;

export async function updateMachine(
  ctx: StoreContext,
  machineId: string,
  patch: MachinePatch,
): Promise<boolean> {
  const set: Record<string, string | number> = { updated_at: ctx.clock() };
  for (const [field, column] of Object.entries(PATCH_COLUMNS)) {
    const v = patch[field as keyof typeof PATCH_COLUMNS];
    if (v !== undefined) set[column] = v;
  }
  if (patch.isValidated !== undefined) set.is_validated = patch.isValidated ? 1 : 0;
  const hash = await passwordHashOf(ctx, patch);
  if (hash !== undefined) set.password = hash;
  const r = await ctx.db
    .updateTable('machines')
    .set(set)
    .where('machine_id', '=', machineId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteMachine(ctx: StoreContext, machineId: string): Promise<boolean> {
  const r = await ctx.db.deleteFrom('machines').where('machine_id', '=', machineId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function checkMachinePassword(
  ctx: StoreContext,
  machineId: string,
  password: string,
): Promise<boolean> {
  const r = await ctx.db
    .selectFrom('machines')
    .select('password')
    .where('machine_id', '=', machineId)
    .executeTakeFirst();
  if (r === undefined || r.password === '') return false;
  try {
    return await bcrypt.compare(password, r.password);
  } catch {
    return false;
  }
}
