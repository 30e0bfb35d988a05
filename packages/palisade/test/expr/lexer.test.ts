import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenize } from '../../src/expr/lexer/lexer.ts';
import { tokenText } from '../../src/expr/lexer/token.ts';

const texts = (source: string) => tokenize(source).map(tokenText);

test('operators, words and brackets', () => {
  assert.deepEqual(texts('a && !b || c ?? d'), [
    'Identifier("a")',
    'Operator("&&")',
    'Operator("!")',
    'Identifier("b")',
    'Operator("||")',
    'Identifier("c")',
    'Operator("??")',
    'Identifier("d")',
    'EOF',
  ]);
  assert.deepEqual(texts('x not in y'), [
    'Identifier("x")',
    'Operator("not")',
    'Operator("in")',
    'Identifier("y")',
    'EOF',
  ]);
  assert.deepEqual(texts('a?.b[0]'), [
    'Identifier("a")',
    'Operator("?.")',
    'Identifier("b")',
    'Bracket("[")',
    'Number("0")',
    'Bracket("]")',
    'EOF',
  ]);
});

test('`!!` lexes as two operators, as in expr-lang', () => {
  assert.deepEqual(texts('!!x'), ['Operator("!")', 'Operator("!")', 'Identifier("x")', 'EOF']);
});

test('numbers: ranges, floats, prefixes', () => {
  assert.deepEqual(texts('1..3'), ['Number("1")', 'Operator("..")', 'Number("3")', 'EOF']);
  assert.deepEqual(texts('.5 1e3 0x1F 1_000'), [
    'Number(".5")',
    'Number("1e3")',
    'Number("0x1F")',
    'Number("1_000")',
    'EOF',
  ]);
});

test('strings: Go escapes, raw strings, comments skipped', () => {
  const [s] = tokenize(String.raw`"a\tb\u00e9\x41\101\\"`);
  assert.equal(s!.value, 'a\tbéAA\\');
  assert.equal(tokenize('`a\\nb`')[0]!.value, 'a\\nb');
  assert.deepEqual(texts('1 /* c */ + // d\n 2'), ['Number("1")', 'Operator("+")', 'Number("2")', 'EOF']);
});

test('pointer tokens: # and #index', () => {
  assert.deepEqual(texts('#index + #'), [
    'Operator("#")',
    'Identifier("index")',
    'Operator("+")',
    'Operator("#")',
    'EOF',
  ]);
});

test('lexer errors are located', () => {
  assert.throws(() => tokenize('"abc'), { message: 'literal not terminated (1:1)\n | "abc\n | ^' });
  assert.throws(() => tokenize('1 @ 2'), {
    message: "unrecognized character: U+0040 '@' (1:3)\n | 1 @ 2\n | ..^",
  });
  assert.throws(() => tokenize('"\\q"'), /unable to unescape string/);
  assert.throws(() => tokenize('/* x'), /unclosed comment/);
});
