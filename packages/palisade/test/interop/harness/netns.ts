/**
 * A network namespace of the test's own (`ip netns add`), with its loopback up, whose
 * 127.0.0.1:<port> reaches the LAPI on the host's loopback through a unix-socket relay (see
 * fixtures/ns-relay.ts). No veth, no routable address: the firewall bouncer inside talks to
 * "127.0.0.1" like on a real host, and its nftables rules only touch the namespace.
 */

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import type { Cleanup } from './cleanup.ts';
import { BINARIES } from './preconditions.ts';
import { runCommand, startProcess } from './process.ts';
import { waitFor } from './wait.ts';

const RELAY = resolve(import.meta.dirname, '../fixtures/ns-relay.ts');
const created = new Set<string>();
let exitHookInstalled = false;

/** A namespace the test made; `exec` runs a command inside it. */
export interface Namespace {
  readonly name: string;
  /** The port on the namespace's 127.0.0.1 that leads to the LAPI. */
  readonly lapiPort: number;
  /** `ip netns exec <name> <command…>` to completion (bounded). */
  exec(
    command: string,
    args: readonly string[],
  ): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** argv prefix to start a long-running program inside the namespace. */
  readonly prefix: readonly string[];
}

async function ip(args: readonly string[]): Promise<void> {
  const res = await runCommand(BINARIES.ip, args, { timeoutMs: 15_000 });
  if (res.code !== 0) throw new Error(`ip ${args.join(' ')} failed (${res.code}): ${res.stderr.trim()}`);
}

/**
 * Creates the namespace (name `pal-<pid>-<random>`), brings up its loopback, starts the host
 * end (a unix-socket server forwarding to 127.0.0.1:`hostLapiPort`) and the namespace end
 * (ns-relay on 127.0.0.1:`lapiPort` inside), and waits until the LAPI's /health answers
 * through it. Clean-up stops both ends and deletes the namespace.
 */
export async function createNamespace(
  dir: string,
  hostLapiPort: number,
  cleanup: Cleanup,
): Promise<Namespace> {
  const name = `pal-${process.pid}-${randomBytes(3).toString('hex')}`;
  installExitHook();
  await ip(['netns', 'add', name]);
  created.add(name);
  cleanup.add(`delete namespace ${name}`, async () => {
    await ip(['netns', 'delete', name]);
    created.delete(name);
  });
  await ip(['-n', name, 'link', 'set', 'lo', 'up']);

  const socketPath = join(dir, 'lapi-relay.sock');
  rmSync(socketPath, { force: true });
  const hostEnd = await listenUnix(socketPath, hostLapiPort);
  cleanup.add('close host end of the relay', () => new Promise<void>((done) => hostEnd.close(() => done())));

  const lapiPort = 8080;
  const prefix = [BINARIES.ip, 'netns', 'exec', name];
  const relay = startProcess(
    prefix[0] as string,
    [...prefix.slice(1), process.execPath, RELAY, String(lapiPort), socketPath],
    {
      name: `ns-relay in ${name}`,
      logFile: join(dir, 'ns-relay.log'),
    },
  );
  cleanup.add('stop ns-relay', async () => {
    await relay.stop();
  });
  const exec = (command: string, args: readonly string[]) =>
    runCommand(BINARIES.ip, ['netns', 'exec', name, command, ...args], { timeoutMs: 20_000 });
  await waitFor(
    `the LAPI to answer through the relay inside namespace ${name}`,
    async () => {
      if (relay.status) throw new Error('ns-relay exited');
      // A tiny HTTP request from inside the namespace, with this same Node.
      const probe = `fetch('http://127.0.0.1:${lapiPort}/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))`;
      const res = await exec(process.execPath, ['-e', probe]);
      return res.code === 0 ? true : undefined;
    },
    { timeoutMs: 20_000, context: () => relay.describe() },
  );
  return { name, lapiPort, exec, prefix };
}

function listenUnix(socketPath: string, port: number): Promise<Server> {
  return new Promise((resolveServer, reject) => {
    const server = createServer((client) => {
      const upstream = connect(port, '127.0.0.1');
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    server.on('error', reject);
    server.listen(socketPath, () => resolveServer(server));
  });
}

// Namespaces outlive their processes: if the test process ends before its clean-up ran, delete
// the namespaces it made (only those, by name).
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const name of created) spawnSync(BINARIES.ip, ['netns', 'delete', name], { timeout: 5_000 });
  });
}
