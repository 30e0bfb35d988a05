/** `openStore`: picks the dialect from `db_config`, connects, migrates, returns the `Store`. */
import { Kysely } from 'kysely';
import type { StoreContext } from './context.ts';
import { createPostgresDialect } from './dialects/postgres.ts';
import { NodeSqliteDialect } from './dialects/sqlite.ts';
import { KyselyStore } from './kysely-store.ts';
import { runMigrations } from './migrations.ts';
import type { StoreDatabase } from './schema.ts';
import { type DbConfig, type OpenStoreOptions, type Store, type StoreDialect, StoreError } from './types.ts';

const DEFAULT_SQLITE_PATH = '/var/lib/crowdsec/data/crowdsec.db';

/** `db_config.type` → dialect; StoreError('invalid') for mysql and unknown types. */
export function dialectOf(config: DbConfig): StoreDialect {
  const type = (config.type ?? 'sqlite').toLowerCase();
  if (type === 'sqlite' || type === '') return 'sqlite';
  if (type === 'postgresql' || type === 'postgres' || type === 'pgx') return 'postgresql';
  throw new StoreError(
    'invalid',
    `db_config.type: unsupported database type '${config.type}' (sqlite, postgresql, postgres, pgx)`,
  );
}

/**
 * Opens the database described by `config` (CrowdSec's `db_config`), applies pending migrations
 * (idempotent; concurrent opens on PostgreSQL wait on an advisory lock) and returns the store.
 */
export async function openStore(config: DbConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const dialect = dialectOf(config);
  const clock = options.clock ?? Date.now;
  let db: Kysely<StoreDatabase>;
  if (dialect === 'sqlite') {
    db = new Kysely<StoreDatabase>({
      dialect: new NodeSqliteDialect({
        path: config.db_path ?? DEFAULT_SQLITE_PATH,
        wal: config.use_wal ?? true,
        busyTimeoutMs: options.busyTimeoutMs ?? 10_000,
      }),
    });
  } else {
    const { dialect: pgDialect } = await createPostgresDialect({
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.db_name,
      sslmode: config.sslmode,
      sslrootcert: config.sslrootcert,
      sslcert: config.sslcert,
      sslkey: config.sslkey,
      maxConnections: config.max_open_conns ?? 100,
      schema: config.schema,
    });
    db = new Kysely<StoreDatabase>({ dialect: pgDialect });
  }
  try {
    await runMigrations(db, dialect, clock());
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const ctx: StoreContext = { db, dialect, clock, bcryptCost: options.bcryptCost ?? 10, flush: config.flush };
  return new KyselyStore(ctx);
}
