/**
 * Machine routes: registration (validated or not, auto-registration), login rules (User-Agent,
 * validation, password), JWT use, refresh, heartbeat, self-deletion. Runs on every dialect.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, type Harness, startHarness } from './harness.ts';

const TOKEN = 'a-registration-token-of-at-least-32-chars';

for (const dialect of await dialects()) {
  describe(`machines on ${dialect.name}`, { skip: dialect.skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(dialect, {
        autoRegistration: { enabled: true, token: TOKEN, allowedRanges: ['10.0.0.0/8'] },
      });
    });
    after(() => h?.close());

    const login = (machine_id: string, password: string, ua = 'crowdsec/v1.7.0', ip = '127.0.0.1') =>
      h.request({
        method: 'POST',
        url: '/v1/watchers/login',
        body: { machine_id, password, scenarios: ['a/b', 'c/d'] },
        headers: { 'user-agent': ua },
        ip,
      });

    test('registration creates a machine that cannot log in before validation', async () => {
      const reg = await h.request({
        method: 'POST',
        url: '/v1/watchers',
        body: { machine_id: 'm1', password: 'pw1' },
      });
      assert.equal(reg.statusCode, 201);
      assert.equal(reg.body, '');
      const res = await login('m1', 'pw1');
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json(), { code: 401, message: 'machine m1 not validated' });
      const again = await h.request({
        method: 'POST',
        url: '/v1/watchers',
        body: { machine_id: 'm1', password: 'x' },
      });
      assert.equal(again.statusCode, 403);
      assert.deepEqual(again.json(), { message: "user 'm1': user already exist" });
    });

    test('registration body problems: 400 bad JSON, 422 missing field', async () => {
      const bad = await h.request({ method: 'POST', url: '/v1/watchers', body: '{"machine_id":' });
      assert.equal(bad.statusCode, 400);
      const missing = await h.request({ method: 'POST', url: '/v1/watchers', body: { machine_id: 'x' } });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.json().message, /password.*is required/);
    });

    test('auto-registration: right token from an allowed range ⇒ 202 and login works', async () => {
      const reg = await h.request({
        method: 'POST',
        url: '/v1/watchers',
        body: { machine_id: 'auto1', password: 'pw', registration_token: TOKEN },
        ip: '10.1.2.3',
      });
      assert.equal(reg.statusCode, 202);
      assert.equal((await login('auto1', 'pw', 'crowdsec/v1.7.0', '10.1.2.3')).statusCode, 200);
      const wrongIp = await h.request({
        method: 'POST',
        url: '/v1/watchers',
        body: { machine_id: 'auto2', password: 'pw', registration_token: TOKEN },
        ip: '192.168.1.1',
      });
      assert.equal(wrongIp.statusCode, 401);
      const wrongToken = await h.request({
        method: 'POST',
        url: '/v1/watchers',
        body: { machine_id: 'auto3', password: 'pw', registration_token: 'x'.repeat(40) },
        ip: '10.1.2.3',
      });
      assert.equal(wrongToken.statusCode, 401);
      assert.equal(await h.store.getMachine('auto3'), undefined);
    });

    test('login: token, expiry, stored scenarios and version; failures are 401', async () => {
      await h.store.createMachine({ machineId: 'm2', password: 'good', isValidated: true });
      const ok = await login('m2', 'good', 'crowdsec/v1.7.0-rc1', '192.0.2.7');
      assert.equal(ok.statusCode, 200);
      const body = ok.json() as { code: number; expire: string; token: string };
      assert.equal(body.code, 200);
      assert.equal(body.expire, '2026-01-01T01:00:00Z');
      assert.match(body.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      const m = await h.store.getMachine('m2');
      assert.equal(m?.scenarios, 'a/b,c/d');
      assert.equal(m?.version, 'v1.7.0-rc1');
      assert.equal(m?.ipAddress, '192.0.2.7');
      assert.equal((await login('m2', 'bad')).json().message, 'incorrect Username or Password');
      assert.equal((await login('nobody', 'x')).json().message, 'ent: machine not found');
      // The User-Agent must hold exactly one '/'.
      assert.equal((await login('m2', 'good', 'curl')).statusCode, 401);
      assert.equal((await login('m2', 'good', 'a/b/c')).statusCode, 401);
      const noPassword = await h.request({
        method: 'POST',
        url: '/v1/watchers/login',
        body: { machine_id: 'm2' },
      });
      assert.equal(noPassword.statusCode, 401);
      assert.match(noPassword.json().message, /password.*is required/);
    });

    test('JWT: heartbeat, expiry, refresh, self-deletion', async () => {
      const token = await h.machine('m3');
      const hb = await h.request({ method: 'GET', url: '/v1/heartbeat', token });
      assert.equal(hb.statusCode, 200);
      assert.equal((await h.store.getMachine('m3'))?.lastHeartbeat, h.clock.now);
      const cookie = await h.request({
        method: 'GET',
        url: '/v1/heartbeat',
        headers: { cookie: `a=b; jwt=${token}` },
      });
      assert.equal(cookie.statusCode, 200);

      h.clock.now += 30 * 60_000;
      const refreshed = await h.request({ method: 'GET', url: '/v1/refresh_token', token });
      assert.equal(refreshed.statusCode, 200);
      const fresh = (refreshed.json() as { token: string }).token;

      h.clock.now += 31 * 60_000; // the first token is now expired
      const expired = await h.request({ method: 'GET', url: '/v1/heartbeat', token });
      assert.equal(expired.statusCode, 401);
      assert.equal(expired.json().message, 'Token is expired');
      assert.equal((await h.request({ method: 'GET', url: '/v1/heartbeat', token: fresh })).statusCode, 200);

      const del = await h.request({ method: 'DELETE', url: '/v1/watchers/self', token: fresh });
      assert.equal(del.statusCode, 204);
      assert.equal(await h.store.getMachine('m3'), undefined);
      assert.equal(
        (await h.request({ method: 'DELETE', url: '/v1/watchers/self', token: fresh })).statusCode,
        404,
      );
    });

    test('a token signed with another secret is refused', async () => {
      const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6Im0yIiwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJl';
      const res = await h.request({ method: 'GET', url: '/v1/heartbeat', token: forged });
      assert.equal(res.statusCode, 401);
    });
  });
}
