import type { CaseGroup } from './types.ts';

/**
 * Boolean operators and operator precedence (spec hub-compat §4.2): `and`/`&&` and `or`/`||`
 * short-circuit, `and` binds tighter than `or`, unary `not`/`!` binds tighter than comparisons,
 * the ternary is lowest.
 */
export const logical: CaseGroup = {
  topic: 'logical & precedence',
  cases: [
    { expr: 'true and true', expect: true },
    { expr: 'true and false', expect: false },
    { expr: 'true && true', expect: true },
    { expr: 'false or true', expect: true },
    { expr: 'false || false', expect: false },
    { expr: 'not true', expect: false },
    { expr: '!false', expect: true },
    { expr: 'not not true', expect: true },
    { name: '!! is two operators (the lexer pairs ! only with =)', expr: '!!false', expect: false },
    { name: 'and binds tighter than or', expr: 'true or false and false', expect: true },
    { name: '&& binds tighter than ||', expr: 'false && true || true', expect: true },
    { expr: '(true or false) and false', expect: false },
    { name: '! applies to its operand only', expr: '!true || true', expect: true },
    { name: 'not applies to its operand only', expr: 'not false and false', expect: false },
    { expr: 'not (true and false)', expect: true },
    { name: 'and short-circuits: right side not evaluated', expr: 'false and nilv.x == 1', expect: false },
    { name: '&& short-circuits', expr: 'false && Fail()', expect: false },
    { name: 'or short-circuits: right side not evaluated', expr: 'true or nilv.x == 1', expect: true },
    { name: '|| short-circuits', expr: 'true || Fail()', expect: true },
    { name: 'right side evaluated when needed', expr: 'true and nilv.x == 1', runtimeError: /nil|fetch/i },
    { expr: '1 < 2 and 2 < 3', expect: true },
    { expr: '1 + 1 == 2 and "a" + "b" == "ab"', expect: true },
    { name: 'comparison binds tighter than and/or', expr: '1 == 2 or 3 == 3', expect: true },
    { name: '+ binds tighter than in', expr: '1 + 1 in [2]', expect: true },
    { name: '.. binds looser than +', expr: '1..1 + 2', expect: [1, 2, 3] },
    { name: '* binds tighter than ..', expr: 'len(0..2 * 2)', expect: 5 },
    { name: 'ternary is lowest: else branch takes the whole sum', expr: 'false ? 1 : 2 + 10', expect: 12 },
    { expr: 'true ? 1 : 2 + 10', expect: 1 },
    { name: 'ternary condition takes the whole or', expr: 'false or true ? "y" : "n"', expect: 'y' },
    { name: 'not with a parenthesised in', expr: 'not ("a" in ["a"])', expect: false },
    { name: 'not in is one operator', expr: '"a" not in ["a"]', expect: false },
    { expr: '"z" not in ["a"] and true', expect: true },
    { expr: 'evt.Meta.service == "ssh" && evt.Meta.http_status == "401"', expect: true },
    { expr: 'evt.Meta.service == "ssh" && evt.Meta.http_status == "200"', expect: false },
    { expr: 't and one == 1', expect: true },
    { expr: '!t', expect: false },
    {
      name: 'unary not binds tighter than in: (not "a") is a type error',
      expr: 'not "a" in ["a"]',
      error: /not|bool|mismatch|invalid/i,
    },
  ],
};
