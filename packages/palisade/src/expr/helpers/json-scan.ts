/**
 * A lazy JSON path walker with the behaviour of github.com/buger/jsonparser `Get`, which CrowdSec's
 * JsonExtract* helpers use: it scans only as far as the path needs (trailing garbage is ignored),
 * the first of duplicate keys wins, `[n]` path segments index arrays, and the result is the raw
 * text of the value (a string without its quotes and with its escapes left as they are).
 * Every scan is linear in the input.
 */

export type JsonValueType = 'string' | 'number' | 'object' | 'array' | 'boolean' | 'null';

export interface JsonRaw {
  readonly type: JsonValueType;
  /** Raw text: string contents without quotes (escapes kept), or the literal / object / array text. */
  readonly raw: string;
}

/** Why a lookup failed: the path does not exist, or the text is not valid where it was read. */
export type JsonGetError = 'not-found' | 'malformed';

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function skipWs(s: string, i: number): number {
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  return i;
}

/** Index just past the closing quote of the string starting at `i` (which is `"`), or -1. */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return -1;
}

/** Index just past the object/array starting at `i`, or -1 (strings are skipped, nesting counted). */
function blockEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x22) {
      const e = stringEnd(s, j);
      if (e < 0) return -1;
      j = e - 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

function tokenEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (isWs(c) || c === 0x2c || c === 0x7d || c === 0x5d) break;
    j++;
  }
  return j;
}

/** Reads the value starting at `i`: its type, raw text and end index; undefined if malformed. */
function readValue(s: string, i: number): { type: JsonValueType; raw: string; end: number } | undefined {
  if (i >= s.length) return undefined;
  const c = s[i];
  if (c === '"') {
    const e = stringEnd(s, i);
    return e < 0 ? undefined : { type: 'string', raw: s.slice(i + 1, e - 1), end: e };
  }
  if (c === '{' || c === '[') {
    const e = blockEnd(s, i);
    return e < 0 ? undefined : { type: c === '{' ? 'object' : 'array', raw: s.slice(i, e), end: e };
  }
  const e = tokenEnd(s, i);
  const tok = s.slice(i, e);
  if (c === 't' || c === 'f')
    return tok === 'true' || tok === 'false' ? { type: 'boolean', raw: tok, end: e } : undefined;
  if (c === 'n') return tok === 'null' ? { type: 'null', raw: tok, end: e } : undefined;
  if (c === '-' || (c >= '0' && c <= '9')) return { type: 'number', raw: tok, end: e };
  return undefined;
}

/** Decodes JSON string escapes (jsonparser `Unescape`); undefined on an invalid escape. */
export function unescapeJsonString(raw: string): string | undefined {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = raw[++i];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        const hex = raw.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 4;
        break;
      }
      default:
        return undefined;
    }
  }
  // Lone surrogates from \uD800-style escapes become U+FFFD, as Go's UTF-8 strings require.
  return out.toWellFormed();
}

function parseIndex(key: string): number | undefined {
  if (key.length < 3 || key[0] !== '[' || key[key.length - 1] !== ']') return undefined;
  const body = key.slice(1, -1);
  return /^\d+$/.test(body) ? Number(body) : undefined;
}

/**
 * jsonparser `Get(data, keys...)`: walks `keys` (object keys, or `[n]` array indexes) and returns
 * the raw value found there, or an error kind.
 */
export function jsonGet(s: string, keys: readonly string[]): JsonRaw | JsonGetError {
  let i = skipWs(s, 0);
  for (const key of keys) {
    const idx = parseIndex(key);
    if (s[i] === '[' && idx !== undefined) {
      i = skipWs(s, i + 1);
      let n = 0;
      let found = false;
      while (i < s.length && s[i] !== ']') {
        if (n === idx) {
          found = true;
          break;
        }
        const v = readValue(s, i);
        if (!v) return 'malformed';
        i = skipWs(s, v.end);
        if (s[i] === ',') i = skipWs(s, i + 1);
        n++;
      }
      if (!found) return 'not-found';
      continue;
    }
    if (s[i] !== '{') return 'not-found';
    i = skipWs(s, i + 1);
    let found = false;
    while (i < s.length && s[i] !== '}') {
      if (s[i] !== '"') return 'malformed';
      const ke = stringEnd(s, i);
      if (ke < 0) return 'malformed';
      const name = unescapeJsonString(s.slice(i + 1, ke - 1));
      i = skipWs(s, ke);
      if (s[i] !== ':') return 'malformed';
      i = skipWs(s, i + 1);
      if (name === key) {
        found = true;
        break;
      }
      const v = readValue(s, i);
      if (!v) return 'malformed';
      i = skipWs(s, v.end);
      if (s[i] === ',') i = skipWs(s, i + 1);
    }
    if (!found) return 'not-found';
  }
  const v = readValue(s, i);
  if (!v) return i >= s.length ? 'not-found' : 'malformed';
  return { type: v.type, raw: v.raw };
}

/** CrowdSec's JsonExtract path: `a.b[0].c` ⇒ [`a`, `b`, `[0]`, `c`] (a leading `[` is kept as is). */
export function splitJsonPath(path: string): string[] {
  const p = path.startsWith('[') ? path : path.replaceAll('[', '.[');
  return p.split('.');
}
