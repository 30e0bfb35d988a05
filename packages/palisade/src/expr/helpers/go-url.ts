/**
 * Go `net/url` escaping and query parsing, plus CrowdSec's lenient query parser (appsec
 * `ParseQuery`). Go strings are bytes: escapes are decoded to bytes and then read as UTF-8
 * (invalid sequences become U+FFFD, where Go would keep the raw bytes).
 */
import { setOwn } from './util.ts';

const utf8 = new TextDecoder('utf-8');

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/**
 * Go `url.QueryUnescape` (`plus` = true) / `url.PathUnescape` (`plus` = false); undefined on an
 * invalid `%` escape, like Go's EscapeError.
 */
export function goUnescape(s: string, plus: boolean): string | undefined {
  if (!s.includes('%') && !(plus && s.includes('+'))) return s;
  const src = Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 0x25) {
      if (i + 2 >= src.length) return undefined;
      const hi = hexVal(src[i + 1]);
      const lo = hexVal(src[i + 2]);
      if (hi < 0 || lo < 0) return undefined;
      out[n++] = (hi << 4) | lo;
      i += 2;
    } else if (c === 0x2b && plus) out[n++] = 0x20;
    else out[n++] = c;
  }
  return utf8.decode(out.subarray(0, n));
}

/** CrowdSec's lenient unescape: an invalid `%` escape is kept literally, `+` is a space. */
export function lenientUnescape(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  const src = Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 0x2b) out[n++] = 0x20;
    else if (c === 0x25 && i + 2 < src.length && hexVal(src[i + 1]) >= 0 && hexVal(src[i + 2]) >= 0) {
      out[n++] = (hexVal(src[i + 1]) << 4) | hexVal(src[i + 2]);
      i += 2;
    } else out[n++] = c;
  }
  return utf8.decode(out.subarray(0, n));
}

function isUnreserved(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x5f ||
    c === 0x7e
  );
}

const PATH_SEGMENT_KEEP = new Set([0x24, 0x26, 0x2b, 0x3a, 0x3d, 0x40]); // $ & + : = @

/** Go `url.QueryEscape` (`query` = true) / `url.PathEscape` (`query` = false). */
export function goEscape(s: string, query: boolean): string {
  let out = '';
  for (const c of Buffer.from(s, 'utf8')) {
    if (isUnreserved(c) || (!query && PATH_SEGMENT_KEEP.has(c))) out += String.fromCharCode(c);
    else if (c === 0x20 && query) out += '+';
    else out += `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A Go `url.Values`: key ⇒ values in order. */
export type UrlValues = Record<string, string[]>;

function addValue(m: UrlValues, k: string, v: string): void {
  if (Object.hasOwn(m, k)) m[k].push(v);
  else setOwn(m, k, [v]);
}

/** Go `url.ParseQuery`: the values, and whether any pair was rejected (`;` in a key, bad escape). */
export function goParseQuery(query: string): { values: UrlValues; failed: boolean } {
  const values: UrlValues = {};
  let failed = false;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    if (pair.includes(';')) {
      failed = true;
      continue;
    }
    const eq = pair.indexOf('=');
    const k = goUnescape(eq < 0 ? pair : pair.slice(0, eq), true);
    const v = goUnescape(eq < 0 ? '' : pair.slice(eq + 1), true);
    if (k === undefined || v === undefined) {
      failed = true;
      continue;
    }
    addValue(values, k, v);
  }
  return { values, failed };
}

/** CrowdSec's lenient `ParseQuery`: splits on `&` only, allows `;`, never fails. */
export function lenientParseQuery(query: string): UrlValues {
  const values: UrlValues = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    addValue(
      values,
      lenientUnescape(eq < 0 ? pair : pair.slice(0, eq)),
      lenientUnescape(eq < 0 ? '' : pair.slice(eq + 1)),
    );
  }
  return values;
}

/**
 * The raw query of a URI as Go `url.Parse` finds it, or undefined where url.Parse fails (control
 * characters, an invalid `%` escape in the path, a missing scheme before `:`).
 */
export function goRawQuery(uri: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(uri)) return undefined;
  const hash = uri.indexOf('#');
  const rest = hash < 0 ? uri : uri.slice(0, hash);
  const q = rest.indexOf('?');
  const before = q < 0 ? rest : rest.slice(0, q);
  const colon = before.indexOf(':');
  if (colon === 0) return undefined; // "missing protocol scheme"
  if (colon > 0) {
    const scheme = before.slice(0, colon);
    const slash = before.indexOf('/');
    // Without a valid scheme, a colon in the first path segment is an error.
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(scheme) && (slash < 0 || colon < slash)) return undefined;
  }
  if (/%(?![0-9a-fA-F]{2})/.test(before)) return undefined;
  if (q < 0) return '';
  return rest.slice(q + 1);
}
