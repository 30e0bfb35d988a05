/**
 * Every route the app registers (read from its route table, so a new route cannot escape this
 * test) refuses requests without credentials, with wrong credentials, and with the other kind's
 * valid credentials — except the three public routes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, type Harness, startHarness } from './harness.ts';

const PUBLIC = new Set(['GET /health', 'POST /v1/watchers', 'POST /v1/watchers/login']);

const [sqlite] = await dialects();

describe('auth walk over every registered route', () => {
  let h: Harness;
  let token: string;
  let key: string;
  before(async () => {
    h = await startHarness(sqlite!);
    token = await h.machine();
    key = await h.bouncer();
  });
  after(() => h.close());

  test('the route table holds the expected groups', () => {
    const all = h.lapi.routes.routes().map((r) => `${r.method} ${r.url}`);
    for (const r of [
      'GET /v1/decisions/stream',
      'HEAD /v1/decisions',
      'POST /v1/alerts',
      'DELETE /v1/alerts/:alert_id',
      'POST /v1/usage-metrics',
      'GET /v1/heartbeat',
    ]) {
      assert.ok(all.includes(r), `${r} missing from ${all.join(', ')}`);
    }
    assert.ok(all.length >= 20, `only ${all.length} routes`);
  });

  test('no credentials, wrong credentials and the other kind are refused', async () => {
    let checked = 0;
    for (const { method, url } of h.lapi.routes.routes()) {
      if (PUBLIC.has(`${method} ${url}`)) continue;
      const concrete = url.replace(/:[a-z_]+/g, '1');
      const m = method as 'GET';
      const attempts: [string, Record<string, string>][] = [
        ['none', {}],
        ['bad token', { authorization: 'Bearer not.a.token' }],
        ['bad key', { 'x-api-key': 'wrong-key' }],
        ['bad token and bad key', { authorization: 'Bearer x', 'x-api-key': 'wrong' }],
      ];
      const isBouncerRoute = url.startsWith('/v1/decisions') && (method === 'GET' || method === 'HEAD');
      // The other kind's valid credentials.
      if (isBouncerRoute)
        attempts.push(['machine token on a bouncer route', { authorization: `Bearer ${token}` }]);
      else if (url !== '/v1/usage-metrics')
        attempts.push(['bouncer key on a machine route', { 'x-api-key': key }]);
      for (const [what, headers] of attempts) {
        const res = await h.request({
          method: m,
          url: concrete,
          headers,
          body: method === 'POST' ? [] : undefined,
        });
        assert.ok(
          res.statusCode === 401 || res.statusCode === 403,
          `${method} ${url} with ${what}: ${res.statusCode} ${res.body}`,
        );
        checked++;
      }
    }
    assert.ok(checked > 80, `only ${checked} requests checked`);
  });

  test('machine routes answer 401 with the gin-jwt body and header', async () => {
    const res = await h.request({ method: 'GET', url: '/v1/heartbeat' });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(res.json(), { code: 401, message: 'cookie token is empty' });
    assert.equal(res.headers['www-authenticate'], 'JWT realm=Crowdsec API local');
  });

  test('bouncer routes answer 403 access forbidden', async () => {
    const res = await h.request({ method: 'GET', url: '/v1/decisions', apiKey: 'nope' });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json(), { message: 'access forbidden' });
  });

  test('unknown routes are 404 and wrong methods 405 with Allow, both empty', async () => {
    const r404 = await h.request({ method: 'GET', url: '/v1/nothing-here' });
    assert.equal(r404.statusCode, 404);
    assert.equal(r404.body, '');
    const r405 = await h.request({ method: 'PUT', url: '/v1/alerts/12' });
    assert.equal(r405.statusCode, 405);
    assert.equal(r405.body, '');
    assert.equal(r405.headers.allow, 'DELETE, GET, HEAD');
  });
});
