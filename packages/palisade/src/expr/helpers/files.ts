/**
 * Data-file helpers (spec §6): File, RegexpInFile, LookupFile, FileMap, MatchKnownBot, over the
 * injected `DataFileLookup`. A file that was not loaded gives an empty result and an error log,
 * as in CrowdSec.
 */
import type { ExprFunction } from '../functions.ts';
import { arrayOf, boolType, funcOf, mapOf, stringType } from '../types.ts';
import type { HelperDeps, KnownBot } from './deps.ts';
import { silentLogger } from './deps.ts';
import { cidrContains, formatV6, type GoIP, isV4, parseCIDR, parseIP } from './go-ip.ts';
import { str } from './util.ts';

const S = stringType;

/** CrowdSec `parseBotAddr`: a bare IP, `ip:port` or `[v6]:port`; zones are dropped. */
export function parseBotAddr(s: string): GoIP | undefined {
  const direct = parseIP(s.replace(/%.*$/, ''));
  if (direct) return direct;
  let host: string | undefined;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close > 0 && s[close + 1] === ':') host = s.slice(1, close);
  } else {
    const colon = s.lastIndexOf(':');
    if (colon > 0 && s.indexOf(':') === colon) host = s.slice(0, colon);
  }
  return host === undefined ? undefined : parseIP(host.replace(/%.*$/, ''));
}

function sameAddr(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `name` equals one of `suffixes` or is a sub-domain of it (label boundary). */
function domainSuffixMatch(name: string, suffixes: readonly string[]): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return suffixes.some((s) => n === s || n.endsWith(`.${s}`));
}

/** (UA && path) && (ip | range | forward-confirmed rDNS), over the given bot entries. */
export function matchKnownBot(
  bots: readonly KnownBot[],
  ip: string,
  ua: string,
  path: string,
  fcrdns: (ip: string) => readonly string[],
): boolean {
  if (bots.length === 0) return false;
  const addr = parseBotAddr(ip);
  if (!addr) return false;
  const rdnsCandidates: KnownBot[] = [];
  for (const bot of bots) {
    if (bot.userAgent && !bot.userAgent.test(ua)) continue;
    if (bot.paths.length > 0 && !bot.paths.some((re) => re.test(path))) continue;
    if (
      bot.ips.some((t) => {
        const b = parseIP(t);
        return b !== undefined && sameAddr(b.bytes, addr.bytes);
      })
    )
      return true;
    if (
      bot.ranges.some((r) => {
        const net = parseCIDR(r);
        return net !== undefined && cidrContains(net, addr.bytes);
      })
    )
      return true;
    if (bot.rdns.length > 0) rdnsCandidates.push(bot);
  }
  if (rdnsCandidates.length === 0) return false;
  // The expensive forward-confirmed rDNS runs once, after the cheap checks.
  const b = addr.bytes;
  const key = isV4(b) ? `${b[12]}.${b[13]}.${b[14]}.${b[15]}` : formatV6(b);
  const names = fcrdns(key);
  return names.some((n) => rdnsCandidates.some((bot) => domainSuffixMatch(n, bot.rdns)));
}

/** The data-file helpers over `deps.dataFiles`. */
export function fileHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  const missing = (name: string, kind: string) =>
    log.error(`file '${name}' (type:${kind}) not found in expr library`);
  return [
    {
      name: 'File',
      types: [funcOf([S], arrayOf(S))],
      fn: (name: unknown) => {
        const n = str('File', name);
        const lines = deps.dataFiles?.strings(n);
        if (lines === undefined) {
          missing(n, 'string');
          return [];
        }
        return lines;
      },
    },
    {
      name: 'RegexpInFile',
      types: [funcOf([S, S], boolType)],
      fn: (data: unknown, name: unknown) => {
        const s = str('RegexpInFile', data);
        const n = str('RegexpInFile', name);
        const r = deps.dataFiles?.regexpMatch(n, s);
        if (r === undefined) {
          missing(n, 'regexp');
          return false;
        }
        return r;
      },
    },
    {
      name: 'LookupFile',
      types: [funcOf([S, S], S)],
      fn: (data: unknown, name: unknown) => {
        const s = str('LookupFile', data);
        const n = str('LookupFile', name);
        const r = deps.dataFiles?.lookup(n, s);
        if (r === undefined) {
          missing(n, 'map');
          return '';
        }
        return r;
      },
    },
    {
      name: 'FileMap',
      types: [funcOf([S], arrayOf(mapOf(S)))],
      fn: (name: unknown) => {
        const n = str('FileMap', name);
        const rows = deps.dataFiles?.mapRows(n);
        if (rows === undefined) {
          missing(n, 'map');
          return [];
        }
        return rows;
      },
    },
    {
      name: 'MatchKnownBot',
      types: [funcOf([S, S, S], boolType, S)],
      fn: (ip: unknown, ua: unknown, path: unknown, ...files: unknown[]) => {
        const names = files.map((f) => str('MatchKnownBot', f));
        const bots = deps.dataFiles?.bots(names) ?? [];
        const dns = deps.dns;
        return matchKnownBot(
          bots,
          str('MatchKnownBot', ip),
          str('MatchKnownBot', ua),
          str('MatchKnownBot', path),
          (a) => (dns ? dns.forwardConfirmedNames(a) : []),
        );
      },
    },
  ];
}
