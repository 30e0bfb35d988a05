/**
 * Go `net/netip` address and prefix parsing and matching, as parser whitelists use them
 * (hub-compat §3.2): strict syntax (no leading-zero IPv4 octets), IPv4-mapped IPv6 is an IPv6
 * address distinct from the IPv4 one, a zoned address equals only the same zone and is never
 * inside a prefix, and a non-canonical prefix (`10.1.2.3/8`) is accepted.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** A parsed `netip.Addr`. */
export interface NetAddr {
  /** 4 bytes (IPv4) or 16 bytes (IPv6). */
  readonly bytes: Uint8Array;
  readonly zone: string;
}

/** A parsed `netip.Prefix` (address bits beyond `bits` are kept, as Go keeps them). */
export interface NetPrefix {
  readonly addr: NetAddr;
  readonly bits: number;
}

/** `netip.ParseAddr`: undefined when Go would return an error. */
export function parseAddr(text: string): NetAddr | undefined {
  if (isIPv4(text)) return { bytes: v4Bytes(text), zone: '' };
  const pct = text.indexOf('%');
  const base = pct < 0 ? text : text.slice(0, pct);
  const zone = pct < 0 ? '' : text.slice(pct + 1);
  if (pct >= 0 && zone === '') return undefined;
  if (base.includes('%') || !isIPv6(base)) return undefined;
  return { bytes: v6Bytes(base), zone };
}

/** `netip.ParsePrefix`: no zone, decimal bits without sign or leading zero, within the family size. */
export function parsePrefix(text: string): NetPrefix | undefined {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return undefined;
  const addr = parseAddr(text.slice(0, slash));
  if (addr === undefined || addr.zone !== '') return undefined;
  const bitsText = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > addr.bytes.length * 8) return undefined;
  return { addr, bits };
}

/** `Addr ==`: same family, bytes and zone. */
export function addrEqual(a: NetAddr, b: NetAddr): boolean {
  if (a.bytes.length !== b.bytes.length || a.zone !== b.zone) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

/** `Prefix.Contains`: same family, no zone, the first `bits` bits equal. */
export function prefixContains(p: NetPrefix, a: NetAddr): boolean {
  if (a.zone !== '' || a.bytes.length !== p.addr.bytes.length) return false;
  let bits = p.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((a.bytes[i] as number) & mask) !== ((p.addr.bytes[i] as number) & mask)) return false;
  }
  return true;
}

/** Bytes of a syntactically valid dotted IPv4 address (four decimal octets). */
function v4Bytes(text: string): Uint8Array {
  const out = new Uint8Array(4);
  let i = 0;
  let value = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2e) {
      out[i++] = value;
      value = 0;
    } else value = value * 10 + (c - 0x30);
  }
  out[i] = value;
  return out;
}

/** Bytes of a syntactically valid IPv6 address (no zone). */
function v6Bytes(text: string): Uint8Array {
  const out = new Uint8Array(16);
  const groups = (s: string): number[] => {
    if (s === '') return [];
    const words: number[] = [];
    for (const part of s.split(':')) {
      if (part.includes('.')) {
        const b = v4Bytes(part);
        words.push(((b[0] as number) << 8) | (b[1] as number), ((b[2] as number) << 8) | (b[3] as number));
      } else words.push(Number.parseInt(part, 16));
    }
    return words;
  };
  const dbl = text.indexOf('::');
  const head = groups(dbl < 0 ? text : text.slice(0, dbl));
  const tail = dbl < 0 ? [] : groups(text.slice(dbl + 2));
  const words = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  for (let i = 0; i < 8; i++) {
    out[2 * i] = (words[i] as number) >> 8;
    out[2 * i + 1] = (words[i] as number) & 0xff;
  }
  return out;
}
