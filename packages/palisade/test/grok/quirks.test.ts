import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countCaptureGroups, PatternHost, splitReferences } from '../../src/grok/index.ts';

const host = PatternHost.withBase();
const match = (pattern: string, line: string): Record<string, string> | null => {
  const result = host.compile(pattern).match(line);
  return result === null ? null : { ...result };
};

describe('grok compilation quirks (spec §5.2)', () => {
  it('the last binding of a duplicate name wins, even when its group did not participate', () => {
    assert.deepEqual(match('%{INT:v}(?: %{WORD:v})?', '12'), { v: '' });
    assert.deepEqual(match('%{INT:v}(?: %{WORD:v})?', '12 ab'), { v: 'ab' });
    assert.deepEqual(match('(?:%{INT:v}|%{WORD:w}) %{WORD:v}', '5 x'), { v: 'x', w: '' });
  });

  it('keeps empty captures of non-participating groups', () => {
    assert.deepEqual(match('%{INT:a}(?:x%{WORD:b})?', 'n=7'), { a: '7', b: '' });
  });

  it('a pattern without any binding never succeeds, even when the regexp matches', () => {
    assert.equal(match('%{INT}', '12'), null);
    assert.equal(match('abc', 'abc'), null);
    assert.equal(match('(?P<raw>abc)', 'abc'), null);
  });

  it('typed and non-word semantics stay literal text', () => {
    assert.deepEqual(match('a%{INT:port:int} %{WORD:w}', 'a%{INT:port:int} zz'), { w: 'zz' });
    assert.equal(match('a%{INT:port:int} %{WORD:w}', 'a12 zz'), null);
    assert.deepEqual(match('%{DATA:a-b}%{WORD:w}', '%{DATA:a-b}yy'), { w: 'yy' });
    assert.deepEqual(splitReferences('%{A}x%{B:c}%{C:d:int}%{D:e-f}').refs, [
      { name: 'A', sem: undefined },
      { name: 'B', sem: 'c' },
    ]);
  });

  it('inherits names bound inside referenced patterns unless bound at this level', () => {
    const h = PatternHost.withBase();
    h.define('PAIR', '%{INT:x}-%{INT:y}');
    assert.deepEqual(
      { ...h.compile('%{PAIR:p} %{WORD:w}').match('1-2 z') },
      { p: '1-2', x: '1', y: '2', w: 'z' },
    );
    assert.deepEqual({ ...h.compile('%{PAIR} %{WORD:x}').match('1-2 z') }, { x: 'z', y: '2' });
  });

  it('counts literal capture groups between references to find each reference group', () => {
    assert.equal(countCaptureGroups('(a)(?:b)(?P<n>c)(?<m>d)(?i)(?=x)\\(e[(]\\Q(\\E'), 3);
    assert.deepEqual(match('(a|b)(?:c)([(])%{INT:n}', 'ac(5'), { n: '5' });
  });

  it('searches unanchored, leftmost-first, like FindStringSubmatch', () => {
    assert.deepEqual(match('%{INT:n}', 'abc 42 7'), { n: '42' });
    assert.deepEqual(match('%{WORD:w}|%{INT:n}', '!! 9x'), { w: '9x', n: '' });
  });

  it('matches RE2 semantics for `.` and `\\s` on CR and Unicode spaces', () => {
    assert.deepEqual(match('a%{GREEDYDATA:rest}', 'a\r\u2028b'), { rest: '\r\u2028b' });
    assert.deepEqual(match('x%{SPACE:s}y', 'x \u00a0y'), null);
  });

  it('ignores the required-literal prefilter when it is absent and uses it when present', () => {
    const p = host.compile('user %{WORD:u} failed');
    assert.equal(p.requiredText.length >= ' failed'.length, true);
    assert.equal(p.match('user bob succeeded'), null);
    assert.deepEqual({ ...p.match('user bob failed') }, { u: 'bob' });
  });

  it('gives the same captures on long lines (linear engine path)', () => {
    const p = host.compile('%{WORD:a} %{DATA:b} end');
    const line = `x ${'y'.repeat(5000)} end`;
    assert.deepEqual({ ...p.match(line) }, { a: 'x', b: 'y'.repeat(5000) });
  });
});
