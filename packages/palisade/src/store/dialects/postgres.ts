/**
 * The PostgreSQL side: a `pg` Pool behind Kysely's PostgresDialect. 64-bit integers (ids, epoch
 * milliseconds, sequences, counts) are parsed to JS numbers for this pool only (all our values are
 * far below 2^53), so both dialects return the same row shapes.
 */
import { PostgresDialect } from 'kysely';
import pg from 'pg';

/** What the PostgreSQL dialect needs to connect. */
export interface PostgresConfig {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** `disable` / `allow` / `prefer` (no TLS), `require` (TLS, no verification), `verify-ca`, `verify-full`. */
  sslmode?: string;
  sslrootcert?: string;
  sslcert?: string;
  sslkey?: string;
  maxConnections: number;
  /** Schema used through `search_path` (created if missing). */
  schema?: string;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

/** pg's `ssl` option from libpq-style `sslmode` and certificate paths. */
async function sslOption(config: PostgresConfig): Promise<pg.ClientConfig['ssl']> {
  const mode = config.sslmode ?? 'prefer';
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer' || mode === '') return false;
  const { readFile } = await import('node:fs/promises');
  const ssl: Record<string, unknown> = { rejectUnauthorized: mode === 'verify-ca' || mode === 'verify-full' };
  if (config.sslrootcert) ssl.ca = await readFile(config.sslrootcert, 'utf8');
  if (config.sslcert) ssl.cert = await readFile(config.sslcert, 'utf8');
  if (config.sslkey) ssl.key = await readFile(config.sslkey, 'utf8');
  // verify-ca checks the chain but not the host name.
  if (mode === 'verify-ca') ssl.checkServerIdentity = () => undefined;
  return ssl;
}

/** Opens the pool (creating `schema` when given) and returns the dialect plus a close function. */
export async function createPostgresDialect(
  config: PostgresConfig,
): Promise<{ dialect: PostgresDialect; pool: pg.Pool }> {
  const base: pg.PoolConfig = {
    host: config.host ?? '127.0.0.1',
    port: config.port ?? 5432,
    user: config.user,
    password: config.password,
    database: config.database,
    ssl: await sslOption(config),
    max: config.maxConnections,
    types,
  };
  if (config.schema !== undefined && config.schema !== 'public') {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.schema))
      throw new Error(`db_config.schema: invalid schema name '${config.schema}'`);
    const client = new pg.Client(base);
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${config.schema}`);
    } catch (err) {
      // Two processes creating the schema at once: the loser sees a duplicate; the schema exists.
      const code = (err as { code?: string }).code;
      if (code !== '23505' && code !== '42P06') throw err;
    } finally {
      await client.end();
    }
    base.options = `-c search_path=${config.schema}`;
  }
  const pool = new pg.Pool(base);
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return { dialect: new PostgresDialect({ pool }), pool };
}
