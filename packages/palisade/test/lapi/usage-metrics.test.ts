/**
 * `POST /v1/usage-metrics` (201, 400 for bind errors and wrong sections, 422 for validation)
 * with either kind of caller, and the Prometheus metrics under CrowdSec's names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agentAlert, dialects, type Harness, startHarness } from './harness.ts';

const rc = (over: Record<string, unknown> = {}) => ({
  remediation_components: [
    {
      type: 'crowdsec-firewall-bouncer',
      version: 'v0.0.31',
      name: 'ignored',
      os: { name: 'debian', family: 'debian', version: '12' },
      feature_flags: [],
      utc_startup_timestamp: 1700000000,
      last_pull: 0,
      metrics: [
        {
          meta: { window_size_seconds: 900, utc_now_timestamp: 1700000900 },
          items: [
            { name: 'dropped', value: 12, unit: 'packet', labels: { origin: 'CAPI', ip_type: 'ipv4' } },
          ],
        },
      ],
      ...over,
    },
  ],
  log_processors: [],
  lapi: null,
});

for (const dialect of await dialects()) {
  describe(`usage metrics and Prometheus on ${dialect.name}`, { skip: dialect.skip }, () => {
    let h: Harness;
    let token: string;
    let key: string;
    before(async () => {
      h = await startHarness(dialect);
      token = await h.machine();
      key = await h.bouncer('fw');
    });
    after(() => h?.close());

    test('a bouncer report is stored: 201, row updated', async () => {
      const res = await h.request({ method: 'POST', url: '/v1/usage-metrics', apiKey: key, body: rc() });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.body, '');
      const b = await h.store.getBouncer('fw');
      assert.equal(b?.osName, 'debian');
      assert.equal(b?.version, 'v0.0.31');
      const rows = await h.store.listUnpushedMetrics();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.generatedType, 'RC');
      assert.equal(rows[0]!.generatedBy, 'fw');
      assert.equal(JSON.parse(rows[0]!.payload).type, 'crowdsec-firewall-bouncer');
    });

    test('a machine report needs hub_items and datasources', async () => {
      const lp = {
        log_processors: [
          {
            version: 'v1.7.0',
            utc_startup_timestamp: 1,
            feature_flags: ['x'],
            hub_items: {},
            datasources: { file: 2 },
            metrics: [],
          },
        ],
      };
      const ok = await h.request({ method: 'POST', url: '/v1/usage-metrics', token, body: lp });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal((await h.store.getMachine('agent1'))?.datasources, '{"file":2}');
      const missing = await h.request({
        method: 'POST',
        url: '/v1/usage-metrics',
        token,
        body: { log_processors: [{ version: 'v1', utc_startup_timestamp: 1 }] },
      });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.json().message, /^validation failure list:\n.*hub_items in body is required/);
    });

    test('wrong sections are 400; bind errors 400; missing fields 422', async () => {
      const mine = await h.request({
        method: 'POST',
        url: '/v1/usage-metrics',
        apiKey: key,
        body: { log_processors: [] },
      });
      assert.equal(mine.statusCode, 400);
      assert.deepEqual(mine.json(), { message: 'Missing remediation component data' });
      const flags = await h.request({
        method: 'POST',
        url: '/v1/usage-metrics',
        apiKey: key,
        body: rc({ feature_flags: {} }),
      });
      assert.equal(flags.statusCode, 400);
      assert.match(flags.json().message, /feature_flags: expected an array/);
      const noVersion = rc();
      delete (noVersion.remediation_components[0] as Record<string, unknown>).version;
      const res = await h.request({ method: 'POST', url: '/v1/usage-metrics', apiKey: key, body: noVersion });
      assert.equal(res.statusCode, 422);
      assert.match(res.json().message, /remediation_components\[0\]\.version in body is required/);
    });

    test('Prometheus metrics use CrowdSec names', async () => {
      await h.request({
        method: 'POST',
        url: '/v1/alerts',
        token,
        body: [agentAlert('9.9.9.9', h.clock.now)],
      });
      await h.request({ method: 'GET', url: '/v1/decisions?ip=9.9.9.9', apiKey: key });
      await h.request({ method: 'GET', url: '/v1/decisions?ip=9.9.9.8', apiKey: key });
      await h.request({ method: 'GET', url: '/v1/heartbeat', token });
      await h.request({ method: 'GET', url: '/nope' });
      const text = await h.metrics.registry.metrics();
      for (const line of [
        'cs_lapi_route_requests_total{route="/v1/decisions",method="GET"} 2',
        'cs_lapi_route_requests_total{route="invalid-endpoint",method="GET"} 1',
        'cs_lapi_bouncer_requests_total{bouncer="fw",route="/v1/decisions",method="GET"} 2',
        'cs_lapi_machine_requests_total{machine="agent1",route="/v1/heartbeat",method="GET"} 1',
        'cs_lapi_decisions_ok_total{bouncer="fw"} 1',
        'cs_lapi_decisions_ko_total{bouncer="fw"} 1',
        'cs_active_decisions{reason="crowdsecurity/ssh-bf",origin="crowdsec",action="ban"} 1',
        'cs_alerts{reason="crowdsecurity/ssh-bf"} 1',
        `cs_machines_last_heartbeat_timestamp{machine="agent1"} ${h.clock.now / 1000}`,
        'cs_info{version="v-test"} 1',
      ]) {
        assert.ok(text.includes(line), `missing: ${line}`);
      }
      assert.match(
        text,
        /cs_lapi_request_duration_seconds_bucket\{le="0\.005",endpoint="\/v1\/decisions",method="GET"\}/,
      );
    });
  });
}
