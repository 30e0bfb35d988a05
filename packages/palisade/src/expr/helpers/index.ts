/**
 * The CrowdSec expression helpers (spec §4.6): one table of `ExprFunction`s built from injected
 * dependencies. Build a fresh table per configuration load; nothing is shared between tables.
 *
 * @example
 * const functions = createHelpers({ dataFiles: store, logger });
 * const program = compile('Upper(evt.Meta.method) == "GET"', { env, functions });
 */
import type { ExprFunction } from '../functions.ts';
import { decisionHelpers } from './decisions.ts';
import type { HelperDeps } from './deps.ts';
import { fileHelpers } from './files.ts';
import { geoipHelpers } from './geoip.ts';
import { ipHelpers } from './ip.ts';
import { ja4hHelper } from './ja4h.ts';
import { jsonHelpers } from './json.ts';
import { kvHelpers } from './kv.ts';
import { libinjectionHelpers } from './libinjection/index.ts';
import { miscHelpers } from './misc.ts';
import { netHelpers } from './net.ts';
import { stashHelpers } from './stash.ts';
import { stringHelpers } from './strings.ts';
import { timeHelpers } from './time.ts';
import { urlHelpers } from './url.ts';
import { xmlHelpers } from './xml.ts';

export type {
  CtiClient,
  DataFileLookup,
  DecisionStore,
  DnsResolver,
  GeoIpLookup,
  HelperDeps,
  HelperLogger,
  HttpClient,
  HttpResponse,
  KnownBot,
  StashStore,
} from './deps.ts';
export { silentLogger } from './deps.ts';
export { CachedDnsResolver } from './dns-cache.ts';
export { HelperError } from './errors.ts';
export { MemoryStash, type StashCacheConfig } from './stash.ts';

/** Names of all helpers CrowdSec registers (82), for completeness checks. */
export const HELPER_NAMES: readonly string[] = Object.freeze([
  'Atof',
  'AverageInterval',
  'B64Decode',
  'CrowdsecCTI',
  'Distance',
  'Distinct',
  'ExtractQueryParam',
  'Fields',
  'File',
  'FileMap',
  'Flatten',
  'FlattenDistinct',
  'FloatApproxEqual',
  'GeoIPASNEnrich',
  'GeoIPEnrich',
  'GeoIPRangeEnrich',
  'Get',
  'GetActiveDecisionsCount',
  'GetActiveDecisionsTimeLeft',
  'GetDecisionsCount',
  'GetDecisionsSinceCount',
  'GetFromStash',
  'HTTPGet',
  'HTTPHead',
  'HTTPPost',
  'HTTPRequest',
  'Hostname',
  'IPToCountry',
  'Index',
  'IndexAny',
  'IpInRange',
  'IpToRange',
  'IsIP',
  'IsIPV4',
  'IsIPV6',
  'JA4H',
  'Join',
  'JsonExtract',
  'JsonExtractLib',
  'JsonExtractObject',
  'JsonExtractSlice',
  'JsonExtractUnescape',
  'KeyExists',
  'LibInjectionIsSQLI',
  'LibInjectionIsXSS',
  'LogInfo',
  'LookupFile',
  'LookupHost',
  'Lower',
  'Match',
  'MatchKnownBot',
  'MedianInterval',
  'ParseKV',
  'ParseKVLax',
  'ParseQuery',
  'ParseUnix',
  'ParseUri',
  'PathEscape',
  'PathUnescape',
  'QueryEscape',
  'QueryUnescape',
  'RegexpInFile',
  'Replace',
  'ReplaceAll',
  'SetInStash',
  'Split',
  'SplitAfter',
  'SplitAfterN',
  'SplitN',
  'Sprintf',
  'TimeNow',
  'ToJsonString',
  'ToString',
  'Trim',
  'TrimLeft',
  'TrimPrefix',
  'TrimRight',
  'TrimSpace',
  'TrimSuffix',
  'UnmarshalJSON',
  'Upper',
  'XMLGetAttributeValue',
  'XMLGetNodeValue',
]);

/** Builds the helper table over `deps` (every dependency optional; see deps.ts). */
export function createHelpers(deps: HelperDeps = {}): ExprFunction[] {
  return [
    ...stringHelpers,
    ...jsonHelpers(deps),
    ...kvHelpers(deps),
    ...ipHelpers(deps),
    ...urlHelpers(deps),
    ...xmlHelpers(deps),
    ...timeHelpers(deps),
    ...miscHelpers(deps),
    ...fileHelpers(deps),
    ...stashHelpers(deps),
    ...geoipHelpers(deps),
    ...netHelpers(deps),
    ...decisionHelpers(deps),
    ...libinjectionHelpers,
    ja4hHelper,
  ];
}
