import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  anyType,
  arrayOf,
  compile,
  type ExprFunction,
  ExprRuntimeError,
  floatType,
  funcOf,
  intType,
  mapOf,
  stringType,
  structOf,
  timeType,
} from '../../src/expr/index.ts';
import { Duration } from '../../src/expr/values/duration.ts';
import { Float64 } from '../../src/expr/values/float.ts';
import { GoTime, UTC } from '../../src/expr/values/time.ts';

const eventType = structOf(
  'Event',
  { Meta: mapOf(stringType), Unmarshaled: mapOf(anyType), Time: timeType },
  { GetMeta: funcOf([stringType], stringType) },
);
const env = { evt: eventType, xs: arrayOf(eventType), f: floatType, n: intType, v: anyType };
const functions: ExprFunction[] = [
  {
    name: 'Boom',
    types: [funcOf([], stringType)],
    fn: () => {
      throw new Error('kaboom');
    },
  },
];

class Event {
  Meta: Record<string, string>;
  Unmarshaled: Record<string, unknown>;
  Time: GoTime;
  constructor(meta: Record<string, string>, unmarshaled: Record<string, unknown> = {}) {
    this.Meta = meta;
    this.Unmarshaled = unmarshaled;
    this.Time = new GoTime(1_700_000_000, 0, UTC); // 2023-11-14 22:13:20 UTC, a Tuesday
  }
  GetMeta(k: string): string {
    return Object.hasOwn(this.Meta, k) ? this.Meta[k]! : '';
  }
}

const run = (source: string, vars: Record<string, unknown> = {}) =>
  compile(source, { env, functions }).run(vars);

test('struct methods are called on class instances, also from closures', () => {
  const evt = new Event({ a: 'x' });
  assert.equal(run('evt.GetMeta("a") + evt.GetMeta("b")', { evt }), 'x');
  assert.equal(run('all(xs, #.GetMeta("a") == "x")', { xs: [evt, evt] }), true);
  assert.equal(run('evt.Time.Weekday().String()', { evt }), 'Tuesday');
  assert.equal(run('evt.Time.Hour()', { evt }), 22);
});

test('a missing map key yields the zero value of the element type', () => {
  const evt = new Event({});
  assert.equal(run('evt.Meta.nope', { evt }), '');
  assert.equal(run('evt.Unmarshaled.nope', { evt }), null);
  assert.equal(run('"__proto__" in evt.Meta', { evt }), false);
  assert.equal(run('evt.Meta["constructor"]', { evt }), '');
});

test('static floats flow into any places boxed; results keep their kind', () => {
  assert.deepEqual(run('[f, "a"]', { f: 2 }), [new Float64(2), 'a']);
  assert.deepEqual(run('f', { f: 2 }), new Float64(2));
  assert.equal(run('n / 2', { n: 3 }), 1.5);
  assert.deepEqual(run('v * 2', { v: 1.5 }), new Float64(3));
  assert.deepEqual(run('v + 1', { v: new Float64(1) }), new Float64(2));
  assert.equal(run('v + 1', { v: 1 }), 2);
});

test('times and durations compare and combine like Go', () => {
  const evt = new Event({});
  assert.equal(run('evt.Time - evt.Time == duration("0s")', { evt }), true);
  assert.equal(run('evt.Time + duration("1h") > evt.Time', { evt }), true);
  assert.ok(run('duration("90m")') instanceof Duration);
  assert.deepEqual(run('duration("90m").Minutes()'), new Float64(90));
});

test('run-time errors are ExprRuntimeError, located, with the helper error as cause', () => {
  assert.throws(
    () => run('1 + len(Boom())'),
    (e: unknown) =>
      e instanceof ExprRuntimeError &&
      e.message === 'kaboom (1:9)\n | 1 + len(Boom())\n | ........^' &&
      (e.cause as Error).message === 'kaboom',
  );
  assert.throws(() => run('v.a', { v: null }), {
    message: 'cannot fetch a from <nil> (1:3)\n | v.a\n | ..^',
  });
  assert.throws(() => run('v[3]', { v: [1] }), {
    message: 'index out of range: 3 (array length is 1) (1:2)\n | v[3]\n | .^',
  });
  assert.throws(() => run('n % 0', { n: 1 }), /integer divide by zero/);
});

test('?. short-circuits the chain; ?? only replaces nil', () => {
  assert.equal(run('v?.a.b.c', { v: null }), null);
  assert.equal(run('v?.a ?? "d"', { v: { a: null } }), 'd');
  assert.equal(run('v.a ?? "d"', { v: { a: 0 } }), 0);
});

test('in against a constant string array, and dynamic patterns through the cache', () => {
  assert.equal(run('v in ["a", "b"]', { v: 'b' }), true);
  assert.equal(run('v in ["a", "b"]', { v: 1 }), false);
  assert.equal(run('"abc" matches v', { v: '^a' }), true);
  assert.throws(() => run('"abc" matches v', { v: '(' }), ExprRuntimeError);
});

test('a program can be run many times and does not keep the last event', () => {
  const program = compile('let m = evt.Meta.a; map(xs, #.Meta.a + m)', { env });
  const evt = new Event({ a: '1' });
  assert.deepEqual(program.run({ evt, xs: [evt] }), ['11']);
  assert.deepEqual(program.run({ evt: new Event({ a: '2' }), xs: [evt] }), ['12']);
});

test('builtins: a representative sample', () => {
  assert.deepEqual(run('sort([3, 1, 2], "desc")'), [3, 2, 1]);
  assert.deepEqual(run('sortBy(["bb", "a"], len(#))'), ['a', 'bb']);
  assert.equal(run('reduce(1..4, #acc + #, 0)'), 10);
  assert.equal(run('sum([1.5, 2])'), 3.5);
  assert.equal(run('toJSON({b: 1, a: [true, nil]})'), '{\n  "a": [\n    true,\n    null\n  ],\n  "b": 1\n}');
  assert.deepEqual(run('fromJSON("{\\"a\\": 1}")'), { a: new Float64(1) });
  assert.deepEqual(run('split("a,b,c", ",", 2)'), ['a', 'b,c']);
  assert.equal(run('indexOf("héllo", "l")'), 3);
  assert.equal(run('bitshl(1, 62) > 0 and bitnot(0) == -1'), true);
  assert.equal(run('date("2023-08-14").Year()'), 2023);
  assert.equal(run('string(1.5) + string([1, 2])'), '1.5[1 2]');
  assert.equal(run('int("42") + int(3.9)'), 45);
  assert.equal(run('max([1, 5, 3]) + min(2, 1)'), 6);
  assert.equal(run('median([1, 2, 3, 4])'), 2.5);
  assert.deepEqual(run('uniq([1, 1.0, "1"])'), [1, '1']);
  assert.deepEqual(run('flatten([[1, [2]], 3])'), [1, 2, 3]);
});
