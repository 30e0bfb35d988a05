import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Duration } from '../../src/expr/values/duration.ts';
import { Float64 } from '../../src/expr/values/float.ts';
import { formatStatic, formatValue, goSprintf } from '../../src/expr/values/format.ts';
import { formatFloat } from '../../src/expr/values/format-float.ts';

describe('formatFloat (Go strconv)', () => {
  const cases: [number, 'e' | 'f' | 'g', number, string][] = [
    [1689156238.5567942, 'g', -1, '1.6891562385567942e+09'],
    [123456, 'g', -1, '123456'],
    [1234567, 'g', -1, '1.234567e+06'],
    [1e6, 'g', -1, '1e+06'],
    [0.0001, 'g', -1, '0.0001'],
    [0.00001, 'g', -1, '1e-05'],
    [1e21, 'g', -1, '1e+21'],
    [1e100, 'g', -1, '1e+100'],
    [0, 'g', -1, '0'],
    [-0, 'g', -1, '-0'],
    [401, 'f', 6, '401.000000'],
    [7.181, 'f', 6, '7.181000'],
    [2.675, 'f', 2, '2.67'], // binary value is below the midpoint
    [0.5, 'f', 0, '0'], // exact tie: half to even
    [1.5, 'f', 0, '2'],
    [2.5, 'f', 0, '2'],
    [0.006, 'f', 2, '0.01'],
    [0.0001, 'f', 2, '0.00'],
    [1e22, 'f', 1, '10000000000000000000000.0'],
    [123456.789, 'e', 6, '1.234568e+05'],
    [0, 'e', 2, '0.00e+00'],
    [1234.5678, 'g', 3, '1.23e+03'],
    [1, 'g', 3, '1'],
    [0.1, 'f', -1, '0.1'],
    [Number.NaN, 'g', -1, 'NaN'],
    [Number.POSITIVE_INFINITY, 'f', 2, '+Inf'],
    [Number.NEGATIVE_INFINITY, 'g', -1, '-Inf'],
  ];
  for (const [x, f, p, want] of cases) {
    it(`${x} ${f} ${p} => ${want}`, () => assert.equal(formatFloat(x, f, p), want));
  }
});

describe('goSprintf', () => {
  const cases: [string, unknown[], string][] = [
    ['%v', [1689156238.5567942], '1.6891562385567942e+09'],
    ['%v', [new Float64(1689156238)], '1.689156238e+09'],
    ['%v', [new Float64(401)], '401'],
    ['%v', [42], '42'],
    ['%f', [new Float64(401)], '401.000000'],
    ['%f', [401], '%!f(int=401)'],
    ['%d', ['abc'], '%!d(string=abc)'],
    ['%s', [5], '%!s(int=5)'],
    ['%d', [null], '%!d(<nil>)'],
    ['%v', [null], '<nil>'],
    ['%t', [true], 'true'],
    ['%t', [1], '%!t(int=1)'],
    ['%v %v', [1], '1 %!v(MISSING)'],
    ['%v', [1, 'a'], '1%!(EXTRA string=a)'],
    ['x', [null], 'x%!(EXTRA <nil>)'],
    ['%', [], '%!(NOVERB)'],
    ['100%%', [], '100%'],
    ['%+v', [[1, 2]], '[1 2]'],
    ['%v', [[null, 'a', 1.5]], '[<nil> a 1.5]'],
    ['%d', [[1, 'a']], '[1 %!d(string=a)]'],
    ['%v', [{ b: 1, a: 'x' }], 'map[a:x b:1]'],
    ['%v', [{}], 'map[]'],
    ['%s', [['a', 'b']], '[a b]'],
    ['%q', ['a"b\n'], '"a\\"b\\n"'],
    ['%q', ['é\u0001'], '"é\\x01"'],
    ['%+q', ['é'], '"\\u00e9"'],
    ['%q', [65], "'A'"],
    ['%c', [0x263a], '☺'],
    ['%x', ['hi'], '6869'],
    ['%X', [255], 'FF'],
    ['%#x', [255], '0xff'],
    ['%o', [8], '10'],
    ['%b', [5], '101'],
    ['%5d|%-5d|%05d', [42, 42, -42], '   42|42   |-0042'],
    ['%+d', [5], '+5'],
    ['%.3d', [7], '007'],
    ['%08.3f', [-1.23456], '-001.235'],
    ['%6.2f|', [1.23456], '  1.23|'],
    ['%-8s|', ['ab'], 'ab      |'],
    ['%.2s', ['héllo'], 'hé'],
    ['%5s', ['é'], '    é'],
    ['%*d', [4, 7], '   7'],
    ['%[2]d %[1]d', [1, 2], '2 1'],
    ['%e', [new Float64(1e6)], '1.000000e+06'],
    ['%g', [new Float64(100000)], '100000'],
    ['%v', [Number.POSITIVE_INFINITY], '+Inf'],
    ['%v', [Number.NaN], 'NaN'],
    ['%+.1f', [2.25], '+2.2'],
    ['%T', [1.5], 'float64'],
    ['%v', [new Duration(90e9)], '1m30s'],
    ['%s', [new Duration(1500)], '1.5µs'],
    ['%d', [new Duration(1e9)], '1000000000'],
    ['%z', [1], '%!z(int=1)'],
  ];
  for (const [f, args, want] of cases) {
    it(`${JSON.stringify(f)} ${JSON.stringify(args)} => ${want}`, () =>
      assert.equal(goSprintf(f, args), want));
  }
});

describe('formatValue and formatStatic', () => {
  it('formats nested values like Go %v', () => {
    assert.equal(formatValue({ k: [1, new Float64(2)], a: null }), 'map[a:<nil> k:[1 2]]');
    assert.equal(formatValue(true), 'true');
    assert.equal(formatValue('s'), 's');
  });
  it('converts static results as CrowdSec does', () => {
    assert.deepEqual(formatStatic('x'), { ok: true, value: 'x' });
    assert.deepEqual(formatStatic(401), { ok: true, value: '401' });
    assert.deepEqual(formatStatic(new Float64(401)), { ok: true, value: '401.000000' });
    assert.deepEqual(formatStatic(7.181), { ok: true, value: '7.181000' });
    assert.deepEqual(formatStatic(null), { ok: true, value: '' });
    const arr = formatStatic(['a']);
    assert.equal(arr.ok, false);
    assert.equal(!arr.ok && arr.fatal, false);
    const b = formatStatic(true);
    assert.equal(!b.ok && b.fatal, true);
    const d = formatStatic(new Duration(1));
    assert.equal(!d.ok && d.fatal, true);
  });
});
