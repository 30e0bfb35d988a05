/** Store conformance: retention (`db_config.flush`, §5.1) and tombstone cleanup. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alert, decision, dialects, T0 } from './harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const dialect of await dialects()) {
  describe(`${dialect.name}: flush`, { skip: dialect.skip }, () => {
    it('without a flush block nothing is deleted', async () => {
      const env = await dialect.fresh();
      try {
        await env.store.insertAlerts([
          { machineId: '', alert: alert([decision('1.1.1.1', { duration: '1h' })]) },
        ]);
        env.clock.now = T0 + 30 * DAY;
        const r = await env.store.flush();
        assert.equal(r.alertsByAge + r.alertsByCount + r.bouncers + r.machines + r.metrics, 0);
        assert.equal((await env.store.stats()).alerts, 1);
      } finally {
        await env.close();
      }
    });

    it('max_age, max_items, metrics_max_age, bouncer and agent autodelete', async () => {
      const env = await dialect.fresh({
        flush: {
          max_age: 7 * DAY,
          max_items: 3,
          metrics_max_age: DAY,
          bouncers_autodelete: { api_key: DAY },
          agents_autodelete: { login_password: DAY },
        },
      });
      try {
        const { store, clock } = env;
        await store.createMachine({ machineId: 'old-agent', password: 'p', ipAddress: '10.0.0.5' });
        await store.createMachine({ machineId: 'local', password: 'p', ipAddress: '127.0.0.1' });
        await store.createMachine({ machineId: 'busy', password: 'p', ipAddress: '10.0.0.6' });
        for (const m of ['old-agent', 'local', 'busy']) await store.updateMachine(m, { lastHeartbeat: T0 });
        const b1 = await store.createBouncer({ name: 'stale', apiKey: 'a' });
        await store.createBouncer({ name: 'never-pulled', apiKey: 'b' });
        await store.updateBouncer(b1.id, { lastPull: T0 });
        await store.insertUsageMetrics({
          generatedType: 'LP',
          generatedBy: 'x',
          receivedAt: T0,
          payload: '{}',
        });
        // Alert 1: old, expired decision. Alert 2: old but a decision still active. Alerts 3..6: recent.
        await store.insertAlerts([
          { machineId: 'busy', alert: alert([decision('1.1.1.1', { duration: '1h' })]) },
        ]);
        await store.insertAlerts([
          { machineId: '', alert: alert([decision('2.2.2.2', { duration: '30d' })]) },
        ]);
        clock.now = T0 + 8 * DAY;
        const recent = await store.insertAlerts(
          [3, 4, 5, 6].map((i) => ({
            machineId: i === 3 ? 'busy' : '',
            alert: alert([decision(`3.3.3.${i}`, { duration: '1h' })], {}, clock.now),
          })),
        );
        clock.now = T0 + 8 * DAY + 2 * HOUR;
        const r = await store.flush();
        assert.equal(r.alertsByAge, 1);
        // max_items 3: cutoff = 6 - 3 = 3 ⇒ alert ids < 3 without an active decision (none left).
        assert.equal(r.alertsByCount, 0);
        assert.equal(r.metrics, 1);
        assert.equal(r.bouncers, 1);
        assert.equal(r.machines, 1);
        assert.deepEqual(
          (await store.queryAlerts({ limit: 0, sort: 'ASC' })).map((a) => a.id),
          [2, ...recent.ids],
        );
        assert.deepEqual(
          (await store.listBouncers()).map((b) => b.name),
          ['never-pulled'],
        );
        assert.deepEqual(
          (await store.listMachines()).map((m) => m.machineId),
          ['local', 'busy'],
        );
        // More alerts push the oldest recent ones past max_items.
        await store.insertAlerts(
          [7, 8].map((i) => ({ machineId: '', alert: alert([decision(`4.4.4.${i}`)], {}, clock.now) })),
        );
        const r2 = await store.flush();
        assert.equal(r2.alertsByCount, 2);
        assert.deepEqual(
          (await store.queryAlerts({ limit: 0, sort: 'ASC' })).map((a) => a.id),
          [2, 5, 6, 7, 8],
        );
      } finally {
        await env.close();
      }
    });

    it('flushed decisions a bouncer may still hold become tombstones, cleaned once consumed', async () => {
      const env = await dialect.fresh({ flush: { max_age: HOUR } });
      try {
        const { store, clock } = env;
        const b = await store.createBouncer({ name: 'fw', apiKey: 'k' });
        await store.insertAlerts([
          { machineId: '', alert: alert([decision('1.1.1.1', { duration: '2h' })]) },
        ]);
        clock.now = T0 + 1000;
        const s = await store.streamDecisions({ bouncerId: b.id, startup: true, filter: {} });
        for await (const _ of s.new);
        for await (const _ of s.deleted);
        await store.ackStream(b.id, s.cursor);
        // The decision expires at T0+2h and its alert is flushed before the bouncer pulls again.
        clock.now = T0 + 3 * HOUR;
        assert.equal((await store.flush()).alertsByAge, 1);
        assert.equal((await store.stats()).tombstones, 1);
        const d = await store.streamDecisions({ bouncerId: b.id, startup: false, filter: {} });
        for await (const _ of d.new);
        const deleted = [];
        for await (const p of d.deleted) deleted.push(...p);
        assert.deepEqual(
          deleted.map((x) => x.value),
          ['1.1.1.1'],
        );
        await store.ackStream(b.id, d.cursor);
        clock.now = T0 + 5 * HOUR;
        assert.equal((await store.flush()).tombstones, 1);
        assert.equal((await store.stats()).tombstones, 0);
      } finally {
        await env.close();
      }
    });
  });
}
