import type { StdKind } from './time-layout-chunks.ts';

/**
 * The field readers of Go's time parser (`getnum`, `atoi`, `skip`, zone and fraction readers),
 * each a direct port of the Go helper of the same name; used by time-parse.ts.
 */

/** Go's errBad / errAtoi: the element did not match. */
export const BAD = 1;

/** Days before the start of each month in a non-leap year (index 12 = 365). */
export const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

export function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

export function isCommaOrPeriod(c: string | undefined): boolean {
  return c === '.' || c === ',';
}

/**
 * Go `skip`: matches layout literal text; a space matches a run of spaces (possibly none at the
 * end). Returns what is left of the value, also on failure (Go's error shows that remainder).
 */
export function skip(value: string, prefix: string): { ok: boolean; rest: string } {
  let v = 0;
  let p = 0;
  while (p < prefix.length) {
    if (prefix[p] === ' ') {
      if (v < value.length && value[v] !== ' ') return { ok: false, rest: value.slice(v) };
      while (p < prefix.length && prefix[p] === ' ') p++;
      while (v < value.length && value[v] === ' ') v++;
      continue;
    }
    if (v >= value.length || value[v] !== prefix[p]) return { ok: false, rest: value.slice(v) };
    p++;
    v++;
  }
  return { ok: true, rest: value.slice(v) };
}

/** Go `getnum`: one or two digits (exactly two when `fixed`): [value, length]. */
export function getnum(s: string, fixed: boolean): [number, number] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [s.charCodeAt(0) - 48, 1];
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), 2];
}

/** Go `getnum3`: one to three digits (exactly three when `fixed`). */
export function getnum3(s: string, fixed: boolean): [number, number] | undefined {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigit(s, i); i++) n = n * 10 + (s.charCodeAt(i) - 48);
  if (i === 0 || (fixed && i !== 3)) return undefined;
  return [n, i];
}

/** Go `atoi`: optional sign then only digits; an empty digit string is 0 (short inputs only). */
export function atoi(s: string): number | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    i = 1;
  }
  let x = 0;
  for (; i < s.length; i++) {
    if (!isDigit(s, i)) return undefined;
    x = x * 10 + (s.charCodeAt(i) - 48);
  }
  return neg ? -x : x;
}

/** Go `lookup`: index of the first table entry that prefixes `val`, ASCII case-insensitively. */
export function lookupName(table: readonly string[], val: string): number {
  for (let i = 0; i < table.length; i++) {
    const v = table[i] as string;
    if (val.length >= v.length && asciiFoldEqual(val, v)) return i;
  }
  return -1;
}

/** Go `match`: the first `v.length` units of `s` equal `v` up to ASCII letter case. */
export function asciiFoldEqual(s: string, v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    let a = s.charCodeAt(i);
    let b = v.charCodeAt(i);
    if (a !== b) {
      a |= 0x20;
      b |= 0x20;
      if (a !== b || a < 97 || a > 122) return false;
    }
  }
  return true;
}

/** Go `parseNanoseconds`: `value[0]` is the separator, `nbytes` counts it; digits past 9 dropped. */
export function parseNanoseconds(
  value: string,
  nbytes: number,
): { ns: number; rangeErr: string; err: number } {
  if (!isCommaOrPeriod(value[0])) return { ns: 0, rangeErr: '', err: BAD };
  const n = Math.min(nbytes, 10);
  const ns = atoi(value.slice(1, n));
  if (ns === undefined) return { ns: 0, rangeErr: '', err: BAD };
  if (ns < 0) return { ns: 0, rangeErr: 'fractional second', err: 0 };
  return { ns: ns * 10 ** (10 - n), rangeErr: '', err: 0 };
}

/** Numeric offsets `-0700`, `-07:00`, `-07`, `-070000`, `-07:00:00` (and their `Z` twins). */
export function parseNumericOffset(
  value: string,
  std: StdKind,
): { offset: number; rest: string; rangeErr: string } | undefined {
  let sign: string;
  let hh: string;
  let mm = '00';
  let ss = '00';
  let rest: string;
  if (std === 'iso8601ColonTZ' || std === 'numColonTZ') {
    if (value.length < 6 || value[3] !== ':') return undefined;
    [sign, hh, mm, rest] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6), value.slice(6)];
  } else if (std === 'numShortTZ' || std === 'iso8601ShortTZ') {
    if (value.length < 3) return undefined;
    [sign, hh, rest] = [value.slice(0, 1), value.slice(1, 3), value.slice(3)];
  } else if (std === 'iso8601ColonSecondsTZ' || std === 'numColonSecondsTZ') {
    if (value.length < 9 || value[3] !== ':' || value[6] !== ':') return undefined;
    [sign, hh, mm, ss, rest] = [
      value.slice(0, 1),
      value.slice(1, 3),
      value.slice(4, 6),
      value.slice(7, 9),
      value.slice(9),
    ];
  } else if (std === 'iso8601SecondsTZ' || std === 'numSecondsTz') {
    if (value.length < 7) return undefined;
    [sign, hh, mm, ss, rest] = [
      value.slice(0, 1),
      value.slice(1, 3),
      value.slice(3, 5),
      value.slice(5, 7),
      value.slice(7),
    ];
  } else {
    if (value.length < 5) return undefined;
    [sign, hh, mm, rest] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5), value.slice(5)];
  }
  const h = getnum(hh, true);
  const m = h && getnum(mm, true);
  const s = m && getnum(ss, true);
  if (!h || !m || !s) return undefined;
  let rangeErr = '';
  // Go tests with `>`: offsets of 24 hours or 60 minutes are written by some.
  if (h[0] > 24) rangeErr = 'time zone offset hour';
  if (m[0] > 60) rangeErr = 'time zone offset minute';
  if (s[0] > 60) rangeErr = 'time zone offset second';
  let offset = (h[0] * 60 + m[0]) * 60 + s[0];
  if (sign === '-') offset = -offset;
  else if (sign !== '+') return undefined;
  return { offset, rest, rangeErr };
}

/** Go `parseTimeZone`: length of a zone abbreviation at the start of `value`, or 0. */
export function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return 3 + (value.length > 3 ? parseSignedOffset(value.slice(3)) : 0);
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let upper = 0;
  while (
    upper < 6 &&
    upper < value.length &&
    value[upper] !== undefined &&
    /[A-Z]/.test(value[upper] as string)
  )
    upper++;
  switch (upper) {
    case 3:
      return 3;
    case 4:
      return value[3] === 'T' || value.startsWith('WITA') ? 4 : 0;
    case 5:
      return value[4] === 'T' ? 5 : 0;
    default:
      return 0;
  }
}

/** Go `parseSignedOffset`: `+h`/`-hh` (hours ≤ 23) ⇒ its length, else 0. */
export function parseSignedOffset(value: string): number {
  if (value[0] !== '-' && value[0] !== '+') return 0;
  let i = 1;
  let x = 0;
  // Bounded: more than a few digits is over 23 anyway (Go's leadingInt would also reject overflow).
  while (i < value.length && isDigit(value, i) && i < 12) {
    x = x * 10 + (value.charCodeAt(i) - 48);
    i++;
  }
  if (i === 1 || x > 23) return 0;
  if (i < value.length && isDigit(value, i)) return 0;
  return i;
}
