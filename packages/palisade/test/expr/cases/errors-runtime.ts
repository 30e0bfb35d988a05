import type { CaseGroup } from './types.ts';

/**
 * Run-time errors (spec hub-compat §4.3 "errors"): the expression compiles (types are dynamic or
 * values unknown at load time) and evaluation fails; CrowdSec then treats the filter as false.
 * Constant operands are avoided where expr-lang would fold them at load time.
 */
export const errorsRuntime: CaseGroup = {
  topic: 'run-time errors',
  cases: [
    { name: 'fetch from nil', expr: 'nilv.foo.bar', runtimeError: /nil|fetch/i },
    { expr: 'evt.Unmarshaled.obj.zz.deep', runtimeError: /nil|fetch/i },
    { expr: 'evt.Unmarshaled.nul.x', runtimeError: /nil|fetch/i },
    { name: 'index out of range', expr: 'arr[i7]', runtimeError: /range|index/i },
    { expr: 'arr[neg * 6]', runtimeError: /range|index/i },
    { expr: 'users[4].Name', runtimeError: /range|index/i },
    { name: '% by zero', expr: 'i7 % zero', runtimeError: /zero|divide/i },
    { expr: 'arr[0] % (arr[0] - 1)', runtimeError: /zero|divide/i },
    { name: 'non-bool in and', expr: 'evt.Unmarshaled.s and true', runtimeError: /bool|mismatch|invalid/i },
    { name: 'non-bool in or', expr: 'evt.Unmarshaled.n or false', runtimeError: /bool|mismatch|invalid/i },
    { name: 'non-bool in not', expr: 'not evt.Unmarshaled.s', runtimeError: /bool|mismatch|invalid/i },
    {
      name: 'non-bool ternary condition',
      expr: 'evt.Unmarshaled.s ? 1 : 2',
      runtimeError: /bool|mismatch|invalid/i,
    },
    {
      name: 'non-bool predicate result',
      expr: 'filter([1], evt.Unmarshaled.s)',
      runtimeError: /bool|mismatch|invalid/i,
    },
    {
      name: 'string + int at run time',
      expr: 'evt.Unmarshaled.s + 1',
      runtimeError: /invalid|mismatch|\+|string/i,
    },
    {
      name: 'string < int at run time',
      expr: 'evt.Unmarshaled.s < 1',
      runtimeError: /invalid|mismatch|<|string/i,
    },
    {
      name: 'float % int at run time (JSON numbers are floats)',
      expr: 'evt.Unmarshaled.n % 2',
      runtimeError: /invalid|mismatch|%|float/i,
    },
    { expr: 'evt.Unmarshaled.n contains "5"', runtimeError: /invalid|mismatch|contains|string/i },
    { expr: 'len(evt.Unmarshaled.n)', runtimeError: /len|invalid/i },
    { expr: 'upper(evt.Unmarshaled.n)', runtimeError: /upper|string|invalid|argument/i },
    {
      name: 'int() of a non-number string',
      expr: 'int(evt.Parsed.verb)',
      runtimeError: /int|GET|invalid|syntax/i,
    },
    {
      name: 'int() of a float string (strconv.Atoi)',
      expr: 'int(string(f))',
      runtimeError: /int|invalid|syntax/i,
    },
    { expr: 'float(s)', runtimeError: /float|hello|invalid|syntax/i },
    { expr: 'fromJSON(s)', runtimeError: /json|invalid|character/i },
    { expr: 'fromBase64(s + "!")', runtimeError: /base64|illegal|invalid/i },
    { expr: 'duration(s)', runtimeError: /duration|invalid/i },
    { expr: 'date(s)', runtimeError: /date|invalid|parse/i },
    {
      name: 'invalid dynamic regex',
      expr: '"a" matches badre',
      runtimeError: /regex|regexp|pattern|missing|\[/i,
    },
    { expr: 'repeat("a", neg)', runtimeError: /repeat|negative|positive|invalid/i },
    { expr: 'bitshl(1, neg)', runtimeError: /shift|negative|invalid/i },
    { expr: 'sort(arr, s)', runtimeError: /order|asc|desc|invalid/i },
    { name: 'len of nil', expr: 'len(nilv)', runtimeError: /len|nil|invalid/i },
    { name: 'arithmetic on nil', expr: 'nilv + 1', runtimeError: /invalid|nil|mismatch|\+/i },
    { name: 'ordering nil', expr: 'nilv > 1', runtimeError: /invalid|nil|mismatch|>/i },
    {
      name: 'JSON with a trailing comma',
      expr: 'fromJSON(s[0:0] + `{"a": 1,}`)',
      runtimeError: /json|invalid|character/i,
    },
    { name: 'failing helper', expr: 'Fail()', runtimeError: /failed on purpose|Fail/ },
    {
      name: 'failing helper inside a predicate',
      expr: 'any(arr, Fail())',
      runtimeError: /failed on purpose|Fail/,
    },
    { name: 'method call on nil struct', expr: 'nilEvt.GetMeta("x")', runtimeError: /nil|fetch|GetMeta/i },
    { name: 'struct field of nil struct', expr: 'nilEvt.Meta.x', runtimeError: /nil|fetch|Meta/i },
    { name: 'error in a let value', expr: 'let x = nilv.a; 1', runtimeError: /nil|fetch/i },
    { name: 'error in a map literal value', expr: '{a: nilv.a}', runtimeError: /nil|fetch/i },
  ],
};
