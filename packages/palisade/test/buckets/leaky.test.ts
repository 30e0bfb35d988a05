import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { at, ipEvent, loadInline, logEvent, pourAll } from './harness.ts';

const leaky = (extra = '', capacity = 5, leakspeed = '10s') => `
type: leaky
name: test/leaky
description: d
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
capacity: ${capacity}
leakspeed: ${leakspeed}
labels:
  remediation: true
${extra}`;

describe('leaky buckets', () => {
  it('overflows on the capacity+1-th event of a burst and keeps capacity+1 events', () => {
    const { set, errors } = loadInline(leaky());
    assert.deepEqual(errors, []);
    const out = pourAll(
      set,
      [0, 1, 2, 3, 4, 5, 6].map((s) => ipEvent('1.2.3.4', s)),
    );
    assert.equal(out.length, 1);
    assert.equal(out[0]!.at, 5);
    const alert = out[0]!.evt.Overflow.Alert!;
    assert.equal(alert.EventsCount, 6);
    assert.equal(alert.Events.length, 6);
    assert.equal(alert.Capacity, 5);
    assert.equal(alert.Leakspeed, '10s');
    assert.equal(alert.StartAt, at(0));
    assert.equal(alert.StopAt, at(5));
    assert.equal(out[0]!.evt.MarshaledTime, at(5));
    assert.equal(
      alert.Message,
      "Ip 1.2.3.4 performed 'test/leaky' (6 events over 5s) at 2026-01-01 10:00:05 +0000 UTC",
    );
  });

  it('capacity 1 / leakspeed 10s / events at +0 and +5 s overflow with events_count 2', () => {
    const { set } = loadInline(leaky('', 1));
    const out = pourAll(set, [ipEvent('1.2.3.4', 0), ipEvent('1.2.3.4', 5)]);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.evt.Overflow.Alert!.EventsCount, 2);
  });

  it('refills one token per leakspeed: events 10 s apart never overflow capacity 1', () => {
    const { set } = loadInline(leaky('', 1));
    const out = pourAll(
      set,
      [0, 10, 20, 30, 40].map((s) => ipEvent('1.2.3.4', s)),
    );
    assert.equal(out.length, 0);
    assert.equal(set.stats().live, 1);
  });

  it('keeps partitions apart and names them by the sha1 partition key', () => {
    const { set } = loadInline(leaky('', 1));
    const out = pourAll(set, [ipEvent('1.1.1.1', 0), ipEvent('2.2.2.2', 1), ipEvent('1.1.1.1', 2)]);
    assert.equal(out.length, 1);
    const expected = createHash('sha1')
      .update("evt.Meta.log_type == 'test'\u00001.1.1.1\u0000test/leaky")
      .digest('hex');
    assert.equal(out[0]!.evt.Overflow.Mapkey, expected);
    assert.deepEqual(out[0]!.evt.Overflow.GetSources(), ['1.1.1.1']);
  });

  it('discards an instance whose lifetime elapsed, detected at the next pour (time machine)', () => {
    // capacity 2, leakspeed 10s ⇒ lifetime 30 s after the last pour.
    const { set } = loadInline(leaky('', 2));
    const out = pourAll(
      set,
      [0, 1, 32, 33, 34].map((s) => ipEvent('1.2.3.4', s)),
    );
    assert.equal(out.length, 1);
    const alert = out[0]!.evt.Overflow.Alert!;
    assert.equal(alert.EventsCount, 3, 'the first two events died with the expired instance');
    assert.equal(alert.StartAt, at(32));
    assert.equal(set.stats().expired, 1);
  });

  it('an event exactly at Last_ts + lifetime still pours into the instance', () => {
    const { set } = loadInline(leaky('', 2));
    const out = pourAll(
      set,
      [0, 1, 31, 31].map((s) => ipEvent('1.2.3.4', s)),
    );
    // +31 is not strictly after 1 + 30: same instance, refilled to its capacity of 2 tokens.
    assert.equal(set.stats().expired, 0);
    assert.equal(out.length, 0);
  });

  it('cache_size bounds the queue, not the count', () => {
    const { set } = loadInline(leaky('cache_size: 2'));
    const out = pourAll(
      set,
      [0, 0, 0, 0, 0, 0].map((s) => ipEvent('1.2.3.4', s)),
    );
    assert.equal(out.length, 1);
    const alert = out[0]!.evt.Overflow.Alert!;
    assert.equal(alert.EventsCount, 6);
    assert.equal(alert.Events.length, 3);
  });

  it('prints leakspeed as a Go duration', () => {
    const { set } = loadInline(leaky('', 1, '1m'));
    const out = pourAll(set, [ipEvent('1.2.3.4', 0), ipEvent('1.2.3.4', 1)]);
    assert.equal(out[0]!.evt.Overflow.Alert!.Leakspeed, '1m0s');
  });

  it('does not pour time-machine events without MarshaledTime, and warns once', () => {
    const { set, warnings } = loadInline(leaky('', 1));
    const untimed = () => logEvent({ meta: { log_type: 'test', source_ip: '1.2.3.4' } });
    const out = pourAll(set, [untimed(), untimed(), untimed()]);
    assert.equal(out.length, 0);
    assert.equal(set.stats().untimed, 3);
    assert.equal(warnings.filter((w) => w.includes('MarshaledTime')).length, 1);
  });

  it('distinct drops a repeated value before it is counted', () => {
    const { set } = loadInline(leaky('distinct: evt.Meta.user', 2));
    const users = ['a', 'a', 'b', 'a', 'c'];
    const out = pourAll(
      set,
      users.map((u, i) => ipEvent('1.2.3.4', i, { user: u })),
    );
    assert.equal(out.length, 1);
    assert.equal(out[0]!.at, 4);
    assert.equal(out[0]!.evt.Overflow.Alert!.EventsCount, 3);
  });

  it('cancel_on kills the instance without alert; the event is not counted', () => {
    const { set } = loadInline(leaky("cancel_on: evt.Meta.ok == 'yes'", 2));
    const out = pourAll(set, [
      ipEvent('1.2.3.4', 0),
      ipEvent('1.2.3.4', 1),
      ipEvent('1.2.3.4', 2, { ok: 'yes' }),
      ipEvent('1.2.3.4', 3),
      ipEvent('1.2.3.4', 4),
    ]);
    assert.equal(out.length, 0, 'a fresh instance holds only 2 events');
    const more = pourAll(set, [ipEvent('1.2.3.4', 5)]);
    assert.equal(more.length, 1);
    assert.equal(more[0]!.evt.Overflow.Alert!.EventsCount, 3);
  });

  it('sets remediation from labels.remediation being the YAML boolean true', () => {
    for (const [label, expected] of [
      ['true', true],
      ['"true"', false],
      ['false', false],
    ] as const) {
      const yaml = leaky('', 1).replace('remediation: true', `remediation: ${label}`);
      const { set } = loadInline(yaml);
      const out = pourAll(set, [ipEvent('1.2.3.4', 0), ipEvent('1.2.3.4', 1)]);
      assert.equal(out[0]!.evt.Overflow.Alert!.Remediation, expected, label);
    }
  });

  it('fills scenario hash, version, kind and simulation', () => {
    const { set } = loadInline(leaky('', 1), { version: '0.3', simulated: (n) => n === 'test/leaky' });
    const out = pourAll(set, [ipEvent('1.2.3.4', 0), ipEvent('1.2.3.4', 1)]);
    const alert = out[0]!.evt.Overflow.Alert!;
    assert.match(alert.ScenarioHash, /^[0-9a-f]{64}$/);
    assert.equal(alert.ScenarioVersion, '0.3');
    assert.equal(alert.Kind, 'crowdsec');
    assert.equal(alert.Simulated, true);
    assert.equal(alert.Scenario, 'test/leaky');
  });
});
