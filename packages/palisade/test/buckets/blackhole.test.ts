import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Blackhole } from '../../src/buckets/blackhole.ts';
import { GoTime, UTC } from '../../src/expr/values/time.ts';
import { ipEvent, loadInline, pourAll } from './harness.ts';

const scenario = `
type: leaky
name: test/bh
description: d
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
capacity: 1
leakspeed: 10s
blackhole: 1m
`;

describe('blackhole', () => {
  it('engine example: 10:00:00, :04, :15, :16, 10:01:15, :16 ⇒ alert, discarded, alert', () => {
    const { set } = loadInline(scenario);
    const out = pourAll(
      set,
      [0, 4, 15, 16, 75, 76].map((s) => ipEvent('1.2.3.4', s)),
    );
    assert.deepEqual(
      out.map((o) => o.at),
      [1, 5],
    );
    const stats = set.stats();
    assert.equal(stats.overflowed, 3);
    assert.equal(stats.scenarios['test/bh']!.discarded, 1);
    assert.equal(stats.scenarios['test/bh']!.overflows, 2);
  });

  it('is kept per partition key', () => {
    const { set } = loadInline(scenario);
    const out = pourAll(set, [
      ipEvent('1.1.1.1', 0),
      ipEvent('1.1.1.1', 1),
      ipEvent('2.2.2.2', 2),
      ipEvent('2.2.2.2', 3),
    ]);
    assert.equal(out.length, 2, 'a blackholed partition does not hide the others');
  });

  it('purges entries that ended at or before the overflow time and never extends them', () => {
    const t = (s: number) => GoTime.date(2026, 1, 1, 10, 0, s, 0, UTC);
    const bh = new Blackhole(60e9, 100);
    assert.equal(bh.discards('k', t(0)), false);
    assert.equal(bh.discards('k', t(59)), true);
    assert.equal(bh.discards('k', t(60)), false, 'until = 10:01:00 is not after 10:01:00');
    assert.equal(bh.discards('k', t(119)), true);
  });

  it('remembers at most maxEntries partitions', () => {
    const t = GoTime.date(2026, 1, 1, 10, 0, 0, 0, UTC);
    const bh = new Blackhole(60e9, 3);
    for (const k of ['a', 'b', 'c', 'd']) bh.discards(k, t);
    assert.equal(bh.size, 3);
    assert.equal(bh.dropped, 1);
  });
});
