/**
 * Go `net.ParseIP` / `net.ParseCIDR` / `IPNet.Contains` and `netip.Prefix.String` semantics.
 * Written by hand because ipaddr.js accepts forms Go rejects (`127.1`, hex/octal octets, zones).
 */

/** A parsed address: 16 bytes (IPv4 as ::ffff:a.b.c.d) and whether the text was IPv4. */
export interface GoIP {
  readonly bytes: Uint8Array;
  readonly textV4: boolean;
}

function parseV4(s: string): number[] | undefined {
  // One pass over the characters (this runs for every event of most scenarios): exactly four
  // dot-separated decimal octets of 1-3 digits, no leading zero, at most 255 (Go rejects the rest).
  const out: number[] = [];
  let value = 0;
  let digits = 0;
  let leadingZero = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || (leadingZero && digits > 1) || value > 255 || out.length === 4) return undefined;
      out.push(value);
      value = 0;
      digits = 0;
      continue;
    }
    if (c < 0x30 || c > 0x39 || digits === 3) return undefined;
    if (digits === 0) leadingZero = c === 0x30;
    value = value * 10 + (c - 0x30);
    digits++;
  }
  return out.length === 4 ? out : undefined;
}

function parseGroups(t: string, allowV4Tail: boolean): number[] | undefined {
  if (t === '') return [];
  const out: number[] = [];
  const parts = t.split(':');
  for (let g = 0; g < parts.length; g++) {
    const part = parts[g];
    if (part.includes('.')) {
      const v4 = g === parts.length - 1 && allowV4Tail ? parseV4(part) : undefined;
      if (!v4) return undefined;
      out.push(...v4);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      const v = Number.parseInt(part, 16);
      out.push(v >> 8, v & 0xff);
    } else return undefined;
  }
  return out;
}

function parseV6(s: string): Uint8Array | undefined {
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return undefined;
  const head = parseGroups(dbl >= 0 ? s.slice(0, dbl) : s, dbl < 0);
  const tail = dbl >= 0 ? parseGroups(s.slice(dbl + 2), true) : [];
  if (!head || !tail) return undefined;
  const used = head.length + tail.length;
  // Without "::" all 16 bytes are given; with it, "::" stands for at least one zero group.
  if (dbl < 0 ? used !== 16 : used > 14) return undefined;
  const out = new Uint8Array(16);
  out.set(head, 0);
  out.set(tail, 16 - tail.length);
  return out;
}

/** Go `net.ParseIP`: dotted IPv4 or IPv6 text (no zone); undefined when invalid. */
export function parseIP(s: string): GoIP | undefined {
  if (s.includes(':')) {
    const b = parseV6(s);
    return b ? { bytes: b, textV4: false } : undefined;
  }
  const v4 = parseV4(s);
  if (!v4) return undefined;
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  bytes.set(v4, 12);
  return { bytes, textV4: true };
}

/** Go `ip.To4() != nil`: IPv4, or IPv6 in the ::ffff:0:0/96 mapped range. */
export function isV4(b: Uint8Array): boolean {
  for (let k = 0; k < 10; k++) if (b[k] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

/** A parsed CIDR (Go `net.ParseCIDR`): masked network bytes and the prefix length in its family. */
export interface GoCIDR {
  readonly bytes: Uint8Array;
  readonly bits: number;
  readonly textV4: boolean;
}

function maskBytes(b: Uint8Array, from: number, bits: number): Uint8Array {
  const out = b.slice();
  for (let k = 0; k < 16; k++) {
    const bitIndex = (k - from) * 8;
    if (k < from) continue;
    if (bitIndex >= bits) out[k] = 0;
    else if (bitIndex + 8 > bits) out[k] &= (0xff << (8 - (bits - bitIndex))) & 0xff;
  }
  return out;
}

/** Go `net.ParseCIDR`; undefined when invalid. */
export function parseCIDR(s: string): GoCIDR | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const max = ip.textV4 ? 32 : 128;
  if (bits > max) return undefined;
  const bytes = maskBytes(ip.bytes, ip.textV4 ? 12 : 0, bits);
  return { bytes, bits, textV4: ip.textV4 };
}

/** Go `IPNet.Contains`: an IPv4-ish network only contains IPv4-ish addresses and vice versa. */
export function cidrContains(net: GoCIDR, ip: Uint8Array): boolean {
  const netV4 = isV4(net.bytes);
  if (netV4 !== isV4(ip)) return false;
  let from = 0;
  let bits = net.bits;
  if (netV4) {
    from = 12;
    if (!net.textV4) bits = Math.max(0, bits - 96);
  }
  // The masked address compared with the network, byte by byte (no copy: this runs per event).
  for (let k = from; k < 16; k++) {
    const bitIndex = (k - from) * 8;
    const mask = bitIndex >= bits ? 0 : bitIndex + 8 > bits ? (0xff << (8 - (bits - bitIndex))) & 0xff : 0xff;
    if (((ip[k] as number) & mask) !== net.bytes[k]) return false;
  }
  return true;
}

/** `netip.Addr.String()` of an IPv6 address (RFC 5952; ::ffff:a.b.c.d for mapped IPv4). */
export function formatV6(b: Uint8Array): string {
  if (isV4(b)) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const groups: number[] = [];
  for (let k = 0; k < 16; k += 2) groups.push((b[k] << 8) | b[k + 1]);
  let bestStart = -1;
  let bestLen = 1;
  for (let k = 0; k < 8; ) {
    if (groups[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && groups[e] === 0) e++;
    if (e - k > bestLen) {
      bestStart = k;
      bestLen = e - k;
    }
    k = e;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** `netip.ParseAddr(ip).Prefix(bits).String()`; undefined when the address or length is invalid. */
export function prefixString(ip: GoIP, bits: number): string | undefined {
  if (ip.textV4) {
    if (bits < 0 || bits > 32) return undefined;
    const m = maskBytes(ip.bytes, 12, bits);
    return `${m[12]}.${m[13]}.${m[14]}.${m[15]}/${bits}`;
  }
  if (bits < 0 || bits > 128) return undefined;
  return `${formatV6(maskBytes(ip.bytes, 0, bits))}/${bits}`;
}
