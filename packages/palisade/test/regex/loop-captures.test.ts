import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PatternHost } from '../../src/grok/index.ts';
import { LINEAR_ENGINE_MIN_LENGTH, Re2Matcher } from '../../src/regex/index.ts';

const groups = (pattern: string, text: string): (string | undefined)[] | null => {
  const m = new Re2Matcher(pattern).exec(text);
  return m === null ? null : [...m];
};

describe('RE2 captures inside repeated groups', () => {
  it('keeps the last iteration in which a capture participated', () => {
    assert.deepEqual(groups('(?:(a)|b)*', 'ab'), ['ab', 'a']);
    assert.deepEqual(groups('(?:(a)|(b))+c', 'abbc'), ['abbc', 'a', 'b']);
    assert.deepEqual(groups('(?:(a)|b){2,3}', 'abb'), ['abb', 'a']);
    assert.deepEqual(groups('z(?:(a)|b)*?c', 'zabc'), ['zabc', 'a']);
  });

  it('handles nested loops and loops after other text', () => {
    assert.deepEqual(groups('(?:x(?:(a)|b)*y)*', 'xabyxbby'), ['xabyxbby', 'a']);
    assert.deepEqual(groups('[0-9]+ (q)?(?:(a)|b)* (?:(c)|d)*$', '12 ab cd'), [
      '12 ab cd',
      undefined,
      'a',
      'c',
    ]);
    assert.deepEqual(groups('(k)?(?:-(?:(a)|b))*', 'k-a-b'), ['k-a-b', 'k', 'a']);
  });

  it('keeps the ECMAScript values when the match needed a non-preferred iteration', () => {
    assert.deepEqual(groups('(?:a|(ab))*c', 'abc'), ['abc', 'ab']);
  });

  it('only instruments patterns whose wanted captures can be skipped by an iteration', () => {
    assert.equal(new Re2Matcher('(?:(a)|b)*').rescansLoops, true);
    assert.equal(new Re2Matcher('(?:(a)|b)*', { groups: [] }).rescansLoops, false);
    assert.equal(new Re2Matcher('(?:(a)b)*').rescansLoops, false);
    assert.equal(new Re2Matcher('((a)|b)?').rescansLoops, false);
  });

  it('works on long lines (linear-time engine)', () => {
    const dashes = '-'.repeat(LINEAR_ENGINE_MIN_LENGTH);
    assert.deepEqual(groups('((k=([0-9]+)|.*?), )*x', `k=1, ${dashes}, x`)?.slice(2), [dashes, '1']);
  });

  it('grok: the amavis key/value loop keeps a field seen in an earlier iteration', () => {
    const host = PatternHost.withBase();
    host.define('Q', 'quarantine: %{NOTSPACE:q}');
    host.define('KV', '((size: %{INT:size}|%{Q}|%{DATA}), )*');
    const pattern = host.compile('%{KV}%{POSINT:ms} ms');
    const line = 'size: 12, quarantine: v/abc, Hits: -, 4 ms';
    assert.deepEqual({ ...pattern.match(line) }, { size: '12', q: 'v/abc', ms: '4' });
    // RegExp-level callers (the parser runs pattern.regexp.exec) see the same values.
    const m = pattern.regexp.exec(line);
    assert.ok(m !== null);
    assert.equal(m[pattern.groupIndices[pattern.semantics.indexOf('q')]!], 'v/abc');
    assert.equal(pattern.regexp.test('no match here'), false);
  });
});
