import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExprFunction } from '../../src/expr/functions.ts';
import { compile } from '../../src/expr/index.ts';
import { anyType, arrayOf, funcOf, mapOf, stringType } from '../../src/expr/types.ts';

/**
 * Pure helpers (`ExprFunction.pure`): folding of constant calls, call sites that remember the last
 * result, tables inside closures, and the exactness limits (errors, non-primitive results).
 */

const S = stringType;

/** A pure `Up(s)` that counts its calls and fails on "boom". */
function counting(): { fns: ExprFunction[]; calls: () => number } {
  let n = 0;
  const fns: ExprFunction[] = [
    {
      name: 'Up',
      types: [funcOf([S], S)],
      pure: true,
      fn: (s: string) => {
        n++;
        if (s === 'boom') throw new Error('boom!');
        return s.toUpperCase();
      },
    },
    {
      name: 'Impure',
      types: [funcOf([S], S)],
      fn: (s: string) => {
        n++;
        return s.toUpperCase();
      },
    },
    {
      name: 'Parts',
      types: [funcOf([S], arrayOf(S))],
      pure: true,
      fn: (s: string) => {
        n++;
        return s.split(',');
      },
    },
  ];
  return { fns, calls: () => n };
}

const env = { s: S, t: S, m: mapOf(S), list: arrayOf(S), x: anyType };

describe('pure helper calls', () => {
  test('a call with constant arguments is evaluated once, at load time', () => {
    const c = counting();
    const p = compile('Up("abc") + Up("abc")', { env, functions: c.fns });
    assert.equal(c.calls(), 2);
    assert.equal(p.run({}), 'ABCABC');
    assert.equal(p.run({}), 'ABCABC');
    assert.equal(c.calls(), 2);
  });

  test('a failing constant call is left for run time, where it fails every time', () => {
    const c = counting();
    const p = compile('Up("boom")', { env, functions: c.fns });
    assert.throws(() => p.run({}), /boom!/);
    assert.throws(() => p.run({}), /boom!/);
  });

  test('a call site reuses its last result for equal string arguments', () => {
    const c = counting();
    const p = compile('Up(s) == "A" || Up(s) == "B" || Up(s) == "C"', { env, functions: c.fns });
    assert.equal(p.run({ s: 'c' }), true);
    // Three sites, one helper: the first computes, the others take the helper's last result.
    assert.equal(c.calls(), 1);
    assert.equal(p.run({ s: 'c' }), true);
    assert.equal(c.calls(), 1);
    assert.equal(p.run({ s: 'b' }), true);
    assert.equal(c.calls(), 2);
    assert.equal(p.run({ s: 'z' }), false);
    assert.equal(c.calls(), 3);
  });

  test('alternating arguments at different sites give each site its own result', () => {
    const c = counting();
    const p = compile('Up(s) + "|" + Up(t)', { env, functions: c.fns });
    for (let i = 0; i < 3; i++) {
      assert.equal(p.run({ s: 'a', t: 'b' }), 'A|B');
      assert.equal(p.run({ s: 'b', t: 'a' }), 'B|A');
    }
  });

  test('errors are not remembered', () => {
    const c = counting();
    const p = compile('Up(s)', { env, functions: c.fns });
    assert.throws(() => p.run({ s: 'boom' }), /boom!/);
    assert.throws(() => p.run({ s: 'boom' }), /boom!/);
    assert.equal(c.calls(), 2);
    assert.equal(p.run({ s: 'ok' }), 'OK');
  });

  test('a helper without `pure` is called every time', () => {
    const c = counting();
    const p = compile('Impure(s) + Impure(s)', { env, functions: c.fns });
    p.run({ s: 'a' });
    p.run({ s: 'a' });
    assert.equal(c.calls(), 4);
  });

  test('array results are never shared between calls', () => {
    const c = counting();
    const p = compile('Parts(s)', { env, functions: c.fns });
    const a = p.run({ s: 'a,b' });
    const b = p.run({ s: 'a,b' });
    assert.deepEqual(a, ['a', 'b']);
    assert.notEqual(a, b);
    assert.equal(c.calls(), 2);
  });

  test('long arguments are computed every time (bounded memory)', () => {
    const c = counting();
    const p = compile('Up(s)', { env, functions: c.fns });
    const long = 'x'.repeat(10_000);
    p.run({ s: long });
    p.run({ s: long });
    assert.equal(c.calls(), 2);
  });

  test('inside a closure the element calls are remembered per element', () => {
    const c = counting();
    const p = compile('filter(list, { Up(#) startsWith "A" })', { env, functions: c.fns });
    const list = ['ab', 'b', 'ac'];
    assert.deepEqual(p.run({ list }), ['ab', 'ac']);
    assert.equal(c.calls(), 3);
    assert.deepEqual(p.run({ list }), ['ab', 'ac']);
    assert.equal(c.calls(), 3);
    assert.deepEqual(p.run({ list: ['zz', 'ab'] }), ['ab']);
    assert.equal(c.calls(), 4);
  });

  test('an invalid pattern computed by a folded call is a run-time error of `matches`', () => {
    const c = counting();
    // Upper-casing `(?i)` gives `(?I)`, not a valid flag: expr-lang only finds out when evaluating.
    const p = compile('s matches Up("(?i)a")', { env, functions: c.fns });
    assert.throws(() => p.run({ s: 'a' }));
    // A literal invalid pattern stays a load-time error.
    assert.throws(() => compile('s matches "(?I)a"', { env, functions: c.fns }));
    // A valid folded pattern works as a constant one.
    assert.equal(compile('s matches Up("^a")', { env, functions: c.fns }).run({ s: 'A' }), true);
  });
});
