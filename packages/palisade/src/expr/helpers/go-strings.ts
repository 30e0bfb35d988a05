/**
 * Go `strings` package semantics on JavaScript strings. Go strings are UTF-8 bytes and iterate by
 * rune; here iteration is by code point and byte offsets are computed where Go returns them.
 */
import { utf8Offset } from './util.ts';

/** Go `unicode.IsSpace`: ASCII \t \n \v \f \r space, U+0085, U+00A0 and the Z categories. */
export const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const SPACE_RUNS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Go `strings.TrimSpace`. */
export function trimSpace(s: string): string {
  // Two anchored passes: each is linear (no backtracking across the string).
  const start = s.replace(LEADING_SPACE, '');
  let end = start.length;
  while (end > 0 && GO_SPACE.test(start[end - 1])) end--;
  return start.slice(0, end);
}

/** Go `strings.Fields`: split around runs of Unicode white space; never empty fields. */
export function fields(s: string): string[] {
  return s.split(SPACE_RUNS).filter((f) => f !== '');
}

/** Per-code-point case mapping with Go's simple (1:1) mappings. */
function mapCase(s: string, upper: boolean): string {
  // Fast path: the full mapping has the same length, so no rune changed length.
  const full = upper ? s.toUpperCase() : s.toLowerCase();
  if (full.length === s.length && !s.includes('\u0130')) return full;
  let out = '';
  for (const ch of s) {
    if (!upper && ch === '\u0130') {
      out += 'i';
      continue;
    }
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    // A multi-rune result is a full (special-casing) mapping Go does not apply: keep the rune.
    out += [...m].length === 1 ? m : ch;
  }
  return out;
}

/** Go `strings.ToUpper` (unicode simple case mapping: `ß` stays `ß`). */
export function toUpper(s: string): string {
  return mapCase(s, true);
}

/** Go `strings.ToLower`. */
export function toLower(s: string): string {
  return mapCase(s, false);
}

function explode(s: string, n: number): string[] {
  const runes = [...s];
  if (n < 0 || n > runes.length) n = runes.length;
  const out = runes.slice(0, n - 1);
  out.push(runes.slice(n - 1).join(''));
  return n === 0 ? [] : out;
}

/** Go `strings.SplitN`/`SplitAfterN` core: `after` keeps the separator; n<0 ⇒ all; n==0 ⇒ []. */
export function genSplit(s: string, sep: string, after: boolean, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') return explode(s, n);
  if (n < 0) n = s.split(sep).length;
  const out: string[] = [];
  let i = 0;
  while (out.length < n - 1) {
    const m = s.indexOf(sep, i);
    if (m < 0) break;
    out.push(s.slice(i, after ? m + sep.length : m));
    i = m + sep.length;
  }
  out.push(s.slice(i));
  return out;
}

/** Go `strings.Index`: UTF-8 byte index of `sub` in `s`, or -1. */
export function indexBytes(s: string, sub: string): number {
  const i = s.indexOf(sub);
  return i < 0 ? -1 : utf8Offset(s, i);
}

/** Go `strings.IndexAny`: byte index of the first rune of `s` contained in `chars`, or -1. */
export function indexAny(s: string, chars: string): number {
  if (chars === '') return -1;
  const set = new Set(chars);
  let i = 0;
  for (const ch of s) {
    if (set.has(ch)) return utf8Offset(s, i);
    i += ch.length;
  }
  return -1;
}

/** Go `strings.Replace`: first `n` non-overlapping instances (n<0 ⇒ all); empty `old` inserts between runes. */
export function replace(s: string, old: string, repl: string, n: number): string {
  if (old === repl || n === 0) return s;
  if (old === '') {
    const runes = [...s];
    const limit = n < 0 ? runes.length + 1 : Math.min(n, runes.length + 1);
    let out = '';
    for (let k = 0; k < runes.length; k++) out += (k < limit ? repl : '') + runes[k];
    return runes.length < limit ? out + repl : out;
  }
  let out = '';
  let i = 0;
  let done = 0;
  while (n < 0 || done < n) {
    const m = s.indexOf(old, i);
    if (m < 0) break;
    out += s.slice(i, m) + repl;
    i = m + old.length;
    done++;
  }
  return out + s.slice(i);
}

/** Go `strings.Trim`/`TrimLeft`/`TrimRight` with a cutset of runes. */
export function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  if (s === '' || cutset === '') return s;
  const set = new Set(cutset);
  const runes = [...s];
  let a = 0;
  let b = runes.length;
  if (left) while (a < b && set.has(runes[a])) a++;
  if (right) while (b > a && set.has(runes[b - 1])) b--;
  return runes.slice(a, b).join('');
}
