/**
 * The client IP of a request (spec §0): the peer address, or — only when the peer is a trusted
 * proxy — the right-most untrusted address of `X-Forwarded-For`, else `X-Real-IP`. It drives
 * bouncer identity, machine IP tracking and `trusted_ips`, so forwarded headers from an
 * untrusted peer are never believed.
 */
import ipaddr from 'ipaddr.js';

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;

/** A set of CIDR ranges, parsed once. */
export class CidrSet {
  readonly #ranges: [Parsed, number][];

  /** `cidrs` are `a.b.c.d/n` or `v6/n` (bare addresses are single-address ranges). */
  constructor(cidrs: readonly string[]) {
    this.#ranges = cidrs.map((c) => {
      if (!c.includes('/')) {
        const a = ipaddr.parse(c);
        return [a, a.kind() === 'ipv4' ? 32 : 128];
      }
      return ipaddr.parseCIDR(c);
    });
  }

  get size(): number {
    return this.#ranges.length;
  }

  /** Whether `ip` (any textual form, IPv4-mapped IPv6 read as IPv4) is inside one range. */
  has(ip: string): boolean {
    const a = parseIp(ip);
    if (a === null) return false;
    for (const [net, bits] of this.#ranges) {
      if (net.kind() === a.kind() && a.match(net as never, bits)) return true;
    }
    return false;
  }
}

/** `ip` parsed, with IPv4-mapped IPv6 addresses turned into IPv4; null when not an address. */
export function parseIp(ip: string): Parsed | null {
  try {
    const a = ipaddr.parse(ip.trim());
    if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) {
      return (a as ipaddr.IPv6).toIPv4Address();
    }
    return a;
  } catch {
    return null;
  }
}

/** The canonical text of `ip` (`::ffff:1.2.3.4` → `1.2.3.4`), or `ip` unchanged when unparsable. */
export function canonicalIp(ip: string): string {
  return parseIp(ip)?.toString() ?? ip;
}

/** Resolves client IPs with a fixed set of trusted proxies. */
export class ClientIpResolver {
  readonly #proxies: CidrSet;

  constructor(trustedProxies: readonly string[]) {
    this.#proxies = new CidrSet(trustedProxies);
  }

  /** The client IP for a request from `peer` with `headers`. */
  resolve(peer: string | undefined, headers: Record<string, string | string[] | undefined>): string {
    const remote = canonicalIp(peer ?? '');
    if (this.#proxies.size === 0 || !this.#proxies.has(remote)) return remote;
    const xff = header(headers['x-forwarded-for']);
    if (xff !== '') {
      const hops = xff.split(',').map((h) => h.trim());
      for (let i = hops.length - 1; i >= 0; i--) {
        const hop = parseIp(hops[i]!);
        if (hop === null) break;
        const text = hop.toString();
        if (i === 0 || !this.#proxies.has(text)) return text;
      }
    }
    const real = parseIp(header(headers['x-real-ip']));
    return real?.toString() ?? remote;
  }
}

function header(v: string | string[] | undefined): string {
  if (Array.isArray(v)) return v.join(',');
  return v ?? '';
}
