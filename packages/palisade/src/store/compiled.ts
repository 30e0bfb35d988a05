/**
 * Hot queries compiled once and re-run with fresh values. Building and compiling a Kysely query
 * costs more than running a small indexed SELECT on SQLite, so per-request queries (the stream's
 * head read, its delta query, the cursor update) are compiled once per shape with `Slot`
 * placeholders in place of the values that change per request, then bound at execution time.
 * Identical SQL text also lets the node:sqlite driver reuse its prepared statement.
 */
import type { CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './context.ts';

/** A named placeholder: compiled in like any parameter, replaced by `bind` values at run time. */
export class Slot {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/** Shapes kept per database; bouncers use a handful of filter combinations. */
const MAX_SHAPES = 128;

const caches = new WeakMap<object, Map<string, CompiledQuery>>();

/**
 * The query compiled for `key` on `db` (built by `build` on first use). `key` must identify
 * everything `build` puts into the SQL or its constant parameters.
 */
export function compiledFor(db: Db, key: string, build: () => CompiledQuery): CompiledQuery {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let q = cache.get(key);
  if (q === undefined) {
    q = build();
    if (cache.size >= MAX_SHAPES) cache.clear();
    cache.set(key, q);
  }
  return q;
}

/** Runs `q` with every `Slot` parameter replaced by `values[slot.name]`. */
export function runCompiled<R>(
  db: Db,
  q: CompiledQuery,
  values: Readonly<Record<string, unknown>>,
): Promise<QueryResult<R>> {
  const parameters = q.parameters.map((p) => (p instanceof Slot ? values[p.name] : p));
  return db.executeQuery<R>({ ...q, parameters });
}
