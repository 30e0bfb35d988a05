import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HelperError } from '../../src/expr/helpers/index.ts';
import { Float64 } from '../../src/expr/values/float.ts';
import { helpers } from './harness.ts';

const { fn } = helpers();
const blob = '{"a":{"b":[10,{"c":"x\\"y"}]},"s":"caf\\u00e9","n":null,"t":true,"a2":1.5e3,"dup":1,"dup":2}';

describe('JsonExtract family (jsonparser semantics)', () => {
  const cases: [string, unknown[], unknown][] = [
    ['JsonExtract', [blob, 'a.b[0]'], '10'],
    ['JsonExtract', [blob, 'a.b[1].c'], 'x\\"y'], // raw, not unescaped
    ['JsonExtract', [blob, 'a.b'], '[10,{"c":"x\\"y"}]'],
    ['JsonExtract', [blob, 's'], 'caf\\u00e9'],
    ['JsonExtract', [blob, 'n'], 'null'],
    ['JsonExtract', [blob, 't'], 'true'],
    ['JsonExtract', [blob, 'a2'], '1.5e3'],
    ['JsonExtract', [blob, 'dup'], '1'], // first duplicate wins
    ['JsonExtract', [blob, 'missing'], ''],
    ['JsonExtract', [blob, 'a.b[5]'], ''],
    ['JsonExtract', ['not json', 'a'], ''],
    ['JsonExtract', ['{"a":1, garbage', 'a'], '1'], // scans only as far as needed
    ['JsonExtract', ['[{"x":1},{"x":2}]', '[1].x'], '2'],
    ['JsonExtract', ['{"uri":"/a"}', 'uri'], '/a'],
    ['JsonExtractUnescape', [blob, 's'], 'café'],
    ['JsonExtractUnescape', [blob, 'a', 'b', '[1]', 'c'], 'x"y'],
    ['JsonExtractUnescape', [blob, 'a2'], ''], // not a string
    ['JsonExtractLib', [blob, 'a', 'b', '[0]'], '10'],
  ];
  for (const [name, args, want] of cases) {
    it(`${name}(${JSON.stringify(args.slice(1))})`, () => assert.deepEqual(fn[name](...args), want));
  }
  it('JsonExtractSlice/Object decode with Go number kinds', () => {
    assert.deepEqual(fn.JsonExtractSlice(blob, 'a.b'), [new Float64(10), { c: 'x"y' }]);
    assert.deepEqual(fn.JsonExtractObject(blob, 'a'), { b: [new Float64(10), { c: 'x"y' }] });
    assert.equal(fn.JsonExtractSlice(blob, 'a'), null);
    assert.equal(fn.JsonExtractObject(blob, 'nope'), null);
  });
});

describe('UnmarshalJSON', () => {
  it('writes into the target and returns nil', () => {
    const target: Record<string, unknown> = {};
    assert.equal(fn.UnmarshalJSON('{"x":1,"y":[1.5]}', target, 'k'), null);
    assert.deepEqual(target, { k: { x: new Float64(1), y: [1.5] } });
  });
  it('throws on invalid JSON, leaving the target untouched', () => {
    const target: Record<string, unknown> = {};
    assert.throws(() => fn.UnmarshalJSON('{bad', target, 'k'), HelperError);
    assert.deepEqual(target, {});
  });
  it('never touches the prototype, whatever the key', () => {
    const target: Record<string, unknown> = {};
    fn.UnmarshalJSON('{"__proto__":{"polluted":1}}', target, '__proto__');
    assert.equal(Object.getPrototypeOf(target), Object.prototype);
    assert.ok(Object.hasOwn(target, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('ToJsonString and KeyExists', () => {
  const cases: [unknown, string][] = [
    [{ b: 1, a: '<x>&' }, '{"a":"\\u003cx\\u003e\\u0026","b":1}'],
    [[new Float64(401), 1.5, 1e21, 1e-7, null], '[401,1.5,1e+21,1e-7,null]'],
    ['é\u2028', '"é\\u2028"'],
  ];
  for (const [v, want] of cases) it(`ToJsonString ${want}`, () => assert.equal(fn.ToJsonString(v), want));
  it('returns "" for unsupported values', () => assert.equal(fn.ToJsonString(Number.NaN), ''));
  it('KeyExists looks at own keys only', () => {
    assert.equal(fn.KeyExists('a', { a: null }), true);
    assert.equal(fn.KeyExists('toString', {}), false);
    assert.equal(fn.KeyExists('a', null), false);
  });
});
