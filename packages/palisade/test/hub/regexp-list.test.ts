import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { leadingWord, RegexpList } from '../../src/hub/regexp-list.ts';
import { compileRe2 } from '../../src/regex/index.ts';

function listOf(patterns: string[]): RegexpList {
  return new RegexpList(patterns, patterns.map(compileRe2));
}

function naive(patterns: string[], s: string): boolean {
  return patterns.some((p) => compileRe2(p).test(s));
}

describe('RegexpList', () => {
  it('indexes only patterns whose first word must be a whole word of the string', () => {
    assert.equal(leadingWord('\\bcurl\\b'), 'curl');
    assert.equal(leadingWord('\\bBlack\\ Hole\\b'), 'Black');
    assert.equal(leadingWord('\\bECCP/1.0\\b'), 'ECCP');
    assert.equal(leadingWord('\\bcheck1.exe\\b'), undefined); // `.` may match a word character
    assert.equal(leadingWord('\\bfoo-?bar'), undefined); // optional separator
    assert.equal(leadingWord('\\bfoo'), undefined); // may be the start of a longer word
    assert.equal(leadingWord('\\bfoo\\b|bar'), undefined);
    assert.equal(leadingWord('\\bfoo+\\b'), undefined);
    assert.equal(leadingWord('(?i)\\bfoo\\b'), undefined);
    assert.equal(leadingWord('\\bfoo\\d'), undefined);
  });

  it('answers like trying every pattern', () => {
    const patterns = [
      '\\bcurl\\b',
      '\\bBlack\\ Hole\\b',
      '\\bGo!Zilla\\b',
      '\\bcheck1.exe\\b',
      '(?i)nikto',
      'sqlmap/[0-9]',
      '\\bfoo',
      '^Mozilla/4\\.0$',
    ];
    const list = listOf(patterns);
    const inputs = [
      'curl/7.1',
      'xcurl/7.1',
      'curly',
      'a curl',
      'Black Hole',
      'BlackHole',
      'Black  Hole',
      'Go!Zilla 3',
      'Go!Zillas',
      'check1.exe',
      'check1xexe',
      'NIKTO',
      'sqlmap/1',
      'sqlmap/x',
      'food',
      'afood',
      'Mozilla/4.0',
      'Mozilla/4.01',
      'é curl',
      'écurl',
      '',
    ];
    for (const s of inputs) assert.equal(list.test(s), naive(patterns, s), s);
  });

  it('answers like trying every pattern on the hub bad user agents file', () => {
    const file = '/work/shared/crowdsec-hub/data/bad_user_agents.regex.txt';
    let text: string;
    try {
      text = readFileSync(join(file), 'utf8');
    } catch {
      return; // the hub is not available here
    }
    const patterns = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const list = listOf(patterns);
    const words = patterns.map((p) => p.replace(/\\b/g, '').replace(/\\/g, ''));
    const inputs = [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
      ...words.slice(0, 200).map((w) => `Mozilla/5.0 (${w})`),
      ...words.slice(0, 200).map((w) => `x${w}y`),
      ...words.slice(200, 400).map((w) => `${w}/1.0`),
      ...words.slice(400).map((w) => `${w.toLowerCase()} ${w.slice(1)}`),
    ];
    let matched = 0;
    for (const s of inputs) {
      const want = naive(patterns, s);
      if (want) matched++;
      assert.equal(list.test(s), want, s);
    }
    assert.ok(matched > 100);
  });
});
