import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PatternHost } from '../../src/grok/index.ts';
import { translateRe2 } from '../../src/regex/index.ts';
import { parseRe2 } from '../../src/regex/parser.ts';
import { StartFinder } from '../../src/regex/start-finder.ts';

/** Deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function check(pattern: string, texts: Iterable<string>): void {
  const finder = StartFinder.build(parseRe2(pattern).root);
  assert.ok(finder !== null, pattern);
  const regexp = new RegExp(translateRe2(pattern).source);
  for (const text of texts) {
    const m = regexp.exec(text);
    assert.equal(
      finder.leftmostStart(text),
      m === null ? -1 : m.index,
      `${pattern} on ${JSON.stringify(text)}`,
    );
  }
}

function randomTexts(alphabet: string, count: number, seed: number): string[] {
  const next = random(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = Math.floor(next() * 24);
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
    out.push(text);
  }
  return out;
}

describe('StartFinder (DFA bound on where a match starts)', () => {
  it('finds the leftmost start like the regexp, or -1', () => {
    const alphabet = 'ab1.- :\n_';
    const patterns = [
      'a+b',
      '\\ba\\w*',
      '\\Ba.',
      '^a|b$',
      '(?m)^a.*$',
      '(?m:b$)',
      'a{2,3}(?:\\.b)*',
      '[0-9]?a?b{0,2}\\.',
      '(?:a|b)*1',
      '(a*)*b',
      '\\s:\\S+',
      '(?i)AB',
      '.{3}\\b',
      '',
    ];
    for (const [i, pattern] of patterns.entries()) check(pattern, randomTexts(alphabet, 400, i + 1));
  });

  it('matches grok patterns built on IPORHOST, HOSTNAME and DATA', () => {
    const host = PatternHost.withBase();
    const texts = [
      ...randomTexts('a1.:-[] f"', 300, 99),
      '1.2.3.4 - - [x]',
      'fe80::1%eth0 - bob',
      'host-a.example.org - x',
      `${'a.'.repeat(300)}-`,
    ];
    for (const grok of ['%{IPORHOST:h} - %{DATA:u}', '\\[%{DATA:d}\\] "%{NOTSPACE:r}"', '%{IP:ip}']) {
      check(host.compile(grok).expanded, texts);
    }
  });

  it('gives a safe lower bound for astral code points', () => {
    const finder = StartFinder.build(parseRe2('x[\\x{1F600}-\\x{1F64F}]y').root)!;
    assert.equal(finder.leftmostStart('ab x\u{1F600}y'), 3);
    assert.equal(finder.leftmostStart('ab xzy'), -1);
  });
});
