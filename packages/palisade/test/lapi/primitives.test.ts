/**
 * The LAPI's building blocks on their own: decision durations, API-key hashing, JWTs, client IP
 * resolution, scope normalisation, the stream writer's error handling and the error catalogue.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { constantTimeEqual, generateApiKey, hashApiKey } from '../../src/lapi/auth/api-key.ts';
import { splitUserAgent } from '../../src/lapi/auth/bouncer-auth.ts';
import { JwtIssuer, jwtSecretFromEnv, TokenError } from '../../src/lapi/auth/jwt.ts';
import { ClientIpResolver } from '../../src/lapi/client-ip.ts';
import { formatDecisionDuration, formatSeconds } from '../../src/lapi/duration.ts';
import { LAPI_ERRORS, LapiError } from '../../src/lapi/errors.ts';
import { normaliseScope } from '../../src/lapi/scope.ts';
import { type StreamOutcome, streamBody } from '../../src/lapi/stream-writer.ts';
import { goTimeString, parseRfc3339, rfc3339Seconds } from '../../src/lapi/wire-time.ts';
import type { DecisionRecord, DecisionStream } from '../../src/store/index.ts';
import { hashApiKey as storeHash } from '../../src/store/index.ts';

describe('decision durations', () => {
  test('Go Duration strings rounded to the second, no days', () => {
    const now = 1_000_000_000;
    assert.equal(formatDecisionDuration(now + 4 * 3600_000, now), '4h0m0s');
    assert.equal(formatDecisionDuration(now + 4 * 3600_000 - 1000, now), '3h59m59s');
    assert.equal(formatDecisionDuration(now + 3599_400, now), '59m59s');
    assert.equal(formatDecisionDuration(now + 3599_500, now), '1h0m0s');
    assert.equal(formatDecisionDuration(now + 45_000, now), '45s');
    assert.equal(formatDecisionDuration(now + 60_000, now), '1m0s');
    assert.equal(formatDecisionDuration(now + 200, now), '0s');
    assert.equal(formatDecisionDuration(now - 63_000, now), '-1m3s');
    assert.equal(formatDecisionDuration(now + 168 * 3600_000 - 1000, now), '167h59m59s');
    assert.equal(formatSeconds(0), '0s');
  });
});

describe('API keys', () => {
  test('sha512 hex, the same as the store computes', () => {
    assert.equal(hashApiKey('abc'), storeHash('abc'));
    assert.match(hashApiKey('abc'), /^[0-9a-f]{128}$/);
    assert.equal(
      hashApiKey('abc').slice(0, 16),
      'ddaf35a193617aba', // SHA-512("abc") from FIPS 180-2
    );
  });
  test('generated keys look like cscli keys', () => {
    assert.match(generateApiKey(), /^[A-Za-z0-9+/]{43}$/);
  });
  test('constant-time comparison', () => {
    assert.equal(constantTimeEqual('same', 'same'), true);
    assert.equal(constantTimeEqual('same', 'Same'), false);
    assert.equal(constantTimeEqual('short', 'longer one'), false);
  });
  test('User-Agent split', () => {
    assert.deepEqual(splitUserAgent('crowdsec-firewall-bouncer/v0.0.31'), {
      type: 'crowdsec-firewall-bouncer',
      version: 'v0.0.31',
    });
    assert.deepEqual(splitUserAgent('curl'), { type: 'curl', version: 'N/A' });
    assert.deepEqual(splitUserAgent('a/b/c'), { type: 'a/b/c', version: 'N/A' });
  });
});

describe('JWT', () => {
  test('issue, verify, claims, expiry', async () => {
    let now = Date.UTC(2026, 0, 1);
    const jwt = new JwtIssuer(new Uint8Array(64).fill(1), () => now);
    const { token, expireMs } = await jwt.issue('m1');
    assert.equal(expireMs, now + 3600_000);
    const claims = await jwt.verify(token);
    assert.equal(claims.machineId, 'm1');
    assert.equal(claims.origIat, now / 1000);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    assert.deepEqual(Object.keys(payload).sort(), ['exp', 'id', 'orig_iat']);
    const other = new JwtIssuer(new Uint8Array(64).fill(2), () => now);
    await assert.rejects(other.verify(token), TokenError);
    now += 3601_000;
    await assert.rejects(jwt.verify(token), /Token is expired/);
    await assert.rejects(jwt.refresh(claims), /Token is expired/);
  });
  test('CS_LAPI_SECRET must be at least 64 bytes; random otherwise', () => {
    assert.throws(() => jwtSecretFromEnv({ CS_LAPI_SECRET: 'short' }), /at least 64 bytes/);
    assert.equal(jwtSecretFromEnv({ CS_LAPI_SECRET: 'x'.repeat(64) }).length, 64);
    const a = jwtSecretFromEnv({});
    const b = jwtSecretFromEnv({});
    assert.equal(a.length, 64);
    assert.notDeepEqual(a, b);
  });
  test('a shared secret makes tokens valid across replicas', async () => {
    const secret = jwtSecretFromEnv({ CS_LAPI_SECRET: 's'.repeat(80) });
    const { token } = await new JwtIssuer(secret).issue('m');
    const again = jwtSecretFromEnv({ CS_LAPI_SECRET: 's'.repeat(80) });
    assert.equal((await new JwtIssuer(again).verify(token)).machineId, 'm');
  });
});

describe('client IP', () => {
  test('forwarded headers only from trusted proxies', () => {
    const none = new ClientIpResolver([]);
    assert.equal(none.resolve('10.0.0.1', { 'x-forwarded-for': '1.2.3.4' }), '10.0.0.1');
    assert.equal(none.resolve('::ffff:127.0.0.1', {}), '127.0.0.1');
    const r = new ClientIpResolver(['10.0.0.0/8']);
    assert.equal(r.resolve('10.0.0.1', { 'x-forwarded-for': '1.2.3.4, 10.0.0.7' }), '1.2.3.4');
    assert.equal(r.resolve('10.0.0.1', { 'x-forwarded-for': '6.6.6.6, 1.2.3.4' }), '1.2.3.4');
    assert.equal(r.resolve('10.0.0.1', { 'x-real-ip': '5.5.5.5' }), '5.5.5.5');
    assert.equal(r.resolve('192.0.2.1', { 'x-forwarded-for': '1.2.3.4' }), '192.0.2.1');
  });
});

describe('wire helpers', () => {
  test('scopes', () => {
    assert.equal(normaliseScope('IP'), 'Ip');
    assert.equal(normaliseScope('range'), 'Range');
    assert.equal(normaliseScope('as'), 'AS');
    assert.equal(normaliseScope('Country'), 'Country');
    assert.equal(normaliseScope('username'), 'username');
    assert.equal(normaliseScope('__proto__'), '__proto__');
  });
  test('times', () => {
    const t = Date.UTC(2024, 0, 2, 3, 4, 5, 500);
    assert.equal(rfc3339Seconds(t), '2024-01-02T03:04:05Z');
    assert.equal(goTimeString(t), '2024-01-02 03:04:05.5 +0000 UTC');
    assert.equal(goTimeString(t - 500), '2024-01-02 03:04:05 +0000 UTC');
    assert.equal(parseRfc3339('2024-01-02T03:04:05.123456789Z'), t - 377);
    assert.equal(parseRfc3339('2024-01-02T05:04:05+02:00'), t - 500);
    assert.equal(parseRfc3339('2024-01-02'), undefined);
  });
});

describe('stream writer', () => {
  const rec = (id: number): DecisionRecord => ({
    id,
    uuid: '',
    alertId: 1,
    origin: 'crowdsec',
    type: 'ban',
    scope: 'Ip',
    value: `1.1.1.${id}`,
    scenario: 's',
    until: 4000,
    simulated: false,
    createdAt: 0,
    ipSize: 4,
  });
  async function* pages(list: DecisionRecord[][], failAfter = Number.POSITIVE_INFINITY) {
    let i = 0;
    for (const p of list) {
      if (i++ >= failAfter) throw new Error('db gone');
      yield p;
    }
  }
  const collect = async (s: DecisionStream, outcome: StreamOutcome): Promise<string> => {
    let text = '';
    for await (const chunk of streamBody(s, 1000, outcome)) text += chunk;
    return text;
  };
  test('pages are joined into one JSON document', async () => {
    const outcome: StreamOutcome = { complete: false };
    const text = await collect(
      { cursor: { seq: 1, t0: 0 }, new: pages([[rec(1), rec(2)], [], [rec(3)]]), deleted: pages([[rec(4)]]) },
      outcome,
    );
    const body = JSON.parse(text);
    assert.deepEqual(
      body.new.map((d: { id: number }) => d.id),
      [1, 2, 3],
    );
    assert.equal(body.deleted[0].duration, '3s');
    assert.equal(outcome.complete, true);
  });
  test('a store error mid-stream still closes the JSON and marks the stream incomplete', async () => {
    const outcome: StreamOutcome = { complete: false };
    const text = await collect(
      { cursor: { seq: 1, t0: 0 }, new: pages([[rec(1)], [rec(2)]], 1), deleted: pages([]) },
      outcome,
    );
    assert.deepEqual(JSON.parse(text).deleted, []);
    assert.equal(outcome.complete, false);
    const late: StreamOutcome = { complete: false };
    const text2 = await collect(
      { cursor: { seq: 1, t0: 0 }, new: pages([]), deleted: pages([[rec(1)], [rec(2)]], 1) },
      late,
    );
    assert.equal(JSON.parse(text2).deleted.length, 1);
    assert.equal(late.complete, false);
  });
});

describe('error catalogue', () => {
  test('every code is used by the LAPI and every used code exists', () => {
    const dir = join(import.meta.dirname, '../../src/lapi');
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.ts') && e.name !== 'errors.ts')
          files.push(readFileSync(join(d, e.name), 'utf8'));
      }
    };
    walk(dir);
    const used = new Set(files.join('\n').match(/PAL_ERR_LAPI_[A-Z_]+/g));
    for (const code of Object.keys(LAPI_ERRORS)) assert.ok(used.has(code), `${code} is never used`);
    for (const code of used) assert.ok(Object.hasOwn(LAPI_ERRORS, code), `${code} is not in the catalogue`);
  });
  test('messages are filled in order and JWT errors carry a code', () => {
    const e = new LapiError('PAL_ERR_LAPI_PROFILE', ['p1', 'boom']);
    assert.equal(e.message, 'while evaluating profile p1: boom');
    assert.equal(e.statusCode, 500);
    assert.deepEqual(new LapiError('PAL_ERR_LAPI_JWT_MISSING').body(), {
      code: 401,
      message: 'cookie token is empty',
    });
  });
});
