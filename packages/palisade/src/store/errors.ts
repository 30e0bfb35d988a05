/** Recognising driver errors the store turns into `StoreError`s. */

/** A UNIQUE constraint violation on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; errcode?: unknown; message?: unknown };
  if (e?.code === '23505') return true; // PostgreSQL unique_violation
  if (e?.errcode === 2067 || e?.errcode === 1555) return true; // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY
  return typeof e?.message === 'string' && e.message.includes('UNIQUE constraint failed');
}
