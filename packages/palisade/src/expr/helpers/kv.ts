/**
 * Key/value helpers `ParseKV` and `ParseKVLax`: parse `k=v` pairs of a log line into
 * `target[prefix]` (a map[string]string). Both are hand-written scanners with the exact results of
 * CrowdSec's regexes but linear time on any input (a backtracking RegExp would be quadratic on long
 * runs without `=`).
 */
import type { ExprFunction } from '../functions.ts';
import { anyType, funcOf, mapOf, stringType } from '../types.ts';
import type { HelperDeps } from './deps.ts';
import { silentLogger } from './deps.ts';
import { HelperError } from './errors.ts';
import { isPlainMap, map, setOwn, str } from './util.ts';

/** Go RE2 `\s`: [\t\n\f\r ] (no \v). */
function isReSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/**
 * All matches of CrowdSec's `(?P<key>[^=\s]+)=(?:"(?P<quoted_value>[^"\\]*(?:\\.[^"\\]*)*)"|(?P<value>[^=\s]+)|\s*)`
 * (leftmost-first, non-overlapping), as [key, value] pairs.
 */
export function scanKV(s: string): [string, string][] {
  const out: [string, string][] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    // Find the next run of key characters followed by '='.
    let c = s.charCodeAt(i);
    if (c === 0x3d || isReSpace(c)) {
      i++;
      continue;
    }
    const a = i;
    while (i < n && (c = s.charCodeAt(i)) !== 0x3d && !isReSpace(c)) i++;
    if (i >= n || c !== 0x3d) continue; // run ended on a space or the end: no key here
    const key = s.slice(a, i);
    i++; // past '='
    let value = '';
    // Alternative 1: a double-quoted value with backslash escapes (`.` does not match \n).
    let quotedEnd = -1;
    if (s.charCodeAt(i) === 0x22) {
      for (let j = i + 1; j < n; j++) {
        const d = s.charCodeAt(j);
        if (d === 0x22) {
          quotedEnd = j;
          break;
        }
        if (d === 0x5c) {
          if (j + 1 >= n || s.charCodeAt(j + 1) === 0x0a) break;
          j++;
        }
      }
    }
    if (quotedEnd >= 0) {
      value = s.slice(i + 1, quotedEnd);
      i = quotedEnd + 1;
    } else {
      // Alternative 2: a bare value; alternative 3: optional spaces (empty value).
      const b = i;
      while (i < n && (c = s.charCodeAt(i)) !== 0x3d && !isReSpace(c)) i++;
      if (i > b) value = s.slice(b, i);
      else while (i < n && isReSpace(s.charCodeAt(i))) i++;
    }
    out.push([key, value]);
  }
  return out;
}

function isKeyStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}
function isKeyChar(c: number): boolean {
  return isKeyStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;
}

/**
 * CrowdSec's lax parser: every `[a-zA-Z_][a-zA-Z0-9_.-]*=` outside a double-quoted section starts
 * a key; its value runs to the next key (trimmed, surrounding quotes removed, `\"` and `\\`
 * unescaped).
 */
export function scanKVLax(s: string): [string, string][] {
  const starts: [number, number, number][] = []; // [keyStart, keyEnd, valueStart]
  const n = s.length;
  let inQuote = false;
  let backslashes = 0;
  let quoteScanned = 0; // quote state is known for indexes < quoteScanned
  const advanceQuotes = (upTo: number) => {
    for (; quoteScanned <= upTo && quoteScanned < n; quoteScanned++) {
      const c = s.charCodeAt(quoteScanned);
      if (c === 0x22 && backslashes % 2 === 0) inQuote = !inQuote;
      backslashes = c === 0x5c ? backslashes + 1 : 0;
    }
  };
  let i = 0;
  while (i < n) {
    if (!isKeyStart(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const a = i;
    while (i < n && isKeyChar(s.charCodeAt(i))) i++;
    if (i < n && s.charCodeAt(i) === 0x3d) {
      advanceQuotes(a);
      if (!inQuote) starts.push([a, i, i + 1]);
      i++;
    }
  }
  const out: [string, string][] = [];
  for (let k = 0; k < starts.length; k++) {
    const [a, b, v] = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1][0] : n;
    out.push([s.slice(a, b), laxValue(s.slice(v, end).trim())]);
  }
  return out;
}

function laxValue(s: string): string {
  if (s === '' || s[0] !== '"') return s;
  if (s.length >= 2 && s.endsWith('"')) return s.slice(1, -1).replaceAll('\\\\', '\\').replaceAll('\\"', '"');
  return s.slice(1);
}

/** The KV helpers. */
export function kvHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  // ParseKVLax prepares target[prefix] before scanning, ParseKV only after a successful scan.
  const make = (
    name: string,
    scan: (s: string) => [string, string][],
    prepareFirst: boolean,
  ): ExprFunction => ({
    name,
    types: [funcOf([stringType, mapOf(anyType), stringType], anyType)],
    fn: (blob: unknown, target: unknown, prefix: unknown) => {
      const text = str(name, blob);
      const t = map(name, target, 'target');
      const p = str(name, prefix);
      const prepare = (): Record<string, unknown> => {
        let km = Object.hasOwn(t, p) ? t[p] : undefined;
        if (km === undefined) {
          km = {};
          setOwn(t, p, km);
        } else if (!isPlainMap(km) || !Object.values(km).every((v) => typeof v === 'string')) {
          throw new HelperError(name, 'invalid-argument', 'target is not a map[string]string');
        }
        return km as Record<string, unknown>;
      };
      const early = prepareFirst ? prepare() : undefined;
      const pairs = scan(text);
      if (pairs.length === 0) {
        log.error('could not find any key/value pair in line');
        throw new HelperError(name, 'invalid-input', 'invalid input format');
      }
      const km = early ?? prepare();
      for (const [k, v] of pairs) setOwn(km, k, v);
      return null;
    },
  });
  return [make('ParseKV', scanKV, false), make('ParseKVLax', scanKVLax, true)];
}
