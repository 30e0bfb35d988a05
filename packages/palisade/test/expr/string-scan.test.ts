import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExprFunction } from '../../src/expr/functions.ts';
import { compile } from '../../src/expr/index.ts';
import { anyType, arrayOf, funcOf, mapOf, stringType } from '../../src/expr/types.ts';

/**
 * The data-file fast path of `any`/`all`/`none`/`one` (builtins/string-scan.ts) must give exactly
 * what the ordinary loop gives. The ordinary loop is forced by a predicate the fast path does not
 * take (`#index >= 0 && …`), and both are compared over generated inputs.
 */

const S = stringType;
const FILES: Record<string, string[]> = {
  'payloads.txt': ['${jndi:', '<script', '../', '%2e%2e', 'a', 'select', "'", '${${', 'é€', ''],
  'names.txt': ['wp-login.php', 'xmlrpc.php', 'shell.php', 'admin'],
  'suffixes.txt': ['.env', '.git/config', 'php', 'x'],
};
const noEmpty = (name: string) => (FILES[name] as string[]).filter((s) => s !== '');

let fileCalls = 0;
const functions: ExprFunction[] = [
  {
    name: 'File',
    types: [funcOf([S], arrayOf(S))],
    fn: (n: string) => {
      fileCalls++;
      return FILES[n] ?? [];
    },
  },
  { name: 'Upper', types: [funcOf([S], S)], pure: true, fn: (s: string) => s.toUpperCase() },
  { name: 'Lower', types: [funcOf([S], S)], pure: true, fn: (s: string) => s.toLowerCase() },
];
const env = { evt: mapOf(S), dyn: anyType };

const QUANTIFIERS = ['any', 'all', 'none', 'one'];
const BODIES = [
  'evt.v contains #',
  '# contains evt.v',
  'Upper(evt.v) contains Upper(#)',
  'Lower(evt.v) startsWith #',
  '# startsWith evt.v',
  'evt.v endsWith #',
  '# endsWith Lower(evt.v)',
  'evt.v == #',
  '# == evt.v',
  'Upper(#) == Upper(evt.v)',
];

function sample(seed: number): string {
  const parts = [
    '',
    'x',
    '${jndi:ldap',
    '<SCRIPT>',
    '../../etc',
    'admin',
    'php',
    'wp-login.php',
    'é€',
    "'",
    'a',
  ];
  let s = '';
  let r = seed;
  for (let i = 0; i < 3; i++) {
    r = (r * 1103515245 + 12345) % 2147483648;
    s += parts[r % parts.length];
  }
  return s;
}

describe('string scans over data files', () => {
  for (const file of Object.keys(FILES)) {
    for (const q of QUANTIFIERS) {
      for (const body of BODIES) {
        test(`${q}(File("${file}"), {${body}}) equals the ordinary loop`, () => {
          const fast = compile(`${q}(File("${file}"), { ${body} })`, { env, functions });
          const slow = compile(`${q}(File("${file}"), { #index >= 0 && ${body} })`, { env, functions });
          for (let seed = 0; seed < 200; seed++) {
            const v = sample(seed);
            assert.equal(fast.run({ evt: { v } }), slow.run({ evt: { v } }), `v=${JSON.stringify(v)}`);
          }
        });
      }
    }
  }

  test('a constant array is scanned like a data file', () => {
    const p = compile('any(["a", "b"], { evt.v endsWith # })', { env, functions });
    assert.equal(p.run({ evt: { v: 'xxb' } }), true);
    assert.equal(p.run({ evt: { v: 'xxc' } }), false);
  });

  test('a non-string probe falls back to the ordinary loop and its error', () => {
    const fast = compile('any(File("names.txt"), { dyn contains # })', { env, functions });
    const slow = compile('any(File("names.txt"), { #index >= 0 && dyn contains # })', { env, functions });
    assert.throws(() => fast.run({ dyn: 42 }), /mismatched types int and string/);
    assert.throws(() => slow.run({ dyn: 42 }), /mismatched types int and string/);
    assert.equal(fast.run({ dyn: 'admin panel' }), true);
  });

  test('an empty list gives the quantifier of nothing without evaluating the probe', () => {
    const calls = fileCalls;
    const p = compile('all(File("missing.txt"), { dyn contains # })', { env, functions });
    assert.equal(p.run({ dyn: 42 }), true);
    assert.equal(fileCalls, calls + 1);
  });

  test('the list is read once per evaluation', () => {
    const p = compile('any(File("payloads.txt"), { evt.v contains # })', { env, functions });
    const before = fileCalls;
    p.run({ evt: { v: 'nothing here' } });
    assert.equal(fileCalls, before + 1);
  });

  test('the pattern groups are exact for patterns without a rare character', () => {
    const p = compile('one(File("suffixes.txt"), { evt.v contains # })', { env, functions });
    assert.equal(p.run({ evt: { v: 'x' } }), true);
    assert.equal(p.run({ evt: { v: 'php x' } }), false);
    assert.equal(noEmpty('suffixes.txt').length, 4);
  });
});
