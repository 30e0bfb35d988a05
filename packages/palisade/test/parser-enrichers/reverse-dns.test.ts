import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newEvent } from '../../src/event/index.ts';
import {
  createEnrichers,
  NonBlockingReverseDns,
  type ReverseResolver,
  reverseDnsEnricher,
} from '../../src/parser/enrichers/index.ts';

/** A fixed-answer resolver, as replay tests inject it. */
function fixed(answers: Record<string, string>): ReverseResolver {
  return {
    reverseFromCacheOrSchedule: (ip) => (Object.hasOwn(answers, ip) ? (answers[ip] as string) : null),
  };
}

describe('reverse_dns enricher', () => {
  const enrich = reverseDnsEnricher(fixed({ '8.8.8.8': 'dns.google.', '192.0.2.1': '' }));
  const CASES: ReadonlyArray<{ ip: string; want: Record<string, string> | null }> = [
    { ip: '8.8.8.8', want: { reverse_dns: 'dns.google.' } },
    { ip: '192.0.2.1', want: null },
    { ip: '198.51.100.7', want: null },
    { ip: '', want: null },
  ];
  for (const c of CASES) {
    it(`${JSON.stringify(c.ip)} → ${JSON.stringify(c.want)}`, () => {
      const got = enrich(c.ip, newEvent());
      assert.deepEqual(got === null ? null : { ...got }, c.want);
    });
  }

  it('createEnrichers uses the injected resolver', () => {
    const reg = createEnrichers({ dns: fixed({ '1.1.1.1': 'one.one.one.one.' }) });
    assert.deepEqual(
      { ...reg.get('reverse_dns')?.('1.1.1.1', newEvent()) },
      { reverse_dns: 'one.one.one.one.' },
    );
  });
});

/** A controllable lookup: records calls, answers when the test says so. */
function deferredLookup() {
  const calls: string[] = [];
  const waiting = new Map<string, { resolve: (v: string[]) => void; reject: (e: Error) => void }>();
  const lookup = (ip: string) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push(ip);
      waiting.set(ip, { resolve, reject });
    });
  return { calls, waiting, lookup };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('NonBlockingReverseDns', () => {
  it('a miss answers null now, schedules one lookup, and serves the name afterwards', async () => {
    const d = deferredLookup();
    const dns = new NonBlockingReverseDns({ lookup: d.lookup });
    assert.equal(dns.reverseFromCacheOrSchedule('8.8.8.8'), null);
    assert.equal(dns.reverseFromCacheOrSchedule('8.8.8.8'), null, 'still pending');
    assert.deepEqual(d.calls, ['8.8.8.8'], 'no duplicate lookup while one is in flight');
    d.waiting.get('8.8.8.8')?.resolve(['dns.google', 'other.example']);
    await tick();
    assert.equal(dns.reverseFromCacheOrSchedule('8.8.8.8'), 'dns.google.', 'first PTR, absolute like Go');
    assert.equal(dns.pending, 0);
  });

  it('failures and empty answers are cached negatively until the negative TTL', async () => {
    let now = 1_000;
    const d = deferredLookup();
    const dns = new NonBlockingReverseDns({
      lookup: d.lookup,
      now: () => now,
      negativeTtlMs: 100,
      ttlMs: 10_000,
    });
    dns.reverseFromCacheOrSchedule('192.0.2.1');
    d.waiting.get('192.0.2.1')?.reject(new Error('ENOTFOUND'));
    await tick();
    assert.equal(dns.reverseFromCacheOrSchedule('192.0.2.1'), null);
    assert.equal(d.calls.length, 1, 'negative answer served from cache');
    now += 101;
    dns.reverseFromCacheOrSchedule('192.0.2.1');
    assert.equal(d.calls.length, 2, 'expired negative answer triggers a new lookup');
  });

  it('positive answers expire after the TTL', async () => {
    let now = 0;
    const dns = new NonBlockingReverseDns({ lookup: async () => ['a.example'], now: () => now, ttlMs: 50 });
    assert.equal(await dns.resolve('192.0.2.9'), 'a.example.');
    assert.equal(dns.reverseFromCacheOrSchedule('192.0.2.9'), 'a.example.');
    now = 51;
    assert.equal(dns.reverseFromCacheOrSchedule('192.0.2.9'), null);
  });

  it('the cache is bounded (LRU eviction)', async () => {
    const dns = new NonBlockingReverseDns({ lookup: async (ip) => [`h-${ip}.example`], maxEntries: 2 });
    await dns.resolve('192.0.2.1');
    await dns.resolve('192.0.2.2');
    assert.equal(dns.reverseFromCacheOrSchedule('192.0.2.1'), 'h-192.0.2.1.example.', 'refreshes 192.0.2.1');
    await dns.resolve('192.0.2.3');
    assert.equal(dns.reverseFromCacheOrSchedule('192.0.2.1'), 'h-192.0.2.1.example.');
    assert.equal(dns.reverseFromCacheOrSchedule('192.0.2.3'), 'h-192.0.2.3.example.');
    assert.equal(dns.reverseFromCacheOrSchedule('192.0.2.2'), null, 'least recently used was evicted');
  });

  it('in-flight lookups are bounded', () => {
    const d = deferredLookup();
    const dns = new NonBlockingReverseDns({ lookup: d.lookup, maxPending: 3 });
    for (let i = 1; i <= 10; i++) dns.reverseFromCacheOrSchedule(`192.0.2.${i}`);
    assert.equal(d.calls.length, 3);
    assert.equal(dns.pending, 3);
  });

  it('invalid addresses never reach DNS', () => {
    const d = deferredLookup();
    const dns = new NonBlockingReverseDns({ lookup: d.lookup });
    for (const bad of ['example.com', '1.2.3', '', '::1%lo'])
      assert.equal(dns.reverseFromCacheOrSchedule(bad), null);
    assert.deepEqual(d.calls, []);
  });
});
