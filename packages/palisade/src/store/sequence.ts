/**
 * The global change sequence of decisions. Every insert, expiry and hard delete (tombstone) of a
 * decision takes numbers from it; the stream delivers changes with `seq` in (cursor, high water].
 *
 * Why it is exact: a writer locks the counter row first (PostgreSQL `FOR UPDATE`; SQLite writers
 * are already serialised by `BEGIN IMMEDIATE`) and keeps the lock until commit, so sequence
 * numbers commit in increasing order. A reader that sees the counter at value H therefore already
 * sees every row with seq ≤ H, and rows of writers still in flight get numbers > H, delivered by
 * the next pull. (Timestamps cannot give this: a long transaction commits rows stamped in the past.)
 */
import type { Db } from './context.ts';
import type { StoreDialect } from './types.ts';

/** Sequence numbers handed out within one transaction. */
export class ChangeBatch {
  readonly #trx: Db;
  #last: number;
  #used = false;

  private constructor(trx: Db, current: number) {
    this.#trx = trx;
    this.#last = current;
  }

  /** Locks the counter for this transaction (call it before touching decision rows). */
  static async open(trx: Db, dialect: StoreDialect): Promise<ChangeBatch> {
    const q = trx.selectFrom('change_counter').select('value').where('id', '=', 1);
    const row =
      dialect === 'postgresql'
        ? await q.forUpdate().executeTakeFirstOrThrow()
        : await q.executeTakeFirstOrThrow();
    return new ChangeBatch(trx, Number(row.value));
  }

  /** Reserves `n` consecutive numbers and returns the first. */
  take(n = 1): number {
    const first = this.#last + 1;
    this.#last += n;
    this.#used = true;
    return first;
  }

  /** Writes the counter back (before commit). */
  async close(): Promise<void> {
    if (!this.#used) return;
    await this.#trx.updateTable('change_counter').set({ value: this.#last }).where('id', '=', 1).execute();
  }
}

/** The committed high-water mark: every decision change with seq ≤ it is visible now. */
export async function readHighWater(db: Db): Promise<number> {
  const row = await db
    .selectFrom('change_counter')
    .select('value')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
