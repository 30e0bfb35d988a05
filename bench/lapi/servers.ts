/**
 * What the workloads need from a server under test, whichever it is: a prepared configuration
 * (temp dir, port, one machine, N bouncers), a way to start it and to bulk-import decisions.
 * crowdsec.ts and palisade.ts implement it.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerProcess } from './child.ts';
import { LapiClient } from './http.ts';
import type { ServerName } from './options.ts';

/** A machine's login. */
export interface Credentials {
  readonly login: string;
  readonly password: string;
}

/** A server configured in its temp dir, with its machine and bouncers, not running. */
export interface PreparedServer {
  readonly dir: string;
  readonly port: number;
  readonly configPath: string;
  readonly machine: Credentials;
  /** One API key per bouncer (at least one). */
  readonly bouncerKeys: readonly string[];
}

/** Options of ServerKind.start. */
export interface StartServerOptions {
  /** Name of the log file in the server's dir. */
  readonly logName: string;
  /** Run under `--cpu-prof`, writing the profile here (ignored by servers that are not Node). */
  readonly cpuProfileDir?: string;
}

/** One implementation of the LAPI under test. */
export interface ServerKind {
  readonly name: ServerName;
  /** `CrowdSec 1.4.6`, `Palisade 0.1.0`: the report's column header. */
  readonly label: string;
  /** Writes the config under `dir`, creates the machine and `bouncers` bouncers. */
  prepare(
    dir: string,
    port: number,
    bouncers: number,
    progress: (line: string) => void,
  ): Promise<PreparedServer>;
  /** Starts the LAPI and resolves once GET /health answers 200 (bounded). */
  start(server: PreparedServer, options: StartServerOptions): Promise<ServerProcess>;
  /** Imports the decisions of a `duration,scope,value` CSV with the server's own tool. */
  importDecisions(server: PreparedServer, csvPath: string): Promise<void>;
  /** How decisions and bouncers are bulk-created, for the report. */
  readonly setupNotes: readonly string[];
}

/** A TCP port free on 127.0.0.1 now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** A bouncer API key: 48 hex characters (accepted by both `--key` options as given). */
export function newApiKey(): string {
  return randomBytes(24).toString('hex');
}

/** A machine password: 24 URL-safe characters. */
export function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Result of a finished tool run. */
export interface ToolResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command args…` to its end within `timeoutMs`; rejects with its output when it fails,
 * exits non-zero or runs too long.
 */
export function runTool(command: string, args: readonly string[], timeoutMs: number): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const what = `${command} ${args.join(' ')}`.slice(0, 300);
          reject(new Error(`${what}: ${err.message}\n${stderr.slice(-2000)}${stdout.slice(-1000)}`));
        } else resolve({ stdout, stderr });
      },
    );
  });
}

/**
 * Polls GET /health until it answers 200 or `timeoutMs` passes; throws with the server's log
 * tail when the server exits or never answers.
 */
export async function waitHealthy(child: ServerProcess, port: number, timeoutMs = 60_000): Promise<void> {
  const client = new LapiClient('127.0.0.1', port, 1);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.ended) throw new Error(`${child.name} exited during start-up\n${child.tail()}`);
      try {
        const answer = await client.send('GET', '/health', { timeoutMs: 2_000 });
        if (answer.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
  } finally {
    client.close();
  }
  await child.stop();
  throw new Error(`${child.name} did not answer GET /health within ${timeoutMs} ms\n${child.tail()}`);
}

/**
 * The default profile of both servers (CrowdSec's shipped one, in our words): an alert with
 * remediation on an Ip source becomes a 4h ban.
 */
export const PROFILES_YAML = `name: default_ip_remediation
filters:
  - Alert.Remediation == true && Alert.GetScope() == "Ip"
decisions:
  - type: ban
    duration: 4h
on_success: break
`;
