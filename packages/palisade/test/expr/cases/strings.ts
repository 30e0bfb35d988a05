import type { CaseGroup } from './types.ts';

/**
 * Strings are Go strings: `len`, indexes and slices count UTF-8 bytes (spec hub-compat §4.3
 * "slicing", "len"), indexing yields a byte (a number), and `+` concatenates.
 */
export const strings: CaseGroup = {
  topic: 'strings & bytes',
  cases: [
    { expr: 'len("hello")', expect: 5, expectType: 'int' },
    { name: 'len counts UTF-8 bytes', expr: 'len("héllo")', expect: 6 },
    { expr: 'len("日本語")', expect: 9 },
    { name: 'len of an emoji is 4 bytes', expr: 'len("😀")', expect: 4 },
    { expr: 'len("")', expect: 0 },
    { expr: 'len(evt.Parsed.utf)', expect: 6 },
    { name: 'slice at byte offsets', expr: '"héllo"[0:3]', expect: 'hé' },
    { name: 'slice after a 2-byte rune', expr: '"héllo"[3:]', expect: 'llo' },
    { expr: '"日本語"[3:6]', expect: '本' },
    { expr: '"日本語"[6:]', expect: '語' },
    { expr: 'evt.Parsed.utf[1:3]', expect: 'é' },
    { expr: '"hello"[1:3]', expect: 'el' },
    { expr: '"hello"[:2]', expect: 'he' },
    { expr: '"hello"[2:]', expect: 'llo' },
    { expr: '"hello"[-3:]', expect: 'llo' },
    { expr: '"hello"[:-1]', expect: 'hell' },
    { expr: '"hello"[:]', expect: 'hello' },
    { name: 'slice bounds are clamped (no error)', expr: '"hello"[2:100]', expect: 'llo' },
    { name: 'slice with from > to is empty', expr: '"hello"[4:2]', expect: '' },
    { expr: '"hello"[-100:2]', expect: 'he' },
    { name: 'indexing a string yields a byte value', expr: '"abc"[0] == 97', expect: true },
    { expr: '"abc"[-1] == 99', expect: true },
    { name: 'indexing a non-ASCII string yields its first UTF-8 byte', expr: '"é"[0] == 195', expect: true },
    { expr: 's[1:4]', expect: 'ell' },
    { expr: 'len(s[1:])', expect: 4 },
    { expr: 'evt.Parsed.request[0:4]', expect: '/wp-' },
    { expr: 'evt.Meta.source_ip[-2:]', expect: '10' },
    { expr: '"a" + "é" + "b"', expect: 'aéb' },
    { expr: 'len("a" + "é")', expect: 3 },
    { expr: 'empty + s', expect: 'hello' },
    { expr: '"hello" contains "ell"', expect: true },
    {
      expr: '"hello" contains ""',
      name: 'empty needle is always contained (Go strings.Contains)',
      expect: true,
    },
    { expr: '"hello" contains "L"', expect: false },
    { expr: '"hello" startsWith "he"', expect: true },
    { expr: '"hello" startsWith "lo"', expect: false },
    { expr: '"hello" endsWith "lo"', expect: true },
    { expr: '"hello" endsWith "he"', expect: false },
    { expr: '"héllo" startsWith "hé"', expect: true },
    { expr: 's contains "ll" && s startsWith "h" && s endsWith "o"', expect: true },
  ],
};
