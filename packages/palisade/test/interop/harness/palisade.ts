/**
 * Palisade under test: `palisade lapi -c <config>` as a child process on a free loopback port,
 * with a temp CrowdSec-style config.yaml (SQLite file in the temp dir, or a fresh PostgreSQL
 * database), and the admin CLI (`palisade bouncers|machines|decisions …`) run against the same
 * config — like cscli, the admin commands work on the database directly.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { Cleanup } from './cleanup.ts';
import { freePort, httpJson } from './net.ts';
import { createDatabase, dropDatabase, PG } from './postgres.ts';
import { type CommandResult, type ManagedProcess, runCommand, startProcess } from './process.ts';
import { waitFor } from './wait.ts';

/** The palisade executable script (run with this same Node, which strips TypeScript types). */
export const PALISADE_BIN = resolve(import.meta.dirname, '../../../bin/palisade.ts');

/** The databases the suite runs the LAPI on. */
export type BackendName = 'sqlite' | 'postgresql';

/** A running LAPI and how to reach and administer it. */
export interface Lapi {
  readonly backend: BackendName;
  /** The config.yaml the LAPI and the admin commands use. */
  readonly configPath: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>/`, as bouncers want it (trailing slash). */
  readonly apiUrl: string;
  readonly process: ManagedProcess;
  /** Runs `palisade <args…> -c <config>`; throws with the output when the exit code is not 0. */
  cli(args: readonly string[]): Promise<CommandResult>;
}

// The default CrowdSec profile, written in our own words: an agent alert with remediation on an
// Ip (or Range) source becomes a 4h ban.
const PROFILES = `name: default_ip_remediation
filters:
  - Alert.Remediation == true && Alert.GetScope() == "Ip"
decisions:
  - type: ban
    duration: 4h
on_success: break
---
name: default_range_remediation
filters:
  - Alert.Remediation == true && Alert.GetScope() == "Range"
decisions:
  - type: ban
    duration: 4h
on_success: break
`;

function uniqueSuffix(): string {
  return `${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * Writes the config, prepares the database, starts `palisade lapi` and waits (bounded) until
 * `GET /health` answers 200. Everything it creates is registered on `cleanup`.
 */
export async function startLapi(dir: string, backend: BackendName, cleanup: Cleanup): Promise<Lapi> {
  const port = await freePort();
  const profilesPath = join(dir, 'profiles.yaml');
  writeFileSync(profilesPath, PROFILES);

  let dbConfig: Record<string, unknown>;
  if (backend === 'sqlite') {
    dbConfig = { type: 'sqlite', db_path: join(dir, 'palisade.db'), use_wal: true };
  } else {
    const dbName = `palisade_interop_${uniqueSuffix()}`;
    await createDatabase(dbName);
    cleanup.add(`drop database ${dbName}`, () => dropDatabase(dbName));
    dbConfig = {
      type: 'postgresql',
      host: PG.host,
      port: PG.port,
      user: PG.user,
      password: PG.password,
      db_name: dbName,
      sslmode: 'disable',
      max_open_conns: 10,
    };
  }

  const config = {
    common: { log_media: 'stdout', log_level: 'info' },
    api: {
      server: {
        enable: true,
        listen_uri: `127.0.0.1:${port}`,
        profiles_path: profilesPath,
        trusted_ips: ['127.0.0.1', '::1'],
      },
    },
    db_config: dbConfig,
    prometheus: { enabled: false },
  };
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, stringify(config));

  const child = startProcess(process.execPath, [PALISADE_BIN, 'lapi', '-c', configPath], {
    name: `palisade lapi (${backend})`,
    logFile: join(dir, 'lapi.log'),
  });
  cleanup.add('stop palisade lapi', async () => {
    await child.stop();
  });
  const apiUrl = `http://127.0.0.1:${port}/`;
  await waitFor(
    `palisade lapi (${backend}) to answer GET /health on port ${port}`,
    async () => {
      if (child.status) throw new Error('the LAPI exited');
      const res = await httpJson(`${apiUrl}health`);
      return res.status === 200 ? true : undefined;
    },
    { timeoutMs: 30_000, context: () => child.describe() },
  );

  const cli = async (args: readonly string[]): Promise<CommandResult> => {
    const full = [PALISADE_BIN, ...args, '-c', configPath];
    const result = await runCommand(process.execPath, full, { timeoutMs: 60_000 });
    if (result.code !== 0) {
      throw new Error(
        `palisade ${args.join(' ')} exited with ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`,
      );
    }
    return result;
  };
  return { backend, configPath, port, apiUrl, process: child, cli };
}

/** A random API key in the shape cscli generates (what `bouncers add --key` stores as given). */
export function newApiKey(): string {
  return randomBytes(24).toString('hex');
}

/** `palisade bouncers add <name> --key <key>`; returns the key the bouncer must send. */
export async function addBouncer(lapi: Lapi, name: string): Promise<string> {
  const key = newApiKey();
  await lapi.cli(['bouncers', 'add', name, '--key', key]);
  return key;
}

/** Credentials of a machine created with `palisade machines add`. */
export interface MachineCredentials {
  login: string;
  password: string;
}

/** `palisade machines add <name> --password <pw>` (admin-created machines are validated). */
export async function addMachine(lapi: Lapi, name: string): Promise<MachineCredentials> {
  const password = randomBytes(18).toString('base64url');
  await lapi.cli(['machines', 'add', name, '--password', password]);
  return { login: name, password };
}

/** Logs in as a machine over HTTP and returns its bearer token (for checking alerts). */
export async function machineToken(lapi: Lapi, creds: MachineCredentials): Promise<string> {
  const res = await httpJson(`${lapi.apiUrl}v1/watchers/login`, {
    method: 'POST',
    body: { machine_id: creds.login, password: creds.password, scenarios: [] },
  });
  const body = res.body as { token?: unknown } | null;
  if (res.status !== 200 || typeof body?.token !== 'string') {
    throw new Error(`login of machine ${creds.login} failed: ${res.status} ${res.text}`);
  }
  return body.token;
}

/** A decision as LAPI returns it to bouncers. */
export interface WireDecision {
  id: number;
  origin: string;
  scenario: string;
  scope: string;
  type: string;
  value: string;
  duration: string;
}

/** `GET /v1/decisions?ip=<ip>` as a bouncer: the active decisions covering `ip` (`null` ⇒ []). */
export async function decisionsFor(lapi: Lapi, apiKey: string, ip: string): Promise<WireDecision[]> {
  const res = await httpJson(`${lapi.apiUrl}v1/decisions?ip=${encodeURIComponent(ip)}`, {
    headers: { 'x-api-key': apiKey },
  });
  if (res.status !== 200) throw new Error(`GET /v1/decisions?ip=${ip}: ${res.status} ${res.text}`);
  return (res.body as WireDecision[] | null) ?? [];
}
