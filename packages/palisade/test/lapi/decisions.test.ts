/**
 * Bouncer routes: per-(key, IP) identity and User-Agent, live mode (`null` when empty, filters,
 * last_pull), the stream (startup, then delta, then deletion; cursor acknowledged only after a
 * complete answer; HEAD touches nothing), and decision deletion by cscli.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agentAlert, dialects, type Harness, startHarness } from './harness.ts';

interface StreamBody {
  new: { id: number; value: string; duration: string; scope: string }[];
  deleted: { id: number; value: string; duration: string }[];
}

for (const dialect of await dialects()) {
  describe(`decisions on ${dialect.name}`, { skip: dialect.skip }, () => {
    let h: Harness;
    let token: string;
    before(async () => {
      h = await startHarness(dialect);
      token = await h.machine();
    });
    after(() => h?.close());

    const ban = async (...ips: string[]): Promise<void> => {
      const res = await h.request({
        method: 'POST',
        url: '/v1/alerts',
        token,
        body: ips.map((ip) => agentAlert(ip, h.clock.now)),
      });
      assert.equal(res.statusCode, 201, res.body);
    };
    const stream = async (
      key: string,
      query = '',
      ua = 'crowdsec-firewall-bouncer/v0.0.31',
    ): Promise<StreamBody> => {
      const res = await h.request({
        method: 'GET',
        url: `/v1/decisions/stream${query}`,
        apiKey: key,
        headers: { 'user-agent': ua },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/json');
      await h.lapi.settle();
      return res.json() as StreamBody;
    };

    test('bouncer identity: one row per (key, client IP), type/version from the User-Agent', async () => {
      const key = await h.bouncer('idtest');
      const get = (ip: string, ua: string) =>
        h.request({ method: 'GET', url: '/v1/decisions', apiKey: key, ip, headers: { 'user-agent': ua } });
      assert.equal((await get('192.0.2.1', 'cs-nginx-bouncer/v1.0.8')).statusCode, 200);
      const first = await h.store.getBouncer('idtest');
      assert.equal(first?.ipAddress, '192.0.2.1');
      assert.equal(first?.type, 'cs-nginx-bouncer');
      assert.equal(first?.version, 'v1.0.8');
      await get('192.0.2.2', 'odd-agent');
      const second = await h.store.getBouncer('idtest@192.0.2.2');
      assert.ok(second?.autoCreated);
      assert.equal(second?.type, 'odd-agent');
      assert.equal(second?.version, 'N/A');
      // HEAD only checks the key: no new row.
      const head = await h.request({ method: 'HEAD', url: '/v1/decisions', apiKey: key, ip: '192.0.2.3' });
      assert.equal(head.statusCode, 200);
      assert.equal(await h.store.getBouncer('idtest@192.0.2.3'), undefined);
    });

    test('live mode: null when empty, filters, range containment, last_pull at most once a minute', async () => {
      const key = await h.bouncer('live');
      const empty = await h.request({ method: 'GET', url: '/v1/decisions?ip=8.8.8.8', apiKey: key });
      assert.equal(empty.statusCode, 200);
      assert.equal(empty.body, 'null');
      assert.equal(empty.headers['content-type'], 'application/json; charset=utf-8');
      const pulled = (await h.store.getBouncer('live'))?.lastPull;
      assert.equal(pulled, h.clock.now);
      await ban('2.2.3.4');
      const found = await h.request({
        method: 'GET',
        url: '/v1/decisions?ip=2.2.3.4&community_pull=false',
        apiKey: key,
      });
      assert.equal((found.json() as unknown[]).length, 1);
      const byRange = await h.request({
        method: 'GET',
        url: '/v1/decisions?range=2.2.3.0/24&contains=false',
        apiKey: key,
      });
      assert.equal((byRange.json() as unknown[]).length, 1);
      const badIp = await h.request({ method: 'GET', url: '/v1/decisions?ip=not-an-ip', apiKey: key });
      assert.equal(badIp.statusCode, 500);
      h.clock.now += 30_000;
      await h.request({ method: 'GET', url: '/v1/decisions', apiKey: key });
      assert.equal((await h.store.getBouncer('live'))?.lastPull, pulled);
    });

    test('stream: startup, then delta, then deletion; HEAD touches nothing', async () => {
      const key = await h.bouncer('streamer');
      await ban('3.3.3.1', '3.3.3.2');
      const start = await stream(key, '?startup=true&additional_pull=false&community_pull=false');
      const values = start.new.map((d) => d.value);
      assert.ok(values.includes('3.3.3.1') && values.includes('3.3.3.2'), values.join(','));
      assert.deepEqual(start.deleted, []);
      assert.ok(start.new.every((d) => d.scope === 'Ip' || d.scope === 'Range'));

      const quiet = await stream(key);
      assert.deepEqual(quiet, { new: [], deleted: [] });

      h.clock.now += 1000;
      await ban('3.3.3.3');
      const delta = await stream(key);
      assert.deepEqual(
        delta.new.map((d) => d.value),
        ['3.3.3.3'],
      );

      h.clock.now += 1000;
      const del = await h.request({ method: 'DELETE', url: '/v1/decisions?ip=3.3.3.1', token });
      assert.deepEqual(del.json(), { nbDeleted: '1' });
      // HEAD neither reads nor moves the cursor.
      assert.equal((await h.request({ method: 'HEAD', url: '/v1/decisions/stream', apiKey: key })).body, '');
      const gone = await stream(key);
      assert.deepEqual(gone.new, []);
      assert.deepEqual(
        gone.deleted.map((d) => d.value),
        ['3.3.3.1'],
      );
      assert.deepEqual(await stream(key), { new: [], deleted: [] });
    });

    test('stream filters: scopes default to ip,range; origins; scenarios', async () => {
      const key = await h.bouncer('filters');
      await h.request({
        method: 'POST',
        url: '/v1/alerts',
        token,
        body: [
          agentAlert('alice', h.clock.now, {
            source: { scope: 'username', value: 'alice' },
            decisions: [
              {
                origin: 'cscli',
                type: 'ban',
                scope: 'username',
                value: 'alice',
                duration: '1h',
                scenario: 'manual',
              },
            ],
          }),
        ],
      });
      const def = await stream(key, '?startup=true');
      assert.ok(!def.new.some((d) => d.value === 'alice'));
      const users = await stream(await h.bouncer('users'), '?startup=true&scopes=username');
      assert.deepEqual(
        users.new.map((d) => d.value),
        ['alice'],
      );
      const onlyCscli = await stream(await h.bouncer('cscli-only'), '?startup=true&origins=cscli');
      assert.ok(onlyCscli.new.every((d) => d.value !== '3.3.3.2'));
      const notSsh = await stream(
        await h.bouncer('not-ssh'),
        '?startup=true&scenarios_not_containing=SSH-BF',
      );
      assert.ok(!notSsh.new.some((d) => d.value === '3.3.3.2'));
    });

    test('durations count down and expired decisions come back in deleted with a negative duration', async () => {
      const key = await h.bouncer('clock');
      await stream(key, '?startup=true');
      await ban('4.4.4.4');
      h.clock.now += 60_000 + 400;
      const first = await stream(key);
      const d = first.new.find((x) => x.value === '4.4.4.4');
      assert.equal(d?.duration, '3h59m0s');
      h.clock.now += 4 * 3600_000;
      const later = await stream(key);
      const gone = later.deleted.find((x) => x.value === '4.4.4.4');
      assert.equal(gone?.duration, '-1m0s');
    });

    test('DELETE /v1/decisions refuses unknown filters; by id expires one, 500 when missing', async () => {
      token = await h.machine('agent-del'); // the clock moved past the first token's expiry
      const bad = await h.request({ method: 'DELETE', url: '/v1/decisions?bogus=1', token });
      assert.equal(bad.statusCode, 500);
      assert.deepEqual(bad.json(), { message: "'bogus' doesn't exist: invalid filter" });
      await ban('6.6.6.6');
      const key = await h.bouncer('del');
      const [d] = (
        await h.request({ method: 'GET', url: '/v1/decisions?ip=6.6.6.6', apiKey: key })
      ).json() as { id: number }[];
      const res = await h.request({ method: 'DELETE', url: `/v1/decisions/${d!.id}`, token });
      assert.deepEqual(res.json(), { nbDeleted: '1' });
      assert.equal(
        (await h.request({ method: 'GET', url: '/v1/decisions?ip=6.6.6.6', apiKey: key })).body,
        'null',
      );
      const missing = await h.request({ method: 'DELETE', url: '/v1/decisions/987654', token });
      assert.equal(missing.statusCode, 500);
      assert.deepEqual(missing.json(), {
        message: "decision with id '987654' doesn't exist: unable to delete",
      });
      const nan = await h.request({ method: 'DELETE', url: '/v1/decisions/x', token });
      assert.equal(nan.statusCode, 400);
      assert.deepEqual(nan.json(), { message: 'decision_id must be valid integer' });
    });
  });
}
