/**
 * `POST /v1/alerts` and the alert routes: profiles turn agent alerts into decisions
 * (until = stop_at + 4h), cscli decisions are kept, bodies are validated (400 naming the field),
 * gzip bodies are accepted, body limits hold, and the read/delete routes filter as cscli expects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agentAlert, dialects, type Harness, startHarness } from './harness.ts';

for (const dialect of await dialects()) {
  describe(`alerts on ${dialect.name}`, { skip: dialect.skip }, () => {
    let h: Harness;
    let token: string;
    let key: string;
    before(async () => {
      h = await startHarness(dialect);
      token = await h.machine();
      key = await h.bouncer();
    });
    after(() => h?.close());

    test('an agent alert gets a 4h ban from the default profiles (until = stop_at + 4h)', async () => {
      const stopAt = h.clock.now - 60_000; // the overflow happened a minute ago
      const res = await h.request({
        method: 'POST',
        url: '/v1/alerts',
        token,
        body: [agentAlert('1.2.3.4', stopAt)],
      });
      assert.equal(res.statusCode, 201, res.body);
      const ids = res.json() as string[];
      assert.equal(ids.length, 1);
      assert.equal(typeof ids[0], 'string');
      const live = await h.request({ method: 'GET', url: '/v1/decisions?ip=1.2.3.4', apiKey: key });
      assert.equal(live.statusCode, 200);
      const [d] = live.json() as Record<string, unknown>[];
      assert.deepEqual(Object.keys(d!), [
        'duration',
        'id',
        'origin',
        'scenario',
        'scope',
        'type',
        'uuid',
        'value',
      ]);
      assert.equal(d!.duration, '3h59m0s');
      assert.equal(d!.origin, 'crowdsec');
      assert.equal(d!.scope, 'Ip');
      assert.equal(d!.type, 'ban');
      assert.equal(d!.value, '1.2.3.4');
      assert.equal(d!.scenario, 'crowdsecurity/ssh-bf');

      const one = await h.request({ method: 'GET', url: `/v1/alerts/${ids[0]}`, token });
      assert.equal(one.statusCode, 200);
      const alert = one.json() as Record<string, any>;
      assert.equal(alert.id, Number(ids[0]));
      assert.equal(alert.machine_id, 'agent1');
      assert.equal(alert.source.scope, 'Ip');
      assert.equal(alert.source.latitude, 48.8);
      assert.equal(alert.stop_at, new Date(stopAt).toISOString().replace('.000Z', 'Z'));
      assert.equal(alert.decisions.length, 1);
      assert.equal(alert.events[0].timestamp, '2025-12-31 23:59:00 +0000 UTC');
      assert.deepEqual(alert.meta, [{ key: 'target_user', value: '["root"]' }]);
    });

    test('alerts without remediation or of another scope get no decision; ids are still returned', async () => {
      const res = await h.request({
        method: 'POST',
        url: '/v1/alerts',
        token,
        body: [
          agentAlert('5.5.5.5', h.clock.now, { remediation: false }),
          agentAlert('bob', h.clock.now, { source: { scope: 'username', value: 'bob' } }),
        ],
      });
      assert.equal(res.statusCode, 201);
      assert.equal((res.json() as string[]).length, 2);
      const live = await h.request({ method: 'GET', url: '/v1/decisions?value=5.5.5.5', apiKey: key });
      assert.equal(live.body, 'null');
    });

    test('cscli alerts keep their decisions; simulated ones are hidden from bouncers', async () => {
      const cscli = agentAlert('10.0.0.0/24', h.clock.now, {
        kind: 'cscli',
        scenario: "manual 'ban' from 'agent1'",
        source: { scope: 'range', value: '10.0.0.0/24' },
        decisions: [
          {
            origin: 'cscli',
            type: 'ban',
            scope: 'range',
            value: '10.0.0.0/24',
            duration: '1d',
            scenario: 'manual',
          },
        ],
      });
      const sim = agentAlert('7.7.7.7', h.clock.now, { simulated: true });
      const res = await h.request({ method: 'POST', url: '/v1/alerts', token, body: [cscli, sim] });
      assert.equal(res.statusCode, 201);
      const live = await h.request({ method: 'GET', url: '/v1/decisions?ip=10.0.0.9', apiKey: key });
      const decisions = live.json() as Record<string, string>[];
      assert.equal(decisions.length, 1);
      assert.equal(decisions[0]!.duration, '24h0m0s');
      assert.equal(decisions[0]!.scope, 'Range');
      assert.equal(decisions[0]!.origin, 'cscli');
      assert.equal(
        (await h.request({ method: 'GET', url: '/v1/decisions?ip=7.7.7.7', apiKey: key })).body,
        'null',
      );
      const withSim = await h.request({
        method: 'GET',
        url: '/v1/decisions?ip=7.7.7.7&simulated=true',
        apiKey: key,
      });
      assert.equal((withSim.json() as unknown[]).length, 1);
    });

    test('bad bodies are 400 with a message naming the field', async () => {
      const noScenario = agentAlert('1.1.1.1', h.clock.now);
      delete noScenario.scenario;
      const cases: [unknown, RegExp][] = [
        [[noScenario], /\[0\]\.scenario: is required/],
        [
          [agentAlert('1.1.1.1', h.clock.now, { events_count: 'six' })],
          /\[0\]\.events_count: expected an integer/,
        ],
        [
          [agentAlert('1.1.1.1', h.clock.now, { start_at: 'yesterday' })],
          /\[0\]\.start_at: "yesterday" is not an RFC 3339 time/,
        ],
        [
          [agentAlert('1.1.1.1', h.clock.now, { source: { value: '1.1.1.1' } })],
          /\[0\]\.source\.scope: is required/,
        ],
        [
          [
            agentAlert('1.1.1.1', h.clock.now, {
              decisions: [
                {
                  origin: 'cscli',
                  type: 'ban',
                  scope: 'Ip',
                  value: '1.1.1.1',
                  duration: 'forever',
                  scenario: 'x',
                },
              ],
            }),
          ],
          /\[0\]\.decisions\[0\]\.duration: "forever" is not a duration/,
        ],
        [{ not: 'an array' }, /body: expected an array of alerts/],
      ];
      for (const [body, message] of cases) {
        const res = await h.request({ method: 'POST', url: '/v1/alerts', token, body });
        assert.equal(res.statusCode, 400, res.body);
        assert.match(res.json().message, message);
      }
      const badJson = await h.request({ method: 'POST', url: '/v1/alerts', token, body: '[{"scenario":' });
      assert.equal(badJson.statusCode, 400);
      assert.match(badJson.json().message, /^invalid JSON body/);
    });

    test('gzip bodies are accepted; corrupt gzip is 400', async () => {
      const many = Array.from({ length: 40 }, (_, i) => agentAlert(`20.0.0.${i}`, h.clock.now));
      const res = await h.request({ method: 'POST', url: '/v1/alerts', token, body: many, gzip: true });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((res.json() as string[]).length, 40);
      const corrupt = await h.lapi.app.inject({
        method: 'POST',
        url: '/v1/alerts',
        headers: {
          authorization: `Bearer ${token}`,
          'content-encoding': 'gzip',
          'content-type': 'application/json',
        },
        payload: Buffer.from('definitely not gzip'),
      });
      assert.equal(corrupt.statusCode, 400);
      assert.match(corrupt.json().message, /invalid gzip body/);
    });

    test('body limits apply to decompressed bytes: 2 MiB unauthenticated, 50 MiB authenticated', async () => {
      const big = JSON.stringify({ machine_id: 'x', password: 'y'.repeat(3 * 1024 * 1024) });
      const plain = await h.request({ method: 'POST', url: '/v1/watchers', body: big });
      assert.equal(plain.statusCode, 413);
      // 3 MiB that gzip to a few KiB: refused while decompressing.
      const zipped = await h.request({ method: 'POST', url: '/v1/watchers', body: big, gzip: true });
      assert.equal(zipped.statusCode, 413);
      const bomb = `[${' '.repeat(51 * 1024 * 1024)}]`;
      const res = await h.request({ method: 'POST', url: '/v1/alerts', token, body: bomb, gzip: true });
      assert.equal(res.statusCode, 413);
    });

    test('a profile error without on_error is a 500; with on_error: continue it passes', async () => {
      const failing = `name: broken\nfilters:\n  - Alert.Events[5].GetMeta("x") == "y"\ndecisions:\n  - type: ban\n`;
      const h2 = await startHarness(dialect, {}, failing);
      try {
        const t = await h2.machine();
        const res = await h2.request({
          method: 'POST',
          url: '/v1/alerts',
          token: t,
          body: [agentAlert('1.1.1.1', h2.clock.now)],
        });
        assert.equal(res.statusCode, 500);
        assert.match(res.json().message, /broken/);
      } finally {
        await h2.close();
      }
      const h3 = await startHarness(dialect, {}, `${failing}on_error: continue\n`);
      try {
        const t = await h3.machine();
        const res = await h3.request({
          method: 'POST',
          url: '/v1/alerts',
          token: t,
          body: [agentAlert('1.1.1.1', h3.clock.now)],
        });
        assert.equal(res.statusCode, 201);
      } finally {
        await h3.close();
      }
    });

    test('GET /v1/alerts filters, null when empty, refuses unknown filters with 500', async () => {
      const all = await h.request({ method: 'GET', url: '/v1/alerts?limit=0', token });
      assert.equal(all.statusCode, 200);
      assert.ok((all.json() as unknown[]).length >= 45);
      const active = await h.request({
        method: 'GET',
        url: '/v1/alerts?has_active_decision=true&include_capi=false&limit=100&value=1.2.3.4',
        token,
      });
      assert.equal((active.json() as unknown[]).length, 1);
      const none = await h.request({ method: 'GET', url: '/v1/alerts?value=9.9.9.9', token });
      assert.equal(none.body, 'null');
      const unknown = await h.request({ method: 'GET', url: '/v1/alerts?foo=bar', token });
      assert.equal(unknown.statusCode, 500);
      assert.deepEqual(unknown.json(), { message: "'foo' doesn't exist: invalid filter" });
      const head = await h.request({ method: 'HEAD', url: '/v1/alerts', token });
      assert.equal(head.statusCode, 200);
      assert.equal(head.body, '');
      assert.equal(
        (await h.request({ method: 'GET', url: '/v1/alerts/abc', token })).json().message,
        'alert_id must be valid integer',
      );
      const missing = await h.request({ method: 'GET', url: '/v1/alerts/999999', token });
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(missing.json(), { message: 'object not found' });
    });

    test('DELETE /v1/alerts only from trusted IPs; count as a string', async () => {
      const far = await h.request({
        method: 'DELETE',
        url: '/v1/alerts?value=5.5.5.5',
        token,
        ip: '203.0.113.9',
      });
      assert.equal(far.statusCode, 403);
      assert.deepEqual(far.json(), { message: 'access forbidden from this IP (203.0.113.9)' });
      const res = await h.request({ method: 'DELETE', url: '/v1/alerts?value=5.5.5.5', token });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { nbDeleted: '1' });
      const list = (await h.request({ method: 'GET', url: '/v1/alerts?value=bob', token })).json() as {
        id: number;
      }[];
      const one = await h.request({ method: 'DELETE', url: `/v1/alerts/${list[0]!.id}`, token });
      assert.deepEqual(one.json(), { nbDeleted: '1' });
      assert.equal(
        (await h.request({ method: 'DELETE', url: `/v1/alerts/${list[0]!.id}`, token })).statusCode,
        404,
      );
    });
  });
}
