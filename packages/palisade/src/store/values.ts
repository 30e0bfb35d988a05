/**
 * Value conversions shared by the store: API key hashes, scope names, IP ranges as order-preserving
 * hex, durations with days, and RFC 3339 timestamps.
 */
import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { parseDuration } from '../expr/values/duration.ts';
import { StoreError } from './types.ts';

/** Lowercase hex SHA-512 of an API key, as CrowdSec stores `bouncers.api_key`. */
export function hashApiKey(key: string): string {
  return createHash('sha512').update(key, 'utf8').digest('hex');
}

const SCOPE_NAMES: Record<string, string> = { ip: 'Ip', range: 'Range', as: 'AS', country: 'Country' };

/** CrowdSec scope normalisation: `ip`→`Ip`, `range`→`Range`, `as`→`AS`, `country`→`Country` (any case). */
export function normalizeScope(scope: string): string {
  const key = scope.toLowerCase();
  return Object.hasOwn(SCOPE_NAMES, key) ? (SCOPE_NAMES[key] as string) : scope;
}

/**
 * An address range in our order-preserving encoding: 32 lowercase hex digits (16 bytes, big
 * endian; IPv4 in the last 4 bytes). Text comparison (byte order; PostgreSQL columns use the "C"
 * collation) is numeric comparison, on both databases.
 */
export interface IpRange {
  /** 4 or 16. */
  size: 4 | 16;
  start: string;
  end: string;
}

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The 16 bytes of an address (IPv4 right-aligned) and its family, or undefined when invalid. */
function parseAddress(text: string): { size: 4 | 16; bytes: number[] } | undefined {
  if (IPV4_RE.test(text))
    return { size: 4, bytes: [...new Array(12).fill(0), ...text.split('.').map(Number)] };
  if (!text.includes(':') || text.includes('%') || text.length > 45) return undefined;
  if (!ipaddr.IPv6.isValid(text)) return undefined;
  const v6 = ipaddr.IPv6.parse(text);
  // Go's ParseIP treats IPv4-mapped IPv6 addresses as IPv4.
  if (v6.isIPv4MappedAddress())
    return { size: 4, bytes: [...new Array(12).fill(0), ...v6.toIPv4Address().octets] };
  return { size: 16, bytes: v6.toByteArray() };
}

function hex(bytes: number[]): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Parses an IP (`1.2.3.4`, `2001:db8::1`) or CIDR (`1.2.3.0/24`; host bits are ignored as Go's
 * ParseCIDR does) into its range. Undefined when the text is neither.
 */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addr = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (addr === undefined) return undefined;
  const bits = addr.size === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return undefined;
    prefix = Number(p);
  }
  const hostBits = bits - prefix;
  const start = [...addr.bytes];
  const end = [...addr.bytes];
  for (let bit = 0; bit < hostBits; bit++) {
    const byteIndex = 15 - Math.floor(bit / 8);
    const mask = 1 << (bit % 8);
    start[byteIndex] = (start[byteIndex] as number) & ~mask;
    end[byteIndex] = (end[byteIndex] as number) | mask;
  }
  return { size: addr.size, start: hex(start), end: hex(end) };
}

/** Like `parseIpRange` but throws StoreError('invalid') naming the field. */
export function requireIpRange(text: string, field: string): IpRange {
  const r = parseIpRange(text);
  if (r === undefined)
    throw new StoreError('invalid', `unable to parse '${text}' (${field}): invalid ip address / range`);
  return r;
}

const DAY_PREFIX_RE = /^(-?)(\d+)d(.*)$/;

/**
 * CrowdSec's `ParseDurationWithDays` in milliseconds: Go duration syntax plus a leading `<n>d`
 * (`7d`, `1d12h`). Throws StoreError('invalid') naming the field on bad input.
 */
export function parseDurationMs(text: string, field: string): number {
  try {
    const m = DAY_PREFIX_RE.exec(text);
    if (m !== null) {
      const days = Number(m[2]) * 86_400_000;
      const rest = m[3] === '' ? 0 : parseDuration(m[3] as string).ns / 1e6;
      return (m[1] === '-' ? -1 : 1) * (days + rest);
    }
    return Math.trunc(parseDuration(text).ns / 1e6);
  } catch (err) {
    throw new StoreError('invalid', `${field}: ${(err as Error).message}`, { cause: err });
  }
}

const RFC3339_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** RFC 3339 (fractions allowed) to epoch ms (sub-ms digits truncated); undefined when invalid. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339_RE.exec(text);
  if (m === null) return undefined;
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  let t = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    ms,
  );
  if (Number(m[1]) < 100) t = new Date(t).setUTCFullYear(Number(m[1]));
  if (m[9] !== undefined) {
    const offset = (Number(m[10]) * 60 + Number(m[11])) * 60_000;
    t += m[9] === '+' ? -offset : offset;
  }
  return Number.isFinite(t) ? t : undefined;
}

/** Truncates to at most `max` UTF-16 units (CrowdSec truncates meta values and keys). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}
