/**
 * JA4H HTTP client fingerprint (FoxIO JA4H, as CrowdSec's pkg/appsec/ja4h computes it), over a
 * request-like object shaped after Go's *http.Request: `Method`, `ProtoMajor`/`ProtoMinor` (or
 * `Proto` like `HTTP/1.1`) and `Header` (canonical name ⇒ values).
 */
import { createHash } from 'node:crypto';
import type { ExprFunction } from '../functions.ts';
import { anyType, funcOf, stringType } from '../types.ts';
import { HelperError } from './errors.ts';
import { isPlainMap } from './util.ts';

/** The request fields JA4H reads. */
export interface Ja4hRequest {
  readonly Method: string;
  readonly Proto?: string;
  readonly ProtoMajor?: number;
  readonly ProtoMinor?: number;
  /** Header values by canonical name (`Accept-Language`), as Go's http.Header. */
  readonly Header: Readonly<Record<string, readonly string[]>>;
}

function hash12(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 12);
}

function headerGet(h: Ja4hRequest['Header'], name: string): string {
  const want = name.toLowerCase();
  for (const k of Object.keys(h)) if (k.toLowerCase() === want) return h[k]?.[0] ?? '';
  return '';
}

function isTokenChar(c: number): boolean {
  return c > 0x20 && c < 0x7f && !'()<>@,;:\\"/[]?={}'.includes(String.fromCharCode(c));
}

/** Go `(*http.Request).Cookies()`: valid name=value pairs of all Cookie headers, in order. */
export function parseCookies(h: Ja4hRequest['Header']): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const k of Object.keys(h)) {
    if (k.toLowerCase() !== 'cookie') continue;
    for (const line of h[k] ?? []) {
      for (let part of line.split(';')) {
        part = part.trim();
        if (part === '') continue;
        const eq = part.indexOf('=');
        const name = eq < 0 ? part : part.slice(0, eq);
        let value = eq < 0 ? '' : part.slice(eq + 1);
        if (name === '' || ![...name].every((c) => isTokenChar(c.charCodeAt(0)))) continue;
        if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
        if (
          ![...value].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x7f && !'";\\'.includes(c))
        )
          continue;
        out.push({ name, value });
      }
    }
  }
  return out;
}

function primaryLanguage(h: Ja4hRequest['Header']): string {
  const lang = headerGet(h, 'Accept-Language').toLowerCase();
  if (lang === '') return '0000';
  const first = lang.replaceAll('-', '').replaceAll(';', ',').split(',')[0].slice(0, 4);
  return first + '0'.repeat(4 - first.length);
}

/** The JA4H fingerprint `a_b_c_d` of a request. */
export function ja4h(req: Ja4hRequest): string {
  const h = req.Header;
  let major = req.ProtoMajor;
  let minor = req.ProtoMinor;
  if (major === undefined || minor === undefined) {
    const m = /^HTTP\/(\d+)(?:\.(\d+))?$/.exec(req.Proto ?? '');
    major = m ? Number(m[1]) : 0;
    minor = m?.[2] ? Number(m[2]) : 0;
  }
  const cookies = parseCookies(h);
  const referer = headerGet(h, 'Referer');
  let count = Object.keys(h).length;
  if (headerGet(h, 'Cookie') !== '') count--;
  if (referer !== '') count--;
  const a =
    req.Method.slice(0, 2).toLowerCase() +
    `${major % 10}${minor % 10}` +
    (cookies.length > 0 ? 'c' : 'n') +
    (referer !== '' ? 'r' : 'n') +
    String(Math.min(count, 99)).padStart(2, '0') +
    primaryLanguage(h);
  const names = Object.keys(h)
    .filter((n) => !n.toLowerCase().startsWith('cookie') && n.toLowerCase() !== 'referer')
    .sort();
  const b = hash12(names.join(','));
  const sorted = cookies.slice().sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const c = sorted.length === 0 ? '000000000000' : hash12(sorted.map((k) => k.name).join(','));
  const d =
    sorted.length === 0 ? '000000000000' : hash12(sorted.map((k) => `${k.name}=${k.value}`).join(','));
  return `${a}_${b}_${c}_${d}`;
}

/** The JA4H helper. */
export const ja4hHelper: ExprFunction = Object.freeze({
  name: 'JA4H',
  types: [funcOf([anyType], stringType)],
  fn: (req: unknown) => {
    const r = req as Ja4hRequest | null;
    if (!r || typeof r !== 'object' || typeof r.Method !== 'string' || !isPlainMap(r.Header)) {
      throw new HelperError('JA4H', 'invalid-argument', 'argument must be an HTTP request');
    }
    return ja4h(r);
  },
});
