import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  acceptedByLinearEngine,
  compileRe2,
  RegexTranslationError,
  translateRe2,
} from '../../src/regex/index.ts';

/** [RE2 input, expected ECMAScript source, strings it must match, strings it must not match]. */
const TABLE: [string, string, string[], string[]][] = [
  ['(?P<name>a+)b', '(?<name>a+)b', ['aab'], ['b']],
  ['(?<name>a)', '(?<name>a)', ['a'], ['b']],
  ['((?i)LOGIN|PLAIN)x', '([Ll][Oo][Gg][Ii][Nn]|[Pp][Ll][Aa][Ii][Nn])x', ['loginx', 'PlAiNx'], ['LOGINX']],
  ['a(?i:b)c', 'a(?:[Bb])c', ['aBc'], ['ABc', 'aBC']],
  ['(?i)k', '[Kk\\u212A]', ['k', 'K', '\u212a'], ['x']],
  ['(?i)a(?-i)b', '[Aa]b', ['Ab'], ['AB']],
  ['(?s)a.b', 'a(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^])b', ['a\nb'], []],
  ['a.b', 'a(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^\\n])b', ['a\rb', 'a😀b'], ['a\nb']],
  ['a.*', 'a[^\\n]*', ['a\r\u2028x'], []],
  ['(?U)a+b*?', 'a+?b*', ['ab'], []],
  ['(?m)^a$', '(?:^|(?<=\\n))a(?:$|(?=\\n))', ['x\na\ny'], ['x\ra\ry']],
  ['\\Aab\\z', '^ab$', ['ab'], ['xab', 'ab\n']],
  ['ab$', 'ab$', ['ab'], ['ab\n']],
  ['\\s+', '[\\t\\n\\f\\r ]+', ['\t \r'], ['\v', '\u00a0']],
  ['\\S', '(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^\\t\\n\\f\\r ])', ['\v', '\u00a0'], [' ']],
  ['[[:alpha:]]+', '[A-Za-z]+', ['abc'], ['123']],
  ['[[:^digit:]x]', '(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^0-9])', ['a'], ['5']],
  ['\\Qa.b\\E+', 'a\\.b+', ['a.bbb'], ['axb']],
  ['\\x{1F600}', '\\uD83D\\uDE00', ['😀'], ['\uD83D']],
  ['\\x41\\101', 'AA', ['AA'], []],
  ['x{,3}', 'x\\{,3\\}', ['x{,3}'], ['xxx']],
  ['a{', 'a\\{', ['a{'], []],
  ['}', '\\}', ['}'], []],
  ['a{2}', 'a{2}', ['aa'], ['a']],
  ['\\-\\"\\:\\/\\@', '-":\\/@', ['-":/@'], []],
  ['[]a]', '[\\]a]', [']', 'a'], ['b']],
  ['[^]a]', '(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^\\]a])', ['b'], [']', 'a']],
  ['[a-]', '[\\-a]', ['-'], ['b']],
  ['\\pN', '', ['5', '\u0663'], ['a']],
  ['\\p{Greek}', '', ['λ'], ['a']],
  ['\\PL', '', ['1'], ['a']],
  ['[\\d\\-.]+', '[\\-.0-9]+', ['1-2.3'], ['a']],
];

describe('translateRe2: construct table', () => {
  for (const [input, expected, matches, rejects] of TABLE) {
    it(`${input}`, () => {
      const { source, flags } = translateRe2(input);
      assert.equal(flags, '');
      if (expected !== '') assert.equal(source, expected);
      const re = compileRe2(input);
      for (const s of matches) assert.ok(re.test(s), `${input} should match ${JSON.stringify(s)}`);
      for (const s of rejects) assert.ok(!re.test(s), `${input} should not match ${JSON.stringify(s)}`);
      assert.ok(
        acceptedByLinearEngine(source, flags) || /\(\?m\)/.test(input),
        `linear engine rejects ${source}`,
      );
    });
  }
});

describe('translateRe2: semantics', () => {
  it('prefers whole code points for a single `.` (RE2 works on runes)', () => {
    assert.deepEqual(compileRe2('^(.)(.)$').exec('😀b')?.slice(1), ['😀', 'b']);
  });

  it('unrolls counted repetitions beyond the linear engine limit without changing the language', () => {
    const { source } = translateRe2('^[a-z]{2,20}$');
    assert.ok(!source.includes('{2,20}'));
    const re = compileRe2('^[a-z]{2,20}$');
    assert.ok(re.test('ab') && re.test('a'.repeat(20)));
    assert.ok(!re.test('a') && !re.test('a'.repeat(21)));
    assert.equal(compileRe2('^a{3,}$').test('aaa'), true);
    assert.equal(compileRe2('^a{3,}$').test('aa'), false);
    assert.equal(compileRe2('a{2,20}?').exec('aaaa')?.[0], 'aa');
  });

  it('keeps group numbering and names', () => {
    const t = translateRe2('(a)(?:b)(?P<x>c)(?i)(d)');
    assert.equal(t.groupCount, 3);
    assert.deepEqual(t.groupNames, [undefined, undefined, 'x', undefined]);
    assert.deepEqual(compileRe2('(a)(?:b)(?P<x>c)(?i)(d)').exec('abcD')?.slice(1), ['a', 'c', 'D']);
  });

  it('emits duplicate or non-identifier names as plain groups', () => {
    assert.equal(translateRe2('(?P<a>x)(?P<a>y)').source, '(?<a>x)(y)');
    assert.equal(translateRe2('(?P<1a>x)').source, '(x)');
  });

  it('is leftmost-first for alternation, like RE2', () => {
    assert.equal(compileRe2('a|ab').exec('ab')?.[0], 'a');
  });

  it('folds case inside classes and negated classes', () => {
    assert.ok(compileRe2('(?i)[a-c]').test('B'));
    assert.ok(!compileRe2('(?i)[^a-c]').test('B'));
    assert.ok(compileRe2('(?i)ß').test('ẞ'));
  });
});

describe('translateRe2: errors', () => {
  const cases: [string, string, number][] = [
    ['(a)\\1', '\\1', 3],
    ['x(?=y)', '(?=y', 1],
    ['x(?<!y)', '(?<!', 1],
    ['a**', '**', 1],
    ['a{1001}', 'a{1001}', 1],
    ['*a', '*', 0],
    ['\\8', '\\8', 0],
    ['\\q', '\\q', 0],
    ['[z-a]', 'z-a', 1],
    ['(ab', '(ab', 0],
    ['ab)', ')', 2],
    ['[ab', '[ab', 0],
    ['\\p{Klingon}', '\\p{Klingon}', 0],
    ['[[:foo:]]', '[:foo:]', 1],
    ['(?P=n)', '(?P=', 0],
    ['(?i-)', '(?i-)', 0],
    ['a\\', '\\', 1],
  ];
  for (const [input, construct, offset] of cases) {
    it(`rejects ${input}`, () => {
      assert.throws(
        () => translateRe2(input),
        (error: unknown) =>
          error instanceof RegexTranslationError &&
          error.construct === construct &&
          error.offset === offset &&
          error.message.includes(`offset ${offset}`),
      );
    });
  }
});
