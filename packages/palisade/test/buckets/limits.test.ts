import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/buckets/index.ts';
import { GoTime, UTC } from '../../src/expr/values/time.ts';
import { ipEvent, loadInline, logEvent, pourAll } from './harness.ts';

const leaky = (extra = '') => `
type: leaky
name: test/spray
description: d
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
capacity: 5
leakspeed: 10s
${extra}`;

function ip(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

describe('bounded memory', () => {
  it('an attacker spraying 200k source IPs cannot grow the live buckets beyond maxBuckets', () => {
    const { set } = loadInline(leaky(), { limits: { maxBuckets: 1000 } });
    let maxLive = 0;
    for (let n = 0; n < 200_000; n++) {
      // All within one second of log time: no instance expires, only the limit can bound them.
      set.pour(ipEvent(ip(n), 0));
      if ((n & 1023) === 0) maxLive = Math.max(maxLive, set.stats().live);
    }
    const stats = set.stats();
    assert.ok(stats.live <= 1000, `live ${stats.live}`);
    assert.ok(maxLive <= 1000);
    assert.equal(stats.created, 200_000);
    assert.equal(stats.droppedBuckets, 199_000);
  });

  it('collects idle time-machine buckets by event time (one-shot sources do not accumulate)', () => {
    const { set } = loadInline(leaky(), { limits: { idleCollectMs: 60_000 } });
    // One event per source, one source per second, over an hour: lifetime is 60 s.
    for (let s = 0; s < 3600; s++) set.pour(ipEvent(ip(s), s));
    const stats = set.stats();
    assert.ok(stats.live < 200, `live ${stats.live}`);
    assert.ok(stats.expired > 3400);
  });

  it('caps an unbounded queue and counts what it drops', () => {
    const yaml = `
type: conditional
name: test/unbounded
description: d
filter: "true"
capacity: -1
leakspeed: 1h
condition: "false"
`;
    const { set } = loadInline(yaml, { limits: { maxQueuePerBucket: 10 } });
    for (let s = 0; s < 25; s++) set.pour(ipEvent('1.2.3.4', s));
    assert.equal(set.stats().droppedEvents, 15);
  });

  it('forgets the oldest distinct values beyond maxDistinctPerBucket', () => {
    const { set } = loadInline(leaky('distinct: evt.Meta.user').replace('capacity: 5', 'capacity: 100'), {
      limits: { maxDistinctPerBucket: 3 },
    });
    const out = pourAll(
      set,
      ['a', 'b', 'c', 'd', 'a'].map((u, s) => ipEvent('1.2.3.4', s, { user: u })),
    );
    assert.equal(out.length, 0);
    assert.equal(set.stats().droppedDistinct, 2, "'a' was forgotten, so it counted again and pushed out 'b'");
  });

  it('expires live buckets after their lifetime of wall time', () => {
    const clock = new ManualClock(GoTime.date(2030, 1, 1, 0, 0, 0, 0, UTC));
    const { set } = loadInline(leaky().replace('capacity: 5', 'capacity: 1'), { clock });
    const live = () => logEvent({ live: true, meta: { log_type: 'test', source_ip: '1.2.3.4' } });
    assert.equal(set.pour(live()).length, 0);
    clock.advance(21_000);
    assert.equal(set.pour(live()).length, 0, 'the first instance died after 20 s without pour');
    assert.equal(set.stats().expired, 1);
    clock.advance(1000);
    assert.equal(set.pour(live()).length, 1);
  });
});
