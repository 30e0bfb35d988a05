/** Store conformance: the decisions stream (startup, delta, dedup within filters, tombstones, ack). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DecisionFilter, DecisionRecord } from '../../src/store/index.ts';
import { ChangeBatch } from '../../src/store/sequence.ts';
import { alert, decision, dialects, drain, T0, type TestEnv } from './harness.ts';

const HOUR = 3_600_000;

for (const dialect of await dialects()) {
  describe(`${dialect.name}: decisions stream`, { skip: dialect.skip }, () => {
    let env: TestEnv;
    let bouncerId: number;
    beforeEach(async () => {
      env = await dialect.fresh();
      bouncerId = (await env.store.createBouncer({ name: 'fw', apiKey: 'k' })).id;
    });
    afterEach(async () => {
      await env.close();
    });

    const values = (rows: DecisionRecord[]) => rows.map((d) => d.value).sort();

    /** One pull: returns new/deleted values; acks unless told not to. */
    async function pull(
      opts: {
        startup?: boolean;
        filter?: DecisionFilter;
        dedup?: boolean;
        ack?: boolean;
        pageSize?: number;
      } = {},
    ) {
      const s = await env.store.streamDecisions({
        bouncerId,
        startup: opts.startup ?? false,
        filter: opts.filter ?? { scopes: ['Ip', 'Range'] },
        dedup: opts.dedup,
        pageSize: opts.pageSize ?? 2,
      });
      const fresh = await drain(s.new);
      const deleted = await drain(s.deleted);
      if (opts.ack ?? true) await env.store.ackStream(bouncerId, s.cursor);
      return { new: values(fresh), deleted: values(deleted), rows: { new: fresh, deleted } };
    }

    it('an idle delta is empty without reading pages, last_pull is refreshed at most once a minute, and changes still arrive', async () => {
      await env.store.insertAlerts([
        { machineId: '', alert: alert([decision('1.1.1.1', { duration: '1h' })]) },
      ]);
      const lastPull = async () => (await env.store.getBouncerById(bouncerId))?.lastPull;
      assert.deepEqual((await pull()).new, ['1.1.1.1']);
      assert.equal(await lastPull(), T0);
      env.clock.now = T0 + 10_000;
      const idle = await env.store.streamDecisions({ bouncerId, startup: false, filter: { scopes: ['Ip'] } });
      assert.equal(idle.empty, true);
      assert.equal(idle.ackNeeded, false);
      assert.deepEqual([await drain(idle.new), await drain(idle.deleted)], [[], []]);
      env.clock.now = T0 + 70_000;
      const stale = await env.store.streamDecisions({
        bouncerId,
        startup: false,
        filter: { scopes: ['Ip'] },
      });
      assert.equal(stale.empty, true);
      assert.equal(stale.ackNeeded, true);
      await env.store.ackStream(bouncerId, stale.cursor);
      assert.equal(await lastPull(), T0 + 70_000);
      await env.store.insertAlerts([{ machineId: '', alert: alert([decision('2.2.2.2')], {}, T0 + 70_000) }]);
      env.clock.now = T0 + 80_000;
      const changed = await pull();
      assert.deepEqual([changed.new, changed.deleted], [['2.2.2.2'], []]);
      env.clock.now = T0 + HOUR + 1_000;
      const expired = await pull();
      assert.deepEqual([expired.new, expired.deleted], [[], ['1.1.1.1']]);
    });

    it('startup: all active as new, stored expired as deleted; first delta without cursor acts as startup', async () => {
      await env.store.insertAlerts([
        { machineId: '', alert: alert([decision('1.1.1.1'), decision('1.1.1.2', { duration: '1h' })]) },
        { machineId: '', alert: alert([decision('1.1.1.3')], {}, T0 - 5 * HOUR) },
        { machineId: '', alert: alert([decision('FR', { scope: 'Country' })]) },
      ]);
      env.clock.now = T0 + 2 * HOUR;
      const first = await pull({ ack: false });
      assert.deepEqual(first, { ...first, new: ['1.1.1.1'], deleted: [] });
      const startup = await pull({ startup: true });
      assert.deepEqual([startup.new, startup.deleted], [['1.1.1.1'], ['1.1.1.2', '1.1.1.3']]);
      assert.equal((await env.store.getBouncerById(bouncerId))?.lastPull, T0 + 2 * HOUR);
      const all = await pull({ startup: true, filter: {} });
      assert.deepEqual(all.new, ['1.1.1.1', 'FR']);
    });

    it('delta: each change exactly once; no ack means the same delta again', async () => {
      await env.store.insertAlerts([
        { machineId: '', alert: alert([decision('1.1.1.1'), decision('1.1.1.2', { duration: '1h' })]) },
      ]);
      env.clock.now = T0 + 1000;
      await pull({ startup: true });
      assert.deepEqual(await pull(), { ...(await pull({ ack: false })), new: [], deleted: [] });

      await env.store.insertAlerts([{ machineId: '', alert: alert([decision('2.2.2.2')], {}, T0 + 1000) }]);
      const unacked = await pull({ ack: false });
      assert.deepEqual([unacked.new, unacked.deleted], [['2.2.2.2'], []]);
      const again = await pull();
      assert.deepEqual([again.new, again.deleted], [['2.2.2.2'], []]);
      assert.deepEqual((await pull()).new, []);

      // Natural expiry (1.1.1.2 ends at T0 + 1h) is reported once.
      env.clock.now = T0 + HOUR + 1;
      assert.deepEqual(await pull().then((p) => [p.new, p.deleted]), [[], ['1.1.1.2']]);
      assert.deepEqual(await pull().then((p) => [p.new, p.deleted]), [[], []]);

      // Early expiry (cscli decisions delete) is reported once.
      env.clock.now = T0 + 2 * HOUR;
      assert.equal(await env.store.expireDecisions({ values: ['2.2.2.2'] }), 1);
      assert.deepEqual(await pull().then((p) => [p.new, p.deleted]), [[], ['2.2.2.2']]);
      assert.deepEqual(await pull().then((p) => [p.new, p.deleted]), [[], []]);
    });

    it('tombstones: deleting alerts reports their active decisions in deleted (#320)', async () => {
      const r = await env.store.insertAlerts([
        { machineId: '', alert: alert([decision('1.1.1.1')]) },
        { machineId: '', alert: alert([decision('3.3.3.0/24', { scope: 'Range' })]) },
      ]);
      env.clock.now = T0 + 1000;
      await pull({ startup: true });
      env.clock.now = T0 + 2000;
      assert.equal(await env.store.deleteAlerts({}), 2);
      assert.equal((await env.store.stats()).decisions, 0);
      const p = await pull();
      assert.deepEqual([p.new, p.deleted], [[], ['1.1.1.1', '3.3.3.0/24']]);
      assert.deepEqual(p.rows.deleted.map((d) => d.alertId).sort(), r.ids);
      assert.deepEqual((await pull()).deleted, []);
      // A bouncer that starts over does not get tombstones.
      assert.deepEqual((await pull({ startup: true })).deleted, []);
    });

    it('dedup: longest until per (value,type,scope) within the request filters (#3373)', async () => {
      await env.store.insertAlerts([
        { machineId: '', alert: alert([decision('5.5.5.5', { origin: 'CAPI', duration: '48h' })]) },
        { machineId: '', alert: alert([decision('5.5.5.5', { origin: 'crowdsec', duration: '4h' })]) },
        {
          machineId: '',
          alert: alert([decision('6.6.6.6', { duration: '1h' }), decision('6.6.6.6', { duration: '2h' })]),
        },
      ]);
      env.clock.now = T0 + 1000;
      const all = await pull({ startup: true });
      assert.deepEqual(all.rows.new.map((d) => [d.value, d.origin, d.until - T0]).sort(), [
        ['5.5.5.5', 'CAPI', 48 * HOUR],
        ['6.6.6.6', 'crowdsec', 2 * HOUR],
      ]);
      const local = await pull({ startup: true, filter: { scopes: ['Ip'], origins: ['crowdsec', 'cscli'] } });
      assert.deepEqual(local.rows.new.map((d) => [d.value, d.until - T0]).sort(), [
        ['5.5.5.5', 4 * HOUR],
        ['6.6.6.6', 2 * HOUR],
      ]);
      assert.equal((await pull({ startup: true, dedup: false })).new.length, 4);
      // The shorter 6.6.6.6 expiring is not a removal while the longer one lasts.
      env.clock.now = T0 + HOUR + 1;
      assert.deepEqual((await pull({ filter: { scopes: ['Ip'], origins: ['crowdsec'] } })).deleted, []);
      env.clock.now = T0 + 4 * HOUR + 1;
      assert.deepEqual((await pull({ filter: { scopes: ['Ip'], origins: ['crowdsec'] } })).deleted, [
        '5.5.5.5',
        '6.6.6.6',
      ]);
    });

    it('filters apply to both lists; simulated decisions excluded by default', async () => {
      await env.store.insertAlerts([
        { machineId: '', alert: alert([decision('1.1.1.1', { scenario: 'crowdsecurity/http-probing' })]) },
        { machineId: '', alert: alert([decision('1.1.1.2', { scenario: 'crowdsecurity/ssh-bf' })]) },
        { machineId: '', alert: alert([decision('1.1.1.3')], { simulated: true }) },
      ]);
      env.clock.now = T0 + 1000;
      assert.deepEqual((await pull({ startup: true, filter: { scenariosContaining: ['HTTP'] } })).new, [
        '1.1.1.1',
      ]);
      assert.deepEqual((await pull({ startup: true, filter: { scenariosNotContaining: ['http'] } })).new, [
        '1.1.1.2',
      ]);
      assert.deepEqual((await pull({ startup: true, filter: { includeSimulated: true } })).new, [
        '1.1.1.1',
        '1.1.1.2',
        '1.1.1.3',
      ]);
      env.clock.now = T0 + 2000;
      await env.store.expireDecisions({});
      assert.deepEqual((await pull({ filter: { scenariosContaining: ['ssh'] } })).deleted, ['1.1.1.2']);
    });

    it('pages: a large stream arrives complete in keyset pages', async () => {
      const many = Array.from({ length: 2500 }, (_, i) => decision(`10.0.${i >> 8}.${i & 255}`));
      await env.store.insertAlerts([{ machineId: '', alert: alert(many) }]);
      env.clock.now = T0 + 1000;
      const s = await env.store.streamDecisions({ bouncerId, startup: true, filter: {}, pageSize: 1000 });
      const sizes: number[] = [];
      const seen = new Set<number>();
      for await (const page of s.new) {
        sizes.push(page.length);
        for (const d of page) seen.add(d.id);
      }
      assert.deepEqual(sizes, [1000, 1000, 500]);
      assert.equal(seen.size, 2500);
      await env.store.ackStream(bouncerId, s.cursor);
      env.clock.now = T0 + 2000;
      assert.equal(await env.store.expireDecisions({}), 2500);
      assert.equal((await pull({ pageSize: 700 })).deleted.length, 2500);
    });

    it('a decision committed after a pull started is delivered by the next delta', async () => {
      await env.store.insertAlerts([{ machineId: '', alert: alert([decision('1.1.1.1')]) }]);
      env.clock.now = T0 + 1000;
      await pull({ startup: true });

      // A writer takes its sequence numbers, then stalls before committing (a long bulk insert).
      const db = env.store.context.db;
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let inFlight!: () => void;
      const begun = new Promise<void>((r) => {
        inFlight = r;
      });
      const writer = db.transaction().execute(async (trx) => {
        const seqs = await ChangeBatch.open(trx, env.store.dialect);
        const { id } = await trx
          .insertInto('alerts')
          .values({
            uuid: 'u',
            machine_id: '',
            scenario: 's',
            scenario_hash: '',
            scenario_version: '',
            message: '',
            events_count: 0,
            started_at: T0,
            stopped_at: T0,
            capacity: 0,
            leak_speed: '',
            simulated: 0,
            remediation: 0,
            kind: '',
            labels: '[]',
            source_scope: 'Ip',
            source_value: '9.9.9.9',
            source_ip: '',
            source_range: '',
            source_as_number: '',
            source_as_name: '',
            source_country: '',
            source_latitude: 0,
            source_longitude: 0,
            created_at: T0,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('decisions')
          .values({
            uuid: 'd',
            alert_id: Number(id),
            created_at: T0,
            until: T0 + 4 * HOUR,
            scenario: 's',
            type: 'ban',
            scope: 'Ip',
            value: '9.9.9.9',
            origin: 'crowdsec',
            simulated: 0,
            ip_size: 4,
            start_ip: `${'0'.repeat(24)}09090909`,
            end_ip: `${'0'.repeat(24)}09090909`,
            seq: seqs.take(1),
          })
          .execute();
        inFlight();
        await gate;
        await seqs.close();
      });
      await begun;
      // A pull runs while the writer is open: it must not see (nor skip past) the writer's change.
      env.clock.now = T0 + 2000;
      const during = await env.store.streamDecisions({ bouncerId, startup: false, filter: {} });
      assert.deepEqual(values(await drain(during.new)), []);
      assert.deepEqual(values(await drain(during.deleted)), []);
      const ack = env.store.ackStream(bouncerId, during.cursor);
      release();
      await writer;
      await ack;
      env.clock.now = T0 + 3000;
      const after = await pull({ filter: {} });
      assert.deepEqual([after.new, after.deleted], [['9.9.9.9'], []]);
      assert.deepEqual((await pull({ filter: {} })).new, []);
    });

    it('a second store instance continues the same bouncer cursor', async () => {
      const other = await env.openAnother();
      await env.store.insertAlerts([{ machineId: '', alert: alert([decision('1.1.1.1')]) }]);
      env.clock.now = T0 + 1000;
      await pull({ startup: true });
      await other.insertAlerts([{ machineId: '', alert: alert([decision('2.2.2.2')], {}, T0 + 1000) }]);
      const s = await other.streamDecisions({ bouncerId, startup: false, filter: {}, t0: T0 + 2000 });
      assert.deepEqual(values(await drain(s.new)), ['2.2.2.2']);
      await other.ackStream(bouncerId, s.cursor);
      env.clock.now = T0 + 3000;
      assert.deepEqual((await pull()).new, []);
    });
  });
}
