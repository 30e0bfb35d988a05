/**
 * A fresh PostgreSQL database per test run (127.0.0.1:5432, user postgres, trust auth, as on
 * these machines; PALISADE_PG_HOST / PALISADE_PG_PORT / PALISADE_PG_USER override). Created
 * before the LAPI starts and dropped (WITH FORCE, so lingering LAPI connections don't block it)
 * in the clean-up.
 */
import pg from 'pg';

/** Where the test PostgreSQL server is. */
export const PG = {
  host: process.env.PALISADE_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PALISADE_PG_PORT ?? 5432),
  user: process.env.PALISADE_PG_USER ?? 'postgres',
  password: process.env.PALISADE_PG_PASSWORD ?? '',
};

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...PG, database: 'postgres', connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Undefined when the server answers, else a one-line reason to skip the PostgreSQL runs. */
export async function postgresSkipReason(): Promise<string | undefined> {
  try {
    await withAdmin((c) => c.query('SELECT 1'));
    return undefined;
  } catch (err) {
    return `PostgreSQL not reachable at ${PG.host}:${PG.port} as ${PG.user} (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Creates database `name` (an identifier we generate: lowercase letters, digits, underscores). */
export async function createDatabase(name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
}

/** Drops database `name`, closing any connection still open on it. */
export async function dropDatabase(name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
