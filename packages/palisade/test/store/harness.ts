/**
 * The dialect loop of the store conformance suite: every test file runs its cases once per
 * database. SQLite uses a temp file per store; PostgreSQL a fresh schema per store in the `test`
 * database on 127.0.0.1:5432 (dropped at the end), skipped with a reason when unreachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ApiAlert, ApiDecision } from '../../src/alerts/api-json.ts';
import { type DbConfig, openStore, type Store } from '../../src/store/index.ts';
import type { KyselyStore } from '../../src/store/kysely-store.ts';

/** A pinned clock the test moves by hand. */
export interface TestClock {
  now: number;
}

/** One fresh database with a store open on it. */
export interface TestEnv {
  store: KyselyStore;
  clock: TestClock;
  config: DbConfig;
  /** Another store instance on the same database (closed by `close`). */
  openAnother(): Promise<KyselyStore>;
  close(): Promise<void>;
}

export interface DialectCase {
  name: 'sqlite' | 'postgresql';
  /** false, or why the dialect is skipped. */
  skip: string | false;
  fresh(extra?: Partial<DbConfig>): Promise<TestEnv>;
}

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
/** 2026-01-01T00:00:00Z */
export const T0 = Date.UTC(2026, 0, 1);

async function postgresReachable(): Promise<string | false> {
  const client = new pg.Client({ ...PG, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return false;
  } catch (err) {
    return `PostgreSQL not reachable at ${PG.host}:${PG.port} database ${PG.database}: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

let counter = 0;

function makeEnv(config: DbConfig, cleanup: () => Promise<void>): Promise<TestEnv> {
  const clock: TestClock = { now: T0 };
  const opts = { clock: () => clock.now, bcryptCost: 4 };
  const others: Store[] = [];
  return openStore(config, opts).then((store) => ({
    store: store as KyselyStore,
    clock,
    config,
    async openAnother() {
      const s = (await openStore(config, opts)) as KyselyStore;
      others.push(s);
      return s;
    },
    async close() {
      for (const s of others) await s.close();
      await store.close();
      await cleanup();
    },
  }));
}

/** The dialects to run, PostgreSQL marked skipped when unreachable. */
export async function dialects(): Promise<DialectCase[]> {
  const pgSkip = await postgresReachable();
  return [
    {
      name: 'sqlite',
      skip: false,
      async fresh(extra = {}) {
        const dir = mkdtempSync(join(tmpdir(), 'palisade-store-'));
        return makeEnv(
          { type: 'sqlite', db_path: join(dir, 'store.db'), use_wal: true, ...extra },
          async () => rmSync(dir, { recursive: true, force: true }),
        );
      },
    },
    {
      name: 'postgresql',
      skip: pgSkip,
      async fresh(extra = {}) {
        const schema = `palisade_test_${process.pid}_${Date.now() % 1e6}_${counter++}`;
        const config: DbConfig = {
          type: 'postgresql',
          host: PG.host,
          port: PG.port,
          user: PG.user,
          db_name: PG.database,
          sslmode: 'disable',
          max_open_conns: 10,
          schema,
          ...extra,
        };
        return makeEnv(config, async () => {
          const client = new pg.Client(PG);
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        });
      },
    },
  ];
}

/** A decision as the LAPI passes it after profiles. */
export function decision(value: string, over: Partial<ApiDecision> = {}): ApiDecision {
  return {
    duration: '4h',
    origin: 'crowdsec',
    scenario: 'crowdsecurity/ssh-bf',
    scope: 'Ip',
    type: 'ban',
    value,
    ...over,
  };
}

/** An alert (source = first decision's value) stopping at `stopAt`. */
export function alert(decisions: ApiDecision[], over: Partial<ApiAlert> = {}, stopAt = T0): ApiAlert {
  const value = decisions[0]?.value ?? '1.2.3.4';
  return {
    capacity: 5,
    decisions,
    events: [{ timestamp: new Date(stopAt).toISOString(), meta: [{ key: 'source_ip', value }] }],
    events_count: 1,
    labels: [],
    leakspeed: '10s',
    message: `Ip ${value} performed something`,
    scenario: decisions[0]?.scenario ?? 'crowdsecurity/ssh-bf',
    scenario_hash: 'abc',
    scenario_version: '0.1',
    simulated: false,
    source: { scope: 'Ip', value, ip: value },
    start_at: new Date(stopAt - 2000).toISOString(),
    stop_at: new Date(stopAt).toISOString(),
    kind: 'crowdsec',
    ...over,
  };
}

/** Collects every page of an async page iterable. */
export async function drain<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(...p);
  return out;
}
