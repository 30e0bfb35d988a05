/**
 * The LAPI test harness: a real store (SQLite in a temp dir, or a fresh PostgreSQL schema when
 * 127.0.0.1:5432 answers), the app built in-process, a clock the test moves by hand, and
 * helpers to create machines and bouncers and to call the API through `app.inject()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { loadProfilesFile, ProfileSet } from '../../src/alerts/profiles.ts';
import { defaultConfig } from '../../src/config/index.ts';
import type { ServerConfig } from '../../src/config/types.ts';
import { buildLapiApp, type LapiApp } from '../../src/lapi/app.ts';
import { JwtIssuer } from '../../src/lapi/auth/jwt.ts';
import { LapiMetrics } from '../../src/lapi/metrics.ts';
import { type DbConfig, openStore, type Store } from '../../src/store/index.ts';

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
/** 2026-01-01T00:00:00Z: the harness clock starts here. */
export const T0 = Date.UTC(2026, 0, 1);
/** The User-Agent of a stock agent (one `/`). */
export const AGENT_UA = 'crowdsec/v1.7.0-debian';

/** A running LAPI for one test. */
export interface Harness {
  readonly lapi: LapiApp;
  readonly store: Store;
  readonly clock: { now: number };
  readonly metrics: LapiMetrics;
  /** Creates a validated machine and returns a token for it. */
  machine(id?: string, ip?: string): Promise<string>;
  /** Creates a bouncer and returns its API key. */
  bouncer(name?: string): Promise<string>;
  request(opts: RequestOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** One inject call. */
export interface RequestOptions {
  method: 'GET' | 'POST' | 'DELETE' | 'HEAD' | 'PUT' | 'PATCH' | 'OPTIONS';
  url: string;
  token?: string;
  apiKey?: string;
  body?: unknown;
  gzip?: boolean;
  ip?: string;
  headers?: Record<string, string>;
}

/** A database to run the suite on. */
export interface DialectCase {
  readonly name: 'sqlite' | 'postgresql';
  /** false, or why it is skipped. */
  readonly skip: string | false;
  readonly config: () => { config: DbConfig; cleanup: () => Promise<void> };
}

let counter = 0;

/** SQLite always; PostgreSQL when reachable (skipped with the reason otherwise). */
export async function dialects(): Promise<DialectCase[]> {
  const skip = await postgresReachable();
  return [
    {
      name: 'sqlite',
      skip: false,
      config: () => {
        const dir = mkdtempSync(join(tmpdir(), 'palisade-lapi-'));
        return {
          config: { type: 'sqlite', db_path: join(dir, 'lapi.db'), use_wal: true },
          cleanup: async () => rmSync(dir, { recursive: true, force: true }),
        };
      },
    },
    {
      name: 'postgresql',
      skip,
      config: () => {
        const schema = `palisade_lapi_${process.pid}_${Date.now() % 1e6}_${counter++}`;
        return {
          config: {
            type: 'postgresql',
            host: PG.host,
            port: PG.port,
            user: PG.user,
            db_name: PG.database,
            sslmode: 'disable',
            max_open_conns: 5,
            schema,
          },
          cleanup: async () => {
            const client = new pg.Client(PG);
            await client.connect();
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            await client.end();
          },
        };
      },
    },
  ];
}

async function postgresReachable(): Promise<string | false> {
  const client = new pg.Client({ ...PG, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return false;
  } catch (err) {
    return `PostgreSQL not reachable at ${PG.host}:${PG.port}/${PG.database}: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Builds a harness on `dialect` with `server` overrides and optional profiles YAML. */
export async function startHarness(
  dialect: DialectCase,
  server: Partial<ServerConfig> = {},
  profilesYaml?: string,
): Promise<Harness> {
  const clock = { now: T0 };
  const now = (): number => clock.now;
  const { config, cleanup } = dialect.config();
  const store = await openStore(config, { clock: now, bcryptCost: 4 });
  const base = defaultConfig({ env: {} }).api.server;
  const profiles = profilesYaml
    ? ProfileSet.load({ file: 'profiles.yaml', text: profilesYaml }).set!
    : loadProfilesFile(undefined).set!;
  const metrics = new LapiMetrics(store, 'v-test');
  const lapi = await buildLapiApp({
    store,
    server: { ...base, ...server },
    profiles,
    jwt: new JwtIssuer(new Uint8Array(64).fill(7), now),
    metrics,
    now,
    log: pino({ level: 'silent' }),
  });
  const request = (o: RequestOptions): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { 'user-agent': AGENT_UA, ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.apiKey) headers['x-api-key'] = o.apiKey;
    let payload: string | Buffer | undefined;
    if (o.body !== undefined) {
      payload = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
      if (o.gzip) {
        payload = gzipSync(payload);
        headers['content-encoding'] = 'gzip';
      }
    }
    return lapi.app.inject({
      method: o.method,
      url: o.url,
      headers,
      payload,
      remoteAddress: o.ip ?? '127.0.0.1',
    }) as unknown as Promise<LightMyRequestResponse>;
  };
  return {
    lapi,
    store,
    clock,
    metrics,
    async machine(id = 'agent1', ip = '127.0.0.1') {
      await store.createMachine({
        machineId: id,
        password: 'secret-password',
        isValidated: true,
        ipAddress: ip,
      });
      const res = await request({
        method: 'POST',
        url: '/v1/watchers/login',
        body: { machine_id: id, password: 'secret-password', scenarios: ['crowdsecurity/ssh-bf'] },
        ip,
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { token: string }).token;
    },
    async bouncer(name = 'fw') {
      const key = `key-of-${name}-${counter++}`;
      await store.createBouncer({ name, apiKey: key });
      return key;
    },
    request,
    async close() {
      await lapi.app.close();
      await lapi.settle();
      await store.close();
      await cleanup();
    },
  };
}

/** An alert as the agent sends it (no decisions), ending at `stopAt`. */
export function agentAlert(
  ip: string,
  stopAt: number,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    scenario: 'crowdsecurity/ssh-bf',
    scenario_hash: 'abc123',
    scenario_version: '0.3',
    message: `Ip ${ip} performed 'crowdsecurity/ssh-bf' (6 events over 2s)`,
    events_count: 6,
    start_at: new Date(stopAt - 2000).toISOString(),
    stop_at: new Date(stopAt).toISOString(),
    capacity: 5,
    leakspeed: '10s',
    simulated: false,
    remediation: true,
    kind: 'crowdsec',
    source: {
      scope: 'ip',
      value: ip,
      ip,
      range: '1.2.3.0/24',
      as_number: '1234',
      as_name: 'X',
      cn: 'FR',
      latitude: 48.8,
      longitude: 2.3,
    },
    events: [{ timestamp: new Date(stopAt).toISOString(), meta: [{ key: 'source_ip', value: ip }] }],
    meta: [{ key: 'target_user', value: '["root"]' }],
    decisions: null,
    labels: null,
    ...over,
  };
}
