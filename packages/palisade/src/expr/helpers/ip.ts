/**
 * IP helpers: IpInRange, IpToRange, IsIP, IsIPV4, IsIPV6 (Go `net` / `netip` semantics).
 */
import type { ExprFunction } from '../functions.ts';
import { boolType, funcOf, stringType } from '../types.ts';
import type { HelperDeps } from './deps.ts';
import { silentLogger } from './deps.ts';
import { cidrContains, type GoCIDR, type GoIP, isV4, parseCIDR, parseIP, prefixString } from './go-ip.ts';
import { str } from './util.ts';

const S = stringType;

/**
 * Ranges remembered by IpInRange: they come from filters and data files (a few hundred ranges in
 * the hub's CDN and crawler lists, tested on every overflow).
 */
const CIDR_CACHE_LIMIT = 2048;
/** Longest text remembered (an address or a CIDR is far shorter). */
const MAX_CACHED_TEXT = 64;

/**
 * Parsers that remember: the address of the last text (filters test the same `source_ip` several
 * times per event: IsIPV6, then IpInRange against several ranges) and a bounded table of ranges.
 * Parsed values are never mutated, so sharing them is invisible.
 */
function cachedParsers(): { ip(text: string): GoIP | undefined; cidr(text: string): GoCIDR | undefined } {
  let lastText: string | undefined;
  let lastIp: GoIP | undefined;
  const cidrs = new Map<string, GoCIDR | undefined>();
  return {
    ip(text) {
      if (text === lastText) return lastIp;
      const ip = parseIP(text);
      if (text.length <= MAX_CACHED_TEXT) {
        lastText = text;
        lastIp = ip;
      }
      return ip;
    },
    cidr(text) {
      const hit = cidrs.get(text);
      if (hit !== undefined || cidrs.has(text)) return hit;
      const net = parseCIDR(text);
      if (text.length <= MAX_CACHED_TEXT) {
        if (cidrs.size >= CIDR_CACHE_LIMIT) cidrs.clear();
        cidrs.set(text, net);
      }
      return net;
    },
  };
}

/** The IP helpers. */
export function ipHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  const parsed = cachedParsers();
  return [
    {
      name: 'IpInRange',
      pure: true,
      types: [funcOf([S, S], boolType)],
      fn: (ip: unknown, range: unknown) => {
        const addr = parsed.ip(str('IpInRange', ip));
        const net = parsed.cidr(str('IpInRange', range));
        return addr !== undefined && net !== undefined && cidrContains(net, addr.bytes);
      },
    },
    {
      name: 'IpToRange',
      types: [funcOf([S, S], S)],
      fn: (ip: unknown, cidr: unknown) => {
        const text = str('IpToRange', ip);
        const bitsText = str('IpToRange', cidr).replace(/^\//, '');
        if (!/^[+-]?\d+$/.test(bitsText)) {
          log.error(`bad cidr '${bitsText}'`);
          return '';
        }
        // netip.ParseAddr, unlike net.ParseIP, keeps IPv4-mapped IPv6 as IPv6.
        const addr = parseIP(text);
        if (!addr) {
          log.error(`can't parse IP address '${text}'`);
          return '';
        }
        const out = prefixString(addr, Number(bitsText));
        if (out === undefined)
          log.error(`can't create prefix from IP address '${text}' and mask '${bitsText}'`);
        return out ?? '';
      },
    },
    {
      name: 'IsIP',
      pure: true,
      types: [funcOf([S], boolType)],
      fn: (ip: unknown) => parsed.ip(str('IsIP', ip)) !== undefined,
    },
    {
      name: 'IsIPV4',
      pure: true,
      types: [funcOf([S], boolType)],
      fn: (ip: unknown) => {
        const a = parsed.ip(str('IsIPV4', ip));
        return a !== undefined && isV4(a.bytes);
      },
    },
    {
      name: 'IsIPV6',
      pure: true,
      types: [funcOf([S], boolType)],
      fn: (ip: unknown) => {
        const a = parsed.ip(str('IsIPV6', ip));
        return a !== undefined && !isV4(a.bytes);
      },
    },
  ];
}
