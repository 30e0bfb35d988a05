import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Duration,
  goQuote,
  Hour,
  Microsecond,
  Millisecond,
  Minute,
  Nanosecond,
  parseDuration,
  Second,
} from '../../src/expr/values/duration.ts';

describe('Duration.String (Go format)', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [1, '1ns'],
    [1100, '1.1µs'],
    [1500, '1.5µs'],
    [2_200_000, '2.2ms'],
    [3_300_000_000, '3.3s'],
    [4 * 60e9 + 5e9, '4m5s'],
    [4 * 60e9 + 5_001_000_000, '4m5.001s'],
    [5 * 3600e9 + 6 * 60e9 + 7_001_000_000, '5h6m7.001s'],
    [8 * 60e9 + 1, '8m0.000000001s'],
    [600e9, '10m0s'],
    [3600e9, '1h0m0s'],
    [3723.5e9, '1h2m3.5s'],
    [-120e9, '-2m0s'],
    [-1, '-1ns'],
    [-1500, '-1.5µs'],
    [999_999_999, '999.999999ms'],
    [2 ** 62, '1281023h53m38.427387904s'],
    [-(2 ** 63), '-2562047h47m16.854775808s'],
  ];
  for (const [ns, text] of cases) {
    it(`${ns} ns ⇒ ${text}`, () => {
      assert.equal(new Duration(ns).String(), text);
      assert.equal(String(new Duration(ns)), text);
    });
  }
});

describe('parseDuration (Go time.ParseDuration)', () => {
  const ok: [string, number][] = [
    ['0', 0],
    ['5s', 5e9],
    ['30s', 30e9],
    ['1478s', 1478e9],
    ['-5s', -5e9],
    ['+5s', 5e9],
    ['-0', 0],
    ['+0', 0],
    ['5.0s', 5e9],
    ['5.6s', 5.6e9],
    ['5.s', 5e9],
    ['.5s', 0.5e9],
    ['1.0s', 1e9],
    ['1.00s', 1e9],
    ['1.004s', 1.004e9],
    ['1.0040s', 1.004e9],
    ['100.00100s', 100.001e9],
    ['10ns', 10],
    ['11us', 11_000],
    ['12µs', 12_000],
    ['12μs', 12_000],
    ['13ms', 13_000_000],
    ['14s', 14e9],
    ['15m', 15 * 60e9],
    ['16h', 16 * 3600e9],
    ['3h30m', 3.5 * 3600e9],
    ['10.5s4m', 4 * 60e9 + 10.5e9],
    ['-2m3.4s', -(2 * 60e9 + 3.4e9)],
    ['1h2m3s4ms5us6ns', 3600e9 + 2 * 60e9 + 3e9 + 4e6 + 5e3 + 6],
    ['39h9m14.425s', 39 * 3600e9 + 9 * 60e9 + 14.425e9],
    ['52763797000ns', 52763797000],
    ['0.3333333333333333333h', 20 * 60e9],
    ['0.100000000000000000000h', 6 * 60e9],
    ['10m', 600e9],
  ];
  for (const [text, ns] of ok) {
    it(`${JSON.stringify(text)} ⇒ ${ns} ns`, () => {
      assert.equal(parseDuration(text).ns, ns);
    });
  }

  const bad: [string, string][] = [
    ['', 'time: invalid duration ""'],
    ['3', 'time: missing unit in duration "3"'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'],
    ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1.5d', 'time: unknown unit "d" in duration "1.5d"'],
    ['10 m', 'time: unknown unit " m" in duration "10 m"'],
    ['1µ', 'time: unknown unit "\\xc2\\xb5" in duration "1\\xc2\\xb5"'],
    ['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
  ];
  for (const [text, message] of bad) {
    it(`${JSON.stringify(text)} ⇒ ${message}`, () => {
      assert.throws(() => parseDuration(text), { message });
    });
  }

  it('round-trips String() output', () => {
    for (const ns of [0, 1, 1500, 2_200_000, 3.3e9, 3723.5e9, -120e9, 86400e9 * 3 + 7]) {
      const d = new Duration(ns);
      assert.equal(parseDuration(d.String()).ns, ns);
    }
  });

  it('accepts the negative minimum', () => {
    assert.equal(parseDuration('-9223372036854775808ns').ns, -(2 ** 63));
  });
});

describe('Duration conversions and rounding', () => {
  const d = parseDuration('1h15m30.918273645s');
  it('Seconds / Minutes / Hours are floats', () => {
    assert.equal(d.Seconds(), 4530.918273645);
    assert.equal(d.Minutes(), 75.51530456075);
    assert.equal(d.Hours(), 1.2585884093458333);
  });
  it('Milliseconds / Microseconds / Nanoseconds truncate toward zero', () => {
    assert.equal(d.Milliseconds(), 4530918);
    assert.equal(d.Microseconds(), 4530918273);
    assert.equal(d.Nanoseconds(), 4530918273645);
    assert.equal(new Duration(-1500).Microseconds(), -1);
    assert.equal(new Duration(-1_500_000).Milliseconds(), -1);
  });
  it('Round (half away from zero)', () => {
    const table: [Duration, string][] = [
      [Nanosecond, '1h15m30.918273645s'],
      [Microsecond, '1h15m30.918274s'],
      [Millisecond, '1h15m30.918s'],
      [Second, '1h15m31s'],
      [new Duration(2e9), '1h15m30s'],
      [Minute, '1h16m0s'],
      [new Duration(600e9), '1h20m0s'],
      [Hour, '1h0m0s'],
    ];
    for (const [m, text] of table) assert.equal(d.Round(m).String(), text, `Round(${m})`);
    assert.equal(new Duration(-1500).Round(Microsecond).String(), '-2µs');
    assert.equal(new Duration(-1499).Round(Microsecond).String(), '-1µs');
    assert.equal(d.Round(new Duration(0)), d);
  });
  it('Truncate', () => {
    const table: [Duration, string][] = [
      [Nanosecond, '1h15m30.918273645s'],
      [Microsecond, '1h15m30.918273s'],
      [Millisecond, '1h15m30.918s'],
      [Second, '1h15m30s'],
      [new Duration(2e9), '1h15m30s'],
      [Minute, '1h15m0s'],
      [new Duration(600e9), '1h10m0s'],
      [Hour, '1h0m0s'],
    ];
    for (const [m, text] of table) assert.equal(d.Truncate(m).String(), text, `Truncate(${m})`);
    assert.equal(new Duration(-1999).Truncate(Microsecond).String(), '-1µs');
  });
  it('Abs', () => {
    assert.equal(new Duration(-5).Abs().ns, 5);
    assert.equal(new Duration(5).Abs().ns, 5);
    assert.equal(new Duration(-(2 ** 63)).Abs().ns, 2 ** 63);
  });
  it('compares through valueOf and serialises as ns', () => {
    assert.ok(parseDuration('10m') > parseDuration('9m59s'));
    assert.ok(parseDuration('-1s') < parseDuration('0'));
    assert.equal(JSON.stringify({ d: parseDuration('1s') }), '{"d":1000000000}');
  });
});

describe('goQuote (time package error quoting)', () => {
  it('escapes quotes, backslashes, control and non-ASCII bytes', () => {
    assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(goQuote('\t'), '"\\x09"');
    assert.equal(goQuote('é'), '"\\xc3\\xa9"');
  });
});
