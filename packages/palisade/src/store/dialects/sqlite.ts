/**
 * A Kysely dialect over Node's built-in `node:sqlite` (`DatabaseSync`). Kysely's own SqliteDialect
 * expects better-sqlite3 (`stmt.reader`, array parameters; kysely #1292), so this is our adapter.
 *
 * Connections: one **writer** handle, serialised by a FIFO mutex (transactions hold it from BEGIN
 * IMMEDIATE to COMMIT, autocommit writes hold it for one statement), and, with WAL on a file, one
 * **reader** handle for autocommit SELECTs. WAL lets the reader see the last committed state while
 * the writer is inside a transaction, so pages of a decisions stream never wait for (nor block) a
 * bulk insert, and a stream never holds a write transaction. Without WAL (or for `:memory:`) reads
 * go through the writer mutex too.
 */
import { chmodSync, existsSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/** What the node:sqlite dialect needs to open the database. */
export interface NodeSqliteConfig {
  /** File path or `:memory:`. */
  path: string;
  /** Journal mode WAL (ignored for `:memory:`). */
  wal: boolean;
  /** How long a statement waits for another process's lock (ms). */
  busyTimeoutMs: number;
  /** Mode of a database file this dialect creates (default 0o640). */
  fileMode?: number;
}

/** Kysely dialect for `node:sqlite`. */
export class NodeSqliteDialect implements Dialect {
  readonly #config: NodeSqliteConfig;
  constructor(config: NodeSqliteConfig) {
    this.#config = { ...config };
  }
  createDriver(): Driver {
    return new NodeSqliteDriver(this.#config);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

/** FIFO async mutex: `lock()` resolves when the caller owns it; `unlock()` hands it to the next. */
class Mutex {
  #locked = false;
  readonly #waiters: (() => void)[] = [];
  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

/** A prepared statement and how to turn its result into rows. */
interface CachedStatement {
  stmt: StatementSync;
  reader: boolean;
  /** Column names when the statement returns arrays (see `Handle.run`), else undefined. */
  names: string[] | undefined;
}

/**
 * A handle with a bounded cache of prepared statements (bulk inserts and the hot per-request
 * queries reuse the same SQL text).
 *
 * Rows: node:sqlite builds each row object through V8's dictionary-mode object constructor, and
 * every later property read is then a hash lookup, which dominated big result sets (streams).
 * Statements therefore return arrays, and rows are rebuilt as ordinary objects that share one
 * hidden class, about twice as fast to build and to read. Column lists with duplicates or a
 * `__proto__` column keep node's objects (same semantics, no prototype games).
 */
class Handle {
  readonly db: DatabaseSync;
  readonly #cache = new Map<string, CachedStatement>();
  constructor(db: DatabaseSync) {
    this.db = db;
  }
  run<R>(sql: string, parameters: readonly unknown[]): QueryResult<R> {
    let entry = this.#cache.get(sql);
    if (entry === undefined) {
      const stmt = this.db.prepare(sql);
      const names = stmt.columns().map((c) => c.name);
      const plain = names.length > 0 && !names.includes('__proto__') && new Set(names).size === names.length;
      if (plain) stmt.setReturnArrays(true);
      entry = { stmt, reader: names.length > 0, names: plain ? names : undefined };
      if (this.#cache.size >= 256) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(sql, entry);
    }
    const args = parameters.map(toSqliteValue);
    if (entry.reader) {
      const raw = entry.stmt.all(...args) as unknown[];
      return { rows: (entry.names === undefined ? raw : toObjects(raw as unknown[][], entry.names)) as R[] };
    }
    const r = entry.stmt.run(...args);
    return { numAffectedRows: BigInt(r.changes), insertId: BigInt(r.lastInsertRowid), rows: [] };
  }
  close(): void {
    this.#cache.clear();
    if (this.db.isOpen) this.db.close();
  }
}

/** Array rows → objects keyed by `names` (same insertion order, so one shared shape). */
function toObjects(rows: readonly unknown[][], names: readonly string[]): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r] as unknown[];
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i];
    out[r] = row;
  }
  return out;
}

/** node:sqlite binds null, numbers, bigints, strings and bytes only. */
function toSqliteValue(v: unknown): SQLInputValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return v as SQLInputValue;
}

class NodeSqliteDriver implements Driver {
  readonly #config: NodeSqliteConfig;
  readonly #mutex = new Mutex();
  #writer: Handle | undefined;
  #reader: Handle | undefined;

  constructor(config: NodeSqliteConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    const { path, busyTimeoutMs } = this.#config;
    const memory = path === ':memory:' || path === '';
    const created = !memory && !existsSync(path);
    const writer = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: busyTimeoutMs });
    if (created) chmodSync(path, this.#config.fileMode ?? 0o640);
    const wal = this.#config.wal && !memory;
    writer.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    writer.exec('PRAGMA foreign_keys = ON');
    writer.exec(`PRAGMA journal_mode = ${wal ? 'WAL' : 'DELETE'}`);
    // WAL + NORMAL is durable across application crashes, and fast for bulk inserts.
    if (wal) writer.exec('PRAGMA synchronous = NORMAL');
    this.#writer = new Handle(writer);
    if (wal) {
      const reader = new DatabaseSync(path, { timeout: busyTimeoutMs });
      reader.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
      reader.exec('PRAGMA query_only = ON');
      this.#reader = new Handle(reader);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new NodeSqliteConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#mutex.lock();
    try {
      // IMMEDIATE takes the write lock now: no lock upgrade (and no SQLITE_BUSY) mid-transaction.
      this.writer.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      this.#mutex.unlock();
      throw err;
    }
    (connection as NodeSqliteConnection).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#end(connection, 'COMMIT');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#end(connection, 'ROLLBACK');
  }

  async #end(connection: DatabaseConnection, command: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    const conn = connection as NodeSqliteConnection;
    if (!conn.inTransaction) return;
    try {
      if (command === 'COMMIT' || this.writer.db.isTransaction) this.writer.db.exec(command);
    } finally {
      conn.inTransaction = false;
      this.#mutex.unlock();
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery({ sql: `savepoint "${name}"`, parameters: [] } as unknown as CompiledQuery);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery({
      sql: `rollback to "${name}"`,
      parameters: [],
    } as unknown as CompiledQuery);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery({ sql: `release "${name}"`, parameters: [] } as unknown as CompiledQuery);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A connection released inside a transaction (should not happen) must not keep the lock.
    await this.#end(connection, 'ROLLBACK');
  }

  async destroy(): Promise<void> {
    this.#reader?.close();
    this.#writer?.close();
  }

  get writer(): Handle {
    if (this.#writer === undefined) throw new Error('node:sqlite driver used before init()');
    return this.#writer;
  }

  get reader(): Handle | undefined {
    return this.#reader;
  }

  get mutex(): Mutex {
    return this.#mutex;
  }
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #driver: NodeSqliteDriver;
  inTransaction = false;

  constructor(driver: NodeSqliteDriver) {
    this.#driver = driver;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    if (this.inTransaction) return this.#driver.writer.run<R>(sql, parameters);
    const reader = this.#driver.reader;
    if (reader !== undefined && isReadOnly(compiledQuery)) return reader.run<R>(sql, parameters);
    await this.#driver.mutex.lock();
    try {
      return this.#driver.writer.run<R>(sql, parameters);
    } finally {
      this.#driver.mutex.unlock();
    }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield await this.executeQuery<R>(compiledQuery);
  }
}

/** SELECT statements (built or raw) may go to the reader handle. */
function isReadOnly(q: CompiledQuery): boolean {
  if (q.query !== undefined && SelectQueryNode.is(q.query)) return true;
  return q.query?.kind === 'RawNode' && /^\s*select\b/i.test(q.sql);
}
