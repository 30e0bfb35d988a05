/**
 * The LAPI on real sockets: `startLapi` from a configuration, a chunked stream over HTTP (never
 * compressed), clean shutdown, and TLS client certificates as bouncer identity (OU checked).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import pino from 'pino';
import { parseConfig } from '../../src/config/index.ts';
import { startLapi } from '../../src/lapi/server.ts';
import { openStore } from '../../src/store/index.ts';
import { agentAlert } from './harness.ts';

const silent = pino({ level: process.env.LAPI_TEST_LOG ?? 'silent' });

describe('LAPI server', () => {
  test('serves over HTTP, streams chunked and uncompressed, shuts down cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-server-'));
    try {
      const config = parseConfig(
        'config.yaml',
        `api:\n  server:\n    listen_uri: 127.0.0.1:0\nconfig_paths:\n  data_dir: ${dir}/data\nprometheus:\n  enabled: false\ndb_config:\n  flush:\n    max_age: 7d\n`,
        { env: {} },
      );
      const running = await startLapi(config, { log: silent, env: {} });
      const base = running.address;
      const health = await fetch(`${base}/health`);
      assert.equal(health.status, 200);
      await running.store.createBouncer({ name: 'fw', apiKey: 'k' });
      const res = await fetch(`${base}/v1/decisions/stream?startup=true`, {
        headers: { 'x-api-key': 'k', 'accept-encoding': 'gzip', 'user-agent': 'fw/1' },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('transfer-encoding'), 'chunked');
      assert.equal(res.headers.get('content-encoding'), null);
      assert.deepEqual(await res.json(), { new: [], deleted: [] });
      await running.close();
      await assert.rejects(fetch(`${base}/health`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('TLS client certificates identify bouncers by CN@ip when their OU is allowed', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-tls-'));
    try {
      try {
        makeCertificates(dir);
      } catch (err) {
        t.skip(`openssl not usable: ${(err as Error).message}`);
        return;
      }
      const config = parseConfig(
        'config.yaml',
        `api:
  server:
    listen_uri: 127.0.0.1:0
    tls:
      cert_file: ${dir}/server.pem
      key_file: ${dir}/server.key
      ca_cert_path: ${dir}/ca.pem
config_paths:
  data_dir: ${dir}/data
prometheus:
  enabled: false
`,
        { env: {} },
      );
      const running = await startLapi(config, { log: silent, env: {} });
      try {
        const port = Number(new URL(running.address).port);
        const get = (who: 'bouncer' | 'agent' | 'none', path = '/v1/decisions', body?: string) =>
          new Promise<{ status: number; body: string }>((resolve, reject) => {
            const req = httpsRequest(
              {
                host: '127.0.0.1',
                port,
                path,
                method: body === undefined ? 'GET' : 'POST',
                ca: readFileSync(`${dir}/ca.pem`),
                servername: 'localhost',
                headers: { 'user-agent': 'tls-bouncer/v1' },
                ...(who === 'none'
                  ? {}
                  : { cert: readFileSync(`${dir}/${who}.pem`), key: readFileSync(`${dir}/${who}.key`) }),
              },
              (res) => {
                let body = '';
                res.on('data', (c) => (body += c));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
              },
            );
            req.on('error', reject);
            req.end(body);
          });
        const ok = await get('bouncer');
        assert.equal(ok.status, 200, ok.body);
        assert.equal(ok.body, 'null');
        const row = await running.store.getBouncer('bouncer1@127.0.0.1');
        assert.equal(row?.authType, 'tls');
        assert.equal(row?.type, 'tls-bouncer');
        assert.equal((await get('agent')).status, 403);
        assert.equal((await get('none')).status, 403);
        // An agent certificate logs in without id or password.
        const login = await get('agent', '/v1/watchers/login', '{"scenarios":["a/b"]}');
        assert.equal(login.status, 200, login.body);
        assert.equal((await running.store.getMachine('agent1@127.0.0.1'))?.authType, 'tls');
        assert.equal((await get('bouncer', '/v1/watchers/login', '{"scenarios":[]}')).status, 401);
      } finally {
        await running.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('palisade lapi process', () => {
  test('kill -9 during a burst of alert posts loses no alert acknowledged with 201', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-kill-'));
    const token = 'r'.repeat(40);
    writeFileSync(
      join(dir, 'config.yaml'),
      `api:\n  server:\n    listen_uri: 127.0.0.1:0\n    auto_registration:\n      enabled: true\n      token: ${token}\n      allowed_ranges: [127.0.0.1]\nconfig_paths:\n  data_dir: ${dir}/data\nprometheus:\n  enabled: false\n`,
    );
    const bin = join(import.meta.dirname, '../../bin/palisade.ts');
    const child = spawn(process.execPath, [bin, 'lapi', '-c', join(dir, 'config.yaml')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const address = await listeningAddress(child.stdout!);
      const json = { 'content-type': 'application/json', 'user-agent': 'crowdsec/v1.7.0' };
      const reg = await fetch(`${address}/v1/watchers`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ machine_id: 'k9', password: 'pw', registration_token: token }),
      });
      assert.equal(reg.status, 202);
      const login = await fetch(`${address}/v1/watchers/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ machine_id: 'k9', password: 'pw', scenarios: [] }),
      });
      const jwt = ((await login.json()) as { token: string }).token;
      // 8 writers post alerts one after another; the LAPI is killed while they are all in flight.
      // Every id answered with 201 before the kill must be in the database afterwards.
      const acknowledged = new Map<string, string>();
      let killed = false;
      const writer = async (w: number) => {
        for (let i = 0; i < 400 && !killed; i++) {
          const ip = `10.${w}.${i >> 8}.${i & 255}`;
          try {
            const posted = await fetch(`${address}/v1/alerts`, {
              method: 'POST',
              headers: { ...json, authorization: `Bearer ${jwt}` },
              body: JSON.stringify([agentAlert(ip, Date.now())]),
            });
            if (posted.status !== 201) return;
            const [id] = (await posted.json()) as string[];
            acknowledged.set(id, ip);
          } catch {
            return; // the connection died with the process: not acknowledged
          }
        }
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      const deadline = Date.now() + 30_000;
      while (acknowledged.size < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.ok(acknowledged.size >= 40, `only ${acknowledged.size} alerts acknowledged in 30 s`);
      killed = true;
      child.kill('SIGKILL');
      await exited;
      await Promise.all(writers);
      const store = await openStore({ type: 'sqlite', db_path: join(dir, 'data', 'palisade.db') });
      try {
        for (const [id, ip] of acknowledged) {
          const alert = await store.getAlert(Number(id));
          assert.equal(alert?.source.value, ip, `alert ${id} (${ip}) was acknowledged but is lost`);
          assert.equal(alert?.decisions.length, 1);
        }
      } finally {
        await store.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The address from the `LAPI listening` log line (pino JSON on stdout). */
async function listeningAddress(stdout: NodeJS.ReadableStream): Promise<string> {
  for await (const line of createInterface({ input: stdout })) {
    const entry = JSON.parse(line) as { msg?: string; address?: string };
    if (entry.msg === 'LAPI listening' && entry.address) return entry.address;
  }
  throw new Error('palisade lapi ended before listening');
}

/** A CA, a server certificate for localhost/127.0.0.1, and client certificates with OUs. */
function makeCertificates(dir: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=test-ca',
  );
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  const leaf = (name: string, subject: string, ext?: string) => {
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    );
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      ...(ext ? ['-extfile', ext] : []),
    );
  };
  leaf('server', '/CN=localhost', 'san.ext');
  leaf('bouncer', '/OU=bouncer-ou/CN=bouncer1');
  leaf('agent', '/OU=agent-ou/CN=agent1');
}
