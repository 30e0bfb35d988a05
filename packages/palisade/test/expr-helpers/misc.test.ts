import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CachedDnsResolver, HelperError, MemoryStash } from '../../src/expr/helpers/index.ts';
import { ja4h } from '../../src/expr/helpers/ja4h.ts';
import { isSqli, isXss } from '../../src/expr/helpers/libinjection/index.ts';
import { Duration } from '../../src/expr/values/duration.ts';
import { Float64 } from '../../src/expr/values/float.ts';
import { GoTime } from '../../src/expr/values/time.ts';
import { helpers } from './harness.ts';

const { fn, logs } = helpers({ now: () => 1_700_000_000_123, hostname: () => 'box' });

describe('Match (CrowdSec glob)', () => {
  const cases: [string, string, boolean][] = [
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*', 'abc', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*.exe', 'C:\\x\\cmd.exe', true],
    ['*.exe', 'cmd.exe.bak', false],
    ['a**', 'a', false], // CrowdSec quirk: only "" or a single * matches an exhausted name
    ['a**', 'ab', true],
    ['**', '', false],
    ['?', 'é', false], // ? matches one byte, é is two
    ['??', 'é', true],
  ];
  for (const [p, s, want] of cases) it(`Match(${p}, ${s})`, () => assert.equal(fn.Match(p, s), want));
  it('stays polynomial on pathological patterns', () => {
    assert.equal(fn.Match('*a*a*a*a*a*a*a*b', 'a'.repeat(3000)), false);
  });
});

describe('numbers, encodings, misc', () => {
  it('Atof parses Go float syntax, 0 on error', () => {
    assert.equal(fn.Atof('1.5e3'), 1500);
    assert.equal(fn.Atof(' 1'), 0);
    assert.equal(fn.Atof('0x1p-2'), 0.25);
    assert.equal(fn.Atof('inf'), Number.POSITIVE_INFINITY);
    assert.ok(logs.some((l) => l.level === 'warn' && l.msg.includes("' 1'")));
  });
  it('Distance: haversine km, 0 when a point is (0,0), error on bad input', () => {
    const d = fn.Distance('48.8566', '2.3522', '51.5074', '-0.1278') as number;
    assert.ok(Math.abs(d - 343.5) < 1, String(d));
    assert.equal(fn.Distance('0', '0', '51.5', '0.1'), 0);
    assert.throws(() => fn.Distance('x', '0', '1', '1'), HelperError);
  });
  it('B64Decode is strict', () => {
    assert.equal(fn.B64Decode('aGVsbG8='), 'hello');
    assert.throws(() => fn.B64Decode('aGVsbG8'), HelperError);
  });
  it('FloatApproxEqual accepts ints and boxes', () => {
    assert.equal(fn.FloatApproxEqual(new Float64(1), 1.0000001), true);
    assert.equal(fn.FloatApproxEqual(1, 1.1), false);
  });
  it('Sprintf and LogInfo', () => {
    assert.equal(fn.Sprintf('%v-%d', 'a', 2), 'a-2');
    assert.equal(fn.LogInfo('hello %s', 'w'), true);
    assert.ok(logs.some((l) => l.level === 'info' && l.msg === 'hello w'));
  });
  it('Flatten, FlattenDistinct, Distinct', () => {
    assert.deepEqual(fn.Flatten([1, [2, [3]]], 4), [1, 2, 3, 4]);
    assert.deepEqual(fn.FlattenDistinct([1, [1, 'a']], 'a', new Float64(1)), [1, 'a', new Float64(1)]);
    assert.deepEqual(fn.Distinct(['a', 'b', 'a']), ['a', 'b']);
    assert.equal(fn.Distinct('x'), null);
    assert.throws(() => fn.Distinct([[1], [1]]), HelperError);
  });
  it('Hostname comes from the injected source', () => assert.equal(fn.Hostname(), 'box'));
});

describe('time helpers', () => {
  const t = (sec: number) => GoTime.fromUnix(sec, 0);
  it('TimeNow is RFC 3339 UTC from the injected clock', () =>
    assert.equal(fn.TimeNow(), '2023-11-14T22:13:20Z'));
  it('ParseUnix truncates fractions and rejects non-positive values', () => {
    const out = fn.ParseUnix('1700000000.999') as string;
    assert.equal(out, GoTime.fromUnix(1700000000, 0).Format('2006-01-02T15:04:05Z07:00'));
    assert.equal(fn.ParseUnix('0'), '');
    assert.equal(fn.ParseUnix('abc'), '');
  });
  it('MedianInterval and AverageInterval sort the times first', () => {
    const m = fn.MedianInterval([t(100), t(0), t(10), t(40)]) as Duration;
    assert.ok(m instanceof Duration);
    assert.equal(m.ns, 30e9); // gaps 10, 30, 60 ⇒ 30
    assert.equal((fn.MedianInterval([t(0), t(10), t(40), t(100), t(101)]) as Duration).ns, 20e9);
    assert.equal((fn.AverageInterval([t(0), t(10), t(40)]) as Duration).ns, 20e9);
    assert.throws(() => fn.MedianInterval([t(0)]), HelperError);
    assert.throws(() => fn.AverageInterval(['x', 'y']), HelperError);
  });
});

describe('XML helpers (etree paths)', () => {
  const xml = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID><TimeCreated SystemTime='2023-01-01T00:00:00.000Z'/></System><EventData><Data Name='ProcessId'>1234</Data><Data Name='Image'>C:\\a &amp; b.exe</Data><Data Name='Empty'/></EventData></Event>`;
  const cases: [string, unknown[], string][] = [
    ['XMLGetNodeValue', [xml, "/Event/EventData[1]/Data[@Name='Image']"], 'C:\\a & b.exe'],
    ['XMLGetNodeValue', [xml, "/Event/EventData[1]/Data[@Name='ProcessId']"], '1234'],
    ['XMLGetNodeValue', [xml, '/Event/System/EventID'], '1'],
    ['XMLGetNodeValue', [xml, '//Data[2]'], 'C:\\a & b.exe'],
    ['XMLGetNodeValue', [xml, '//Data[-1]'], ''],
    ['XMLGetNodeValue', [xml, "/Event/EventData/Data[@Name='Nope']"], ''],
    ['XMLGetNodeValue', ['<a><b>', '/a'], ''],
    ['XMLGetNodeValue', [`- ${xml} `, '/Event/System/EventID'], '1'], // text around the root, as etree keeps it
    ['XMLGetNodeValue', [xml, '/Event/['], ''],
    ['XMLGetAttributeValue', [xml, '/Event/System[1]/TimeCreated', 'SystemTime'], '2023-01-01T00:00:00.000Z'],
    ['XMLGetAttributeValue', [xml, '/Event/System[1]/Provider', 'Name'], 'Microsoft-Windows-Sysmon'],
    ['XMLGetAttributeValue', [xml, '/Event/System[1]/Provider', 'Nope'], ''],
  ];
  for (const [name, args, want] of cases)
    it(`${name}(${args[1]})`, () => assert.equal(fn[name](...args), want));
});

describe('stash, DNS and decisions', () => {
  it('stash: bounded LRU with TTL, unknown cache is empty', () => {
    let now = 0;
    const stash = new MemoryStash({ now: () => now });
    stash.declare('c', { size: 2, ttlNs: 10e9 });
    const h = helpers({ stash }).fn;
    h.SetInStash('c', 'a', '1', null);
    h.SetInStash('c', 'b', '2', null);
    assert.equal(h.GetFromStash('c', 'a'), '1');
    h.SetInStash('c', 'd', '3', null); // evicts b (a was used more recently)
    assert.equal(h.GetFromStash('c', 'b'), '');
    assert.equal(h.GetFromStash('c', 'a'), '1');
    now = 11_000;
    assert.equal(h.GetFromStash('c', 'a'), '');
    h.SetInStash('c', 'e', '5', new Duration(60e9));
    now = 60_000;
    assert.equal(h.GetFromStash('c', 'e'), '5');
    assert.equal(h.GetFromStash('unknown', 'a'), '');
  });
  it('DNS answers from the cache only', () => {
    const dns = new CachedDnsResolver();
    dns.seed('forward', 'example.org', ['1.2.3.4']);
    const h = helpers({ dns }).fn;
    assert.deepEqual(h.LookupHost('example.org'), ['1.2.3.4']);
    assert.deepEqual(h.LookupHost('other.org'), []);
  });
  it('decisions: 0 without a database, typed error when it fails', () => {
    assert.equal(fn.GetDecisionsCount('1.2.3.4'), 0);
    assert.equal((fn.GetActiveDecisionsTimeLeft('1.2.3.4') as Duration).ns, 0);
    let since = 0;
    const h = helpers({
      now: () => 1_000_000_000,
      decisions: {
        count: () => 3,
        activeCount: () => {
          throw new Error('db down');
        },
        activeTimeLeftNs: () => 5e9,
        countSince: (_v, ms) => {
          since = ms;
          return 7;
        },
      },
    }).fn;
    assert.equal(h.GetDecisionsCount('x'), 3);
    assert.throws(() => h.GetActiveDecisionsCount('x'), HelperError);
    assert.equal((h.GetActiveDecisionsTimeLeft('x') as Duration).ns, 5e9);
    assert.equal(h.GetDecisionsSinceCount('x', '1d'), 7);
    assert.equal(since, 1_000_000_000 - 86_400_000);
    assert.equal(h.GetDecisionsSinceCount('x', 'bogus'), 0);
  });
  it('HTTP and CTI throw when not configured', () => {
    assert.throws(
      () => fn.HTTPGet('http://x'),
      (e: unknown) => e instanceof HelperError && e.code === 'not-configured',
    );
    assert.throws(() => fn.CrowdsecCTI('1.2.3.4'), HelperError);
    const h = helpers({
      http: {
        request: (m, u, hd) => ({ StatusCode: 200, Body: `${m} ${u} ${JSON.stringify(hd)}`, Headers: {} }),
      },
    }).fn;
    assert.equal(
      (h.HTTPRequest('PUT', 'http://x', { n: 1 }, '') as { Body: string }).Body,
      'PUT http://x {"n":"1"}',
    );
  });
  it('GeoIP helpers return nil / "" without databases', () => {
    assert.equal(fn.GeoIPEnrich('1.2.3.4'), null);
    assert.equal(fn.IPToCountry('1.2.3.4'), '');
    const h = helpers({ geoip: { city: () => ({ country: { iso_code: 'FR' } }) } }).fn;
    assert.equal(h.IPToCountry('1.2.3.4'), 'FR');
  });
});

describe('libinjection approximations', () => {
  const sqli: [string, boolean][] = [
    ["1' OR '1'='1", true],
    ['1 UNION SELECT password FROM users', true],
    ["admin'--", true],
    ['1; DROP TABLE users', true],
    ["' or 1=1 #", true],
    ['1) or sleep(5)#', true],
    ['hello world', false],
    ["O'Reilly", false],
    ['john.doe@example.com', false],
    ["it's a nice day", false],
  ];
  for (const [s, want] of sqli) it(`SQLI ${s}`, () => assert.equal(isSqli(s), want));
  const xss: [string, boolean][] = [
    ['<script>alert(1)</script>', true],
    ['<img src=x onerror=alert(1)>', true],
    ['"><svg/onload=alert(1)>', true],
    ["' onmouseover='alert(1)", true],
    ['<a href="javascript:alert(1)">x</a>', true],
    ['hello <b>world</b>', false],
    ['a < b and c > d', false],
    ["<a href='https://x'>ok</a>", false],
  ];
  for (const [s, want] of xss) it(`XSS ${s}`, () => assert.equal(isXss(s), want));
  it('is linear on hostile input', () => {
    assert.equal(typeof isXss('<a '.repeat(50_000)), 'boolean');
    assert.equal(typeof isSqli("'".repeat(50_000)), 'boolean');
  });
});

describe('JA4H', () => {
  it('fingerprints a request like CrowdSec', () => {
    const fp = ja4h({
      Method: 'GET',
      ProtoMajor: 1,
      ProtoMinor: 1,
      Header: {
        'User-Agent': ['curl'],
        Accept: ['*/*'],
        'Accept-Language': ['en-US,en;q=0.9'],
        Cookie: ['b=2; a=1'],
        Referer: ['http://x'],
      },
    });
    const [a, b, c, d] = fp.split('_');
    assert.equal(a, 'ge11cr03enus');
    assert.match(b, /^[0-9a-f]{12}$/);
    assert.match(c, /^[0-9a-f]{12}$/);
    assert.notEqual(c, d);
    const none = ja4h({ Method: 'POST', Proto: 'HTTP/2.0', Header: {} });
    assert.match(none, /^po20nn000000_[0-9a-f]{12}_000000000000_000000000000$/);
  });
});
