import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  anyType,
  arrayOf,
  boolType,
  compile,
  type ExprFunction,
  funcOf,
  mapOf,
  stringType,
  structOf,
  timeType,
} from '../../src/expr/index.ts';

const lineType = structOf('Line', { Raw: stringType, Labels: mapOf(stringType), Time: timeType });
const eventType = structOf(
  'types.Event',
  {
    Meta: mapOf(stringType),
    Parsed: mapOf(stringType),
    Unmarshaled: mapOf(anyType),
    Line: lineType,
    Time: timeType,
  },
  { GetMeta: funcOf([stringType], stringType), SetMeta: funcOf([stringType, stringType], boolType) },
);
const env = { evt: eventType, queue: structOf('Queue', { Queue: arrayOf(eventType) }) };
const functions: ExprFunction[] = [
  { name: 'Upper', types: [funcOf([stringType], stringType)], fn: (s: string) => s.toUpperCase() },
  { name: 'File', types: [funcOf([stringType], arrayOf(stringType))], fn: () => [] },
];

/** Asserts the full rendered load-time error, caret line included (expr-lang TestCheck_error style). */
const cases: [string, string][] = [
  ['evt.Nope', 'type types.Event has no field Nope (1:5)\n | evt.Nope\n | ....^'],
  ['evt.Line.Nope == ""', 'type Line has no field Nope (1:10)\n | evt.Line.Nope == ""\n | .........^'],
  ['evt.GetNope()', 'type types.Event has no method GetNope (1:5)\n | evt.GetNope()\n | ....^'],
  ['foo == 1', 'unknown name foo (1:1)\n | foo == 1\n | ^'],
  ['Lower("x")', 'unknown name Lower (1:1)\n | Lower("x")\n | ^'],
  [
    'evt.Meta.x == 1',
    'invalid operation: == (mismatched types string and int) (1:12)\n | evt.Meta.x == 1\n | ...........^',
  ],
  [
    'evt.Meta.x + 1',
    'invalid operation: + (mismatched types string and int) (1:12)\n | evt.Meta.x + 1\n | ...........^',
  ],
  ['not evt.Meta.x', 'invalid operation: not (mismatched type string) (1:1)\n | not evt.Meta.x\n | ^'],
  [
    'evt.Meta.x and true',
    'invalid operation: and (mismatched types string and bool) (1:12)\n | evt.Meta.x and true\n | ...........^',
  ],
  ['Upper(1)', 'cannot use int as argument (type string) to call Upper  (1:7)\n | Upper(1)\n | ......^'],
  ['Upper()', 'not enough arguments to call Upper (1:1)\n | Upper()\n | ^'],
  ['Upper("a", "b")', 'too many arguments to call Upper (1:1)\n | Upper("a", "b")\n | ^'],
  [
    'evt.GetMeta(1)',
    'cannot use int as argument (type string) to call GetMeta  (1:13)\n | evt.GetMeta(1)\n | ............^',
  ],
  ['len(1)', 'invalid argument for len (type int) (1:5)\n | len(1)\n | ....^'],
  [
    'all(queue.Queue, #.Meta.x)',
    'predicate should return boolean (got string) (1:18)\n | all(queue.Queue, #.Meta.x)\n | .................^',
  ],
  [
    'evt.Meta.x ? 1 : 2',
    'non-bool expression (type string) used as condition (1:10)\n | evt.Meta.x ? 1 : 2\n | .........^',
  ],
  ['1 % 1.5', 'invalid operation: % (mismatched types int and float64) (1:3)\n | 1 % 1.5\n | ..^'],
];

for (const [source, message] of cases) {
  test(`load error: ${source}`, () => {
    assert.throws(() => compile(source, { env, functions }), { name: 'ExprError', message });
  });
}

test('an invalid constant regex is a load error located at the pattern', () => {
  assert.throws(
    () => compile('evt.Meta.x matches "(a"', { env }),
    (e: Error & { line: number; column: number }) => e.line === 1 && e.column === 20 && /\(a/.test(e.message),
  );
});

test('expect: a known non-bool result is rejected; any is accepted', () => {
  assert.throws(() => compile('evt.Meta.x', { env, expect: boolType }), {
    message: 'expected bool, but got string',
  });
  assert.equal(compile('evt.Unmarshaled.x', { env, expect: boolType }).type.kind, 'any');
});

test('the Hub idioms compile', () => {
  for (const source of [
    "evt.Meta.log_type in ['http_access-log', 'http_error-log'] && any(File('x.txt'), { evt.Meta.x contains #})",
    "evt.Parsed.program == 'sshd' and not (evt.Meta.user startsWith 'a')",
    "{Jan:'01',Feb:'02'}[evt.Parsed.m]",
    "evt.Unmarshaled.a?.b ?? 'x'",
    "count(queue.Queue, #.Meta.x in ['a','b']) > 3",
    "evt.Time.Weekday().String() in ['Saturday','Sunday']",
    "len(evt.Parsed.x) > 10 ? 'a' : 'b'",
    'all(queue.Queue, #.GetMeta("x") == "y") && evt.Line.Time.Hour() > 3',
    'evt.Meta.http_status in [401, "401"] and evt.Unmarshaled.x == 1',
    'evt.Line.Time.Sub(evt.Time) > duration("1m")',
    'evt.Unmarshaled.a.b.c matches "^x" || evt.Parsed.x matches Upper("y")',
    'let parts = map(queue.Queue, .Meta.x); len(parts) > 0 && parts[-1] == "a"',
    'if evt.Meta.a == "" { "none" } else { evt.Meta.a }',
    '"source_ip" in evt.Meta && "Meta" in evt && nil == evt.Unmarshaled.z',
  ]) {
    assert.doesNotThrow(() => compile(source, { env, functions }), source);
  }
});
