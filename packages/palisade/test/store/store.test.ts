/** Store conformance: schema, machines, bouncers, alerts, decision filters, expiry, metrics, locks. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { hashApiKey, StoreError } from '../../src/store/index.ts';
import { runMigrations } from '../../src/store/migrations.ts';
import { alert, decision, dialects, T0, type TestEnv } from './harness.ts';

const HOUR = 3_600_000;

for (const dialect of await dialects()) {
  describe(`${dialect.name}: store`, { skip: dialect.skip }, () => {
    let env: TestEnv;
    beforeEach(async () => {
      env = await dialect.fresh();
    });
    afterEach(async () => {
      await env.close();
    });

    it('migrations are idempotent and concurrent opens agree', async () => {
      assert.deepEqual(await runMigrations(env.store.context.db, env.store.dialect, T0), []);
      // PostgreSQL: concurrent starts wait on the advisory lock. SQLite: one process holds one
      // store per file (a second in-process writer would block the event loop), so open in turn.
      const others =
        dialect.name === 'postgresql'
          ? await Promise.all([env.openAnother(), env.openAnother(), env.openAnother()])
          : [await env.openAnother(), await env.openAnother()];
      for (const s of others) assert.equal((await s.stats()).changeSeq, 0);
      await env.store.setConfigItem('k', 'v1');
      await env.store.setConfigItem('k', 'v2');
      assert.equal(await others[0]?.getConfigItem('k'), 'v2');
      assert.equal(await env.store.getConfigItem('missing'), undefined);
    });

    it('machines: create, conflict, password, validate, update, delete', async () => {
      const m = await env.store.createMachine({
        machineId: 'agent1',
        password: 'secret',
        ipAddress: '10.0.0.1',
      });
      assert.equal(m.isValidated, false);
      assert.match(m.passwordHash, /^\$2[aby]\$/);
      await assert.rejects(
        env.store.createMachine({ machineId: 'agent1', password: 'x' }),
        (e: unknown) =>
          e instanceof StoreError &&
          e.code === 'conflict' &&
          e.message === "user 'agent1': user already exist",
      );
      assert.equal(await env.store.checkMachinePassword('agent1', 'secret'), true);
      assert.equal(await env.store.checkMachinePassword('agent1', 'wrong'), false);
      assert.equal(await env.store.checkMachinePassword('nobody', 'secret'), false);
      assert.equal(await env.store.validateMachine('agent1'), true);
      assert.equal(await env.store.validateMachine('nobody'), false);
      env.clock.now = T0 + 5000;
      assert.equal(
        await env.store.updateMachine('agent1', {
          version: 'v1.6.0',
          scenarios: 'a,b',
          lastHeartbeat: T0 + 5000,
        }),
        true,
      );
      const got = await env.store.getMachine('agent1');
      assert.equal(got?.isValidated, true);
      assert.equal(got?.version, 'v1.6.0');
      assert.equal(got?.lastHeartbeat, T0 + 5000);
      assert.equal(got?.updatedAt, T0 + 5000);
      const forced = await env.store.createMachine({
        machineId: 'agent1',
        password: 'new',
        force: true,
        isValidated: true,
      });
      assert.equal(forced.id, m.id);
      assert.equal(await env.store.checkMachinePassword('agent1', 'new'), true);
      assert.deepEqual(
        (await env.store.listMachines()).map((x) => x.machineId),
        ['agent1'],
      );
      assert.equal(await env.store.deleteMachine('agent1'), true);
      assert.equal(await env.store.getMachine('agent1'), undefined);
    });

    it('bouncers: per-IP identity with auto-created <name>@<ip> rows (§1.2)', async () => {
      const b = await env.store.createBouncer({ name: 'fw', apiKey: 'KEY' });
      assert.equal(b.apiKeyHash, hashApiKey('KEY'));
      assert.equal(b.apiKeyHash.length, 128);
      await assert.rejects(
        env.store.createBouncer({ name: 'fw', apiKey: 'other' }),
        (e: unknown) => e instanceof StoreError && e.code === 'conflict',
      );
      assert.equal(await env.store.resolveBouncer(hashApiKey('nope'), '1.1.1.1'), undefined);
      const first = await env.store.resolveBouncer(b.apiKeyHash, '10.0.0.1');
      assert.equal(first?.id, b.id);
      assert.equal(first?.ipAddress, '10.0.0.1');
      assert.equal((await env.store.resolveBouncer(b.apiKeyHash, '10.0.0.1'))?.id, b.id);
      const second = await env.store.resolveBouncer(b.apiKeyHash, '10.0.0.2');
      assert.equal(second?.name, 'fw@10.0.0.2');
      assert.equal(second?.autoCreated, true);
      assert.notEqual(second?.id, b.id);
      assert.equal((await env.store.resolveBouncer(b.apiKeyHash, '10.0.0.2'))?.id, second?.id);
      // A key first seen through an auto-created row still yields the base name.
      await env.store.createBouncer({
        name: 'k8s@10.1.1.1',
        apiKeyHash: hashApiKey('K2'),
        ipAddress: '10.1.1.1',
      });
      assert.equal((await env.store.resolveBouncer(hashApiKey('K2'), '10.1.1.2'))?.name, 'k8s@10.1.1.2');
      // Concurrent first requests from one new IP end on one row.
      const same = await Promise.all([1, 2, 3].map(() => env.store.resolveBouncer(b.apiKeyHash, '10.0.0.3')));
      assert.equal(new Set(same.map((x) => x?.id)).size, 1);
      assert.equal(await env.store.bouncerKeyExists(b.apiKeyHash), true);
      assert.equal(await env.store.bouncerKeyExists(hashApiKey('nope')), false);
      assert.equal(
        await env.store.updateBouncer(b.id, {
          type: 'crowdsec-firewall-bouncer',
          version: 'v0.0.31',
          lastPull: T0,
        }),
        true,
      );
      const got = await env.store.getBouncerById(b.id);
      assert.deepEqual(
        [got?.type, got?.version, got?.lastPull],
        ['crowdsec-firewall-bouncer', 'v0.0.31', T0],
      );
      assert.equal((await env.store.listBouncers()).length, 5);
      assert.equal(await env.store.deleteBouncer('fw'), true);
      assert.equal(await env.store.getBouncer('fw'), undefined);
    });

    it('alerts: until = stop_at + duration, scopes normalised, invalid IPs dropped, children kept', async () => {
      await env.store.createMachine({ machineId: 'agent1', password: 'p' });
      env.clock.now = T0 + 10 * HOUR;
      const stop = T0 + 123;
      const r = await env.store.insertAlerts([
        {
          machineId: 'agent1',
          alert: alert(
            [
              decision('1.2.3.4', { scope: 'ip' }),
              decision('not-an-ip', { scope: 'ip' }),
              decision('10.0.0.0/8', { scope: 'RANGE', duration: '1d2h' }),
            ],
            { meta: [{ key: 'target_user', value: '["root"]' }], labels: ['a'] },
            stop,
          ),
        },
        { machineId: 'agent1', alert: alert([decision('999.1.1.1')]) },
        { machineId: 'agent1', alert: alert([], { source: { scope: 'username', value: 'bob' } }) },
      ]);
      assert.equal(r.ids.length, 2);
      assert.equal(r.invalidDecisions, 2);
      assert.equal(r.droppedAlerts, 1);
      const a = await env.store.getAlert(r.ids[0] as number);
      assert.ok(a);
      assert.equal(a.machineId, 'agent1');
      assert.equal(a.stoppedAt, stop);
      assert.equal(a.startedAt, stop - 2000);
      assert.equal(a.createdAt, T0 + 10 * HOUR);
      assert.deepEqual(
        a.decisions.map((d) => [d.scope, d.value, d.until, d.ipSize]),
        [
          ['Ip', '1.2.3.4', stop + 4 * HOUR, 4],
          ['Range', '10.0.0.0/8', stop + 26 * HOUR, 4],
        ],
      );
      assert.deepEqual(a.meta, [{ key: 'target_user', value: '["root"]' }]);
      assert.deepEqual(a.events[0]?.meta, [{ key: 'source_ip', value: '1.2.3.4' }]);
      assert.deepEqual(a.labels, ['a']);
      assert.equal((await env.store.getMachine('agent1'))?.lastPush, T0 + 10 * HOUR);
      assert.equal(await env.store.getAlert(99999), undefined);
      await assert.rejects(
        env.store.insertAlerts([{ machineId: '', alert: alert([decision('1.1.1.1', { duration: '4x' })]) }]),
        (e: unknown) =>
          e instanceof StoreError && e.code === 'invalid' && e.message.includes('decisions[0].duration'),
      );
    });

    it('decision filters: contains for IPv4/IPv6 ranges, scopes, scenarios, simulated, origins', async () => {
      await env.store.insertAlerts([
        {
          machineId: '',
          alert: alert([decision('2.2.3.0/24', { scope: 'Range', scenario: 'crowdsecurity/HTTP-probing' })]),
        },
        { machineId: '', alert: alert([decision('2.2.3.42', { origin: 'cscli', scenario: 'manual' })]) },
        { machineId: '', alert: alert([decision('2001:db8::/64', { scope: 'Range' })]) },
        { machineId: '', alert: alert([decision('2001:db8::1')]) },
        { machineId: '', alert: alert([decision('3.3.3.3')], { simulated: true }) },
        { machineId: '', alert: alert([decision('FR', { scope: 'Country' })]) },
      ]);
      const q = async (f: Parameters<typeof env.store.queryDecisions>[0]) =>
        (await env.store.queryDecisions(f)).map((d) => d.value).sort();
      assert.deepEqual(await q({ ip: '2.2.3.42' }), ['2.2.3.0/24', '2.2.3.42']);
      assert.deepEqual(await q({ ip: '2.2.3.43' }), ['2.2.3.0/24']);
      assert.deepEqual(await q({ range: '2.2.3.0/25' }), ['2.2.3.0/24']);
      assert.deepEqual(await q({ range: '2.2.0.0/16', contains: false }), ['2.2.3.0/24', '2.2.3.42']);
      assert.deepEqual(await q({ ip: '2001:db8::5' }), ['2001:db8::/64']);
      assert.deepEqual(await q({ range: '2001:db8::/32', contains: false }), [
        '2001:db8::/64',
        '2001:db8::1',
      ]);
      assert.deepEqual(await q({ ip: '::ffff:2.2.3.42' }), ['2.2.3.0/24', '2.2.3.42']);
      assert.deepEqual(await q({ range: '0.0.0.0/0', contains: false }), ['2.2.3.0/24', '2.2.3.42']);
      assert.deepEqual(await q({ scopes: ['ip'] }), ['2.2.3.42', '2001:db8::1']);
      assert.deepEqual(await q({ scopes: ['country', 'RANGE'] }), ['2.2.3.0/24', '2001:db8::/64', 'FR']);
      assert.deepEqual(await q({ scenariosContaining: ['http'] }), ['2.2.3.0/24']);
      assert.deepEqual(await q({ scenariosContaining: ['%'] }), []);
      assert.deepEqual(await q({ scenariosNotContaining: ['SSH', 'probing'] }), ['2.2.3.42']);
      assert.deepEqual(await q({ origins: ['cscli'] }), ['2.2.3.42']);
      assert.deepEqual(await q({ values: ['3.3.3.3'] }), []);
      assert.deepEqual(await q({ values: ['3.3.3.3'], includeSimulated: true }), ['3.3.3.3']);
      assert.equal((await env.store.queryDecisions({ limit: 2, offset: 1 })).length, 2);
      assert.equal((await env.store.queryDecisions({ offset: 4 })).length, 1);
      await assert.rejects(
        env.store.queryDecisions({ ip: '1.2.3' }),
        (e: unknown) => e instanceof StoreError && e.code === 'invalid',
      );
    });

    it('expiry: until := now, only active rows, by filter and by id', async () => {
      await env.store.insertAlerts([
        { machineId: '', alert: alert([decision('1.1.1.1'), decision('1.1.1.2', { origin: 'cscli' })]) },
      ]);
      env.clock.now = T0 + HOUR;
      assert.equal(await env.store.expireDecisions({ origins: ['cscli'] }), 1);
      assert.equal(await env.store.expireDecisions({ origins: ['cscli'] }), 0);
      assert.deepEqual(
        (await env.store.queryDecisions({})).map((d) => d.value),
        ['1.1.1.1'],
      );
      const [active] = await env.store.queryDecisions({});
      assert.equal(await env.store.expireDecisionById(active?.id as number), true);
      assert.equal(await env.store.expireDecisionById(424242), false);
      assert.deepEqual(await env.store.queryDecisions({}), []);
      const a = (await env.store.queryAlerts({}))[0];
      assert.deepEqual(
        a?.decisions.map((d) => d.until),
        [T0 + HOUR, T0 + HOUR],
      );
    });

    it('alert queries and deletes with §3.3 filters', async () => {
      await env.store.insertAlerts([
        { machineId: 'm', alert: alert([decision('1.1.1.1')], {}, T0) },
        {
          machineId: 'm',
          alert: alert(
            [decision('5.5.5.0/24', { scope: 'Range', scenario: 'x/range' })],
            { scenario: 'x/range', source: { scope: 'Range', value: '5.5.5.0/24' } },
            T0 + 1000,
          ),
        },
        {
          machineId: '',
          alert: alert([decision('7.7.7.7', { origin: 'CAPI', scenario: 'crowdsecurity/ssh-bf' })], {
            scenario: 'update : +1/-0 IPs',
            source: { scope: 'crowdsecurity/community-blocklist', value: '' },
          }),
        },
        { machineId: 'm', alert: alert([], { source: { scope: 'Ip', value: '9.9.9.9' } }) },
      ]);
      const ids = async (f: Parameters<typeof env.store.queryAlerts>[0]) =>
        (await env.store.queryAlerts(f)).map((a) => a.source.value).sort();
      assert.deepEqual(await ids({ value: '1.1.1.1' }), ['1.1.1.1']);
      assert.deepEqual(await ids({ scope: 'ip' }), ['1.1.1.1', '9.9.9.9']);
      assert.deepEqual(await ids({ ip: '5.5.5.5' }), ['5.5.5.0/24']);
      assert.deepEqual(await ids({ scenario: 'crowdsecurity/ssh-bf' }), ['', '1.1.1.1', '9.9.9.9']);
      assert.deepEqual(await ids({ includeCapi: false }), ['1.1.1.1', '5.5.5.0/24', '9.9.9.9']);
      assert.deepEqual(await ids({ origin: 'CAPI' }), ['']);
      assert.deepEqual(await ids({ hasActiveDecision: false }), ['9.9.9.9']);
      assert.deepEqual(await ids({ hasActiveDecision: true, includeCapi: false }), ['1.1.1.1', '5.5.5.0/24']);
      assert.deepEqual(await ids({ startedAfter: T0 - 1000 }), ['5.5.5.0/24']);
      const asc = await env.store.queryAlerts({ sort: 'ASC', limit: 2 });
      assert.deepEqual(
        asc.map((a) => a.id),
        [1, 2],
      );
      assert.equal((await env.store.queryAlerts({ limit: 0 })).length, 4);
      assert.deepEqual(
        (await env.store.queryAlerts({ withDecisions: false, value: '1.1.1.1' }))[0]?.decisions,
        [],
      );
      assert.deepEqual(await env.store.countAlertsByScenario(), [
        { scenario: 'crowdsecurity/ssh-bf', count: 2 },
        { scenario: 'x/range', count: 1 },
      ]);
      assert.deepEqual(await env.store.countActiveDecisions(), [
        { scenario: 'crowdsecurity/ssh-bf', origin: 'CAPI', type: 'ban', count: 1 },
        { scenario: 'crowdsecurity/ssh-bf', origin: 'crowdsec', type: 'ban', count: 1 },
        { scenario: 'x/range', origin: 'crowdsec', type: 'ban', count: 1 },
      ]);
      assert.equal(await env.store.deleteAlerts({ scope: 'Range' }), 1);
      assert.equal(await env.store.deleteAlertById(1), true);
      assert.equal(await env.store.deleteAlertById(1), false);
      assert.equal((await env.store.stats()).alerts, 2);
      await assert.rejects(
        env.store.queryAlerts({ ip: 'x' }),
        (e: unknown) => e instanceof StoreError && e.code === 'invalid',
      );
    });

    it('usage metrics and locks', async () => {
      const id = await env.store.insertUsageMetrics({
        generatedType: 'RC',
        generatedBy: 'fw',
        receivedAt: T0,
        payload: '{"metrics":[]}',
      });
      assert.deepEqual(
        (await env.store.listUnpushedMetrics()).map((m) => [m.id, m.generatedType, m.payload]),
        [[id, 'RC', '{"metrics":[]}']],
      );
      await env.store.markMetricsPushed([id], T0 + 1);
      assert.deepEqual(await env.store.listUnpushedMetrics(), []);
      assert.equal(await env.store.acquireLock('pullCAPI', 600_000), true);
      assert.equal(await env.store.acquireLock('pullCAPI', 600_000), false);
      env.clock.now = T0 + 600_000;
      assert.equal(await env.store.acquireLock('pullCAPI', 600_000), true);
      await env.store.releaseLock('pullCAPI');
      assert.equal(await env.store.acquireLock('pullCAPI', 600_000), true);
    });

    it('two store instances on one database see the same data', async () => {
      const other = await env.openAnother();
      await env.store.createMachine({ machineId: 'a', password: 'p' });
      const r = await other.insertAlerts([{ machineId: 'a', alert: alert([decision('4.4.4.4')]) }]);
      assert.equal((await env.store.getAlert(r.ids[0] as number))?.decisions[0]?.value, '4.4.4.4');
      assert.equal((await other.getMachine('a'))?.machineId, 'a');
      assert.equal((await env.store.stats()).changeSeq, (await other.stats()).changeSeq);
    });
  });
}
