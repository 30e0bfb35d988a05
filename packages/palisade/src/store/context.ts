/** What every store module receives: the Kysely instance, the dialect, the clock and the config. */
import type { Kysely, Transaction } from 'kysely';
import type { StoreDatabase } from './schema.ts';
import type { FlushConfig, StoreDialect } from './types.ts';

/** Shared state of one open store. */
export interface StoreContext {
  db: Kysely<StoreDatabase>;
  dialect: StoreDialect;
  clock: () => number;
  bcryptCost: number;
  flush: FlushConfig | undefined;
}

/** A Kysely handle: the store itself or a transaction. */
export type Db = Kysely<StoreDatabase> | Transaction<StoreDatabase>;

/** Chunk size of multi-row statements: bounded by SQLite's 32766 and PostgreSQL's 65535 parameters. */
export const ROWS_PER_INSERT = 1000;

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
