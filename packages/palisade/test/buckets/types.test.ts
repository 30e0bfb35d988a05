import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/buckets/index.ts';
import type { Event } from '../../src/event/index.ts';
import { GoTime } from '../../src/expr/values/time.ts';
import { at, ipEvent, loadInline, logEvent, pourAll } from './harness.ts';

describe('trigger buckets', () => {
  const trigger = (extra = '') => `
type: trigger
name: test/trigger
description: d
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
${extra}`;

  it('overflow on every event with events_count 1, leakspeed 0s, times of the event', () => {
    const { set } = loadInline(trigger());
    const out = pourAll(set, [ipEvent('1.2.3.4', 0), ipEvent('1.2.3.4', 7)]);
    assert.equal(out.length, 2);
    const a = out[1]!.evt.Overflow.Alert!;
    assert.equal(a.EventsCount, 1);
    assert.equal(a.Capacity, 0);
    assert.equal(a.Leakspeed, '0s');
    assert.equal(a.StartAt, at(7));
    assert.equal(a.StopAt, at(7));
    assert.equal(
      a.Message,
      "Ip 1.2.3.4 performed 'test/trigger' (1 events over 0s) at 2026-01-01 10:00:07 +0000 UTC",
    );
    assert.equal(set.stats().live, 0, 'a trigger instance ends with its overflow');
  });

  it('never evaluates distinct nor cancel_on (the type processor overflows first)', () => {
    const { set } = loadInline(trigger("distinct: evt.Meta.user\ncancel_on: evt.Meta.user == 'a'"));
    const out = pourAll(set, [ipEvent('1.2.3.4', 0, { user: 'a' }), ipEvent('1.2.3.4', 1, { user: 'a' })]);
    assert.equal(out.length, 2);
  });

  it('falls back to now when a time-machine event has no MarshaledTime', () => {
    const clock = new ManualClock(GoTime.date(2030, 5, 6, 7, 8, 9, 0, GoTime.zero().loc));
    const { set } = loadInline(trigger(), { clock });
    const out = pourAll(set, [logEvent({ meta: { log_type: 'test', source_ip: '1.2.3.4' } })]);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.evt.Overflow.Alert!.StopAt, '2030-05-06T07:08:09Z');
  });

  it('uses the clock in live mode', () => {
    const clock = new ManualClock(GoTime.date(2030, 1, 2, 3, 4, 5, 0, GoTime.zero().loc));
    const { set } = loadInline(trigger(), { clock });
    const out = pourAll(set, [logEvent({ live: true, meta: { log_type: 'test', source_ip: '1.2.3.4' } })]);
    assert.equal(out[0]!.evt.Overflow.Alert!.StartAt, '2030-01-02T03:04:05Z');
  });
});

describe('counter buckets', () => {
  const counter = `
type: counter
name: test/counter
description: d
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
capacity: -1
duration: 10s
`;

  it('overflows `duration` after the first event (live, wall clock), with every event', () => {
    const clock = new ManualClock(GoTime.date(2030, 1, 1, 0, 0, 0, 0, GoTime.zero().loc));
    const timed: Event[] = [];
    const { set } = loadInline(counter, { clock, onOverflow: (e) => timed.push(e) });
    const live = () => logEvent({ live: true, meta: { log_type: 'test', source_ip: '1.2.3.4' } });
    assert.equal(set.pour(live()).length, 0);
    clock.advance(4000);
    assert.equal(set.pour(live()).length, 0);
    clock.advance(4000);
    assert.equal(set.pour(live()).length, 0);
    assert.equal(timed.length, 0);
    clock.advance(2000);
    assert.equal(timed.length, 1, 'the timer is fixed from the first event, not reset');
    const a = timed[0]!.Overflow.Alert!;
    assert.equal(a.EventsCount, 3);
    assert.equal(a.StopAt, '2030-01-01T00:00:10Z');
    assert.equal(set.stats().live, 0);
    set.shutdown();
  });

  it('never fires in a time-machine replay', () => {
    const timed: Event[] = [];
    const { set } = loadInline(counter, { onOverflow: (e) => timed.push(e) });
    const out = pourAll(
      set,
      [0, 5, 20, 40, 100].map((s) => ipEvent('1.2.3.4', s)),
    );
    assert.equal(out.length + timed.length, 0);
    set.shutdown();
  });
});

describe('conditional buckets', () => {
  const conditional = (condition: string, leakspeed = '1m') => `
type: conditional
name: test/cond
description: d
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
capacity: -1
leakspeed: ${leakspeed}
condition: ${condition}
`;

  it('overflows when the condition holds after the pour, at Last_ts', () => {
    const { set } = loadInline(conditional('len(queue.Queue) >= 3 && leaky.Total_count >= 3'));
    const out = pourAll(
      set,
      [0, 10, 20, 30].map((s) => ipEvent('1.2.3.4', s)),
    );
    assert.equal(out.length, 1);
    assert.equal(out[0]!.at, 2);
    const a = out[0]!.evt.Overflow.Alert!;
    assert.equal(a.EventsCount, 3);
    assert.equal(a.StopAt, at(20));
    assert.equal(a.Message.includes('(3 events over 20s)'), true);
  });

  it('sees the event, the queue and the bucket (evt, queue, leaky)', () => {
    const { set } = loadInline(
      conditional("evt.Meta.user == 'root' && queue.Queue[0].Meta.user == 'a' && leaky.Name == 'test/cond'"),
    );
    const out = pourAll(set, [ipEvent('1.2.3.4', 0, { user: 'a' }), ipEvent('1.2.3.4', 1, { user: 'root' })]);
    assert.equal(out.length, 1);
  });

  it('lives `leakspeed` after the last pour', () => {
    const { set } = loadInline(conditional('len(queue.Queue) >= 2', '10s'));
    const out = pourAll(
      set,
      [0, 11, 25, 30].map((s) => ipEvent('1.2.3.4', s)),
    );
    assert.equal(out.length, 1);
    assert.equal(out[0]!.at, 3);
    assert.equal(out[0]!.evt.Overflow.Alert!.StartAt, at(25));
  });

  it('counts a failing condition and keeps the bucket', () => {
    const { set } = loadInline(conditional("evt.Unmarshaled.x.y == 'z'"));
    const out = pourAll(set, [ipEvent('1.2.3.4', 0)]);
    assert.equal(out.length, 0);
    assert.equal(set.stats().scenarios['test/cond']!.exprErrors, 1);
    assert.equal(set.stats().live, 1);
  });
});

describe('bayesian buckets', () => {
  const bayesian = (guillotine: boolean) => `
type: bayesian
name: test/bayes
description: d
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
capacity: -1
leakspeed: 1m
bayesian_prior: 0.5
bayesian_threshold: 0.95
bayesian_conditions:
  - condition: evt.Meta.a == 'x'
    prob_given_evil: 0.8
    prob_given_benign: 0.2
  - condition: evt.Meta.b == 'y'
    prob_given_evil: 0.9
    prob_given_benign: 0.1
    guillotine: ${guillotine}
`;
  const events = () => [ipEvent('1.2.3.4', 0, { b: 'y' }), ipEvent('1.2.3.4', 1, { a: 'x', b: 'n' })];

  it('a guillotine condition true once counts as true afterwards', () => {
    // Event 2: prior 0.5 → 0.8 (a) → 0.973 (b, guillotined true) > 0.95.
    const { set, errors } = loadInline(bayesian(true));
    assert.deepEqual(errors, []);
    const out = pourAll(set, events());
    assert.equal(out.length, 1);
    assert.equal(out[0]!.at, 1);
    assert.equal(out[0]!.evt.Overflow.Alert!.StopAt, at(1));
  });

  it('without guillotine the posterior restarts from the prior at each pour', () => {
    // Event 2: 0.5 → 0.8 (a) → 0.308 (b false).
    const { set } = loadInline(bayesian(false));
    assert.equal(pourAll(set, events()).length, 0);
  });
});
