/**
 * IP helpers: IpInRange, IpToRange, IsIP, IsIPV4, IsIPV6 (Go `net` / `netip` semantics).
 */
import type { ExprFunction } from '../functions.ts';
import { boolType, funcOf, stringType } from '../types.ts';
import type { HelperDeps } from './deps.ts';
import { silentLogger } from './deps.ts';
import { cidrContains, isV4, parseCIDR, parseIP, prefixString } from './go-ip.ts';
import { str } from './util.ts';

const S = stringType;

/** The IP helpers. */
export function ipHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  return [
    {
      name: 'IpInRange',
      types: [funcOf([S, S], boolType)],
      fn: (ip: unknown, range: unknown) => {
        const addr = parseIP(str('IpInRange', ip));
        const net = parseCIDR(str('IpInRange', range));
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
      types: [funcOf([S], boolType)],
      fn: (ip: unknown) => parseIP(str('IsIP', ip)) !== undefined,
    },
    {
      name: 'IsIPV4',
      types: [funcOf([S], boolType)],
      fn: (ip: unknown) => {
        const a = parseIP(str('IsIPV4', ip));
        return a !== undefined && isV4(a.bytes);
      },
    },
    {
      name: 'IsIPV6',
      types: [funcOf([S], boolType)],
      fn: (ip: unknown) => {
        const a = parseIP(str('IsIPV6', ip));
        return a !== undefined && !isV4(a.bytes);
      },
    },
  ];
}
