/**
 * The parser enrichers (`method:` statics, hub-compat §1.8): `createEnrichers(options)` builds
 * the registry the parser engine calls. One registry per configuration load (no module state).
 */
import { parseDateEnricher } from './date.ts';
import { geoIpAsnEnricher, geoIpCityEnricher, ipToRangeEnricher } from './geoip.ts';
import { openGeoIp } from './geoip-db.ts';
import { NonBlockingReverseDns, reverseDnsEnricher } from './reverse-dns.ts';
import type { Enricher, EnricherOptions, EnricherRegistry } from './types.ts';
import { unmarshalJsonEnricher } from './unmarshal-json.ts';

export { parseDateEnricher } from './date.ts';
export { geoIpAsnEnricher, geoIpCityEnricher, ipToRangeEnricher } from './geoip.ts';
export {
  ASN_DB_FILE,
  CITY_DB_FILE,
  GeoIpDatabases,
  type GeoIpOpenOptions,
  openGeoIp,
} from './geoip-db.ts';
export { geoIpHelperDeps } from './geoip-deps.ts';
export {
  NonBlockingReverseDns,
  type NonBlockingReverseDnsOptions,
  reverseDnsEnricher,
} from './reverse-dns.ts';
export type {
  Enricher,
  EnricherOptions,
  EnricherRegistry,
  GeoIpDatabasesLike,
  GeoLookup,
  NetworkLookup,
  ReverseResolver,
} from './types.ts';
export { unmarshalJsonEnricher } from './unmarshal-json.ts';

/**
 * The six CrowdSec enrichers by method name: `ParseDate`, `GeoIpCity`, `GeoIpASN`, `IpToRange`,
 * `reverse_dns`, `UnmarshalJSON`. GeoIP databases are opened now (a missing one is a warning and
 * its enrichers return null); `options.geoip` reuses databases already opened.
 */
export function createEnrichers(options: EnricherOptions = {}): EnricherRegistry {
  const warn = options.onWarning ?? (() => {});
  const geoip =
    options.geoip !== undefined
      ? options.geoip
      : openGeoIp({
          dataDir: options.dataDir,
          cityDb: options.cityDb,
          asnDb: options.asnDb,
          onWarning: warn,
        });
  const dns = options.dns ?? new NonBlockingReverseDns();
  const entries: [string, Enricher][] = [
    ['ParseDate', parseDateEnricher({ now: options.now, local: options.local })],
    ['GeoIpCity', geoIpCityEnricher(geoip, warn)],
    ['GeoIpASN', geoIpAsnEnricher(geoip, warn)],
    ['IpToRange', ipToRangeEnricher(geoip, warn)],
    ['reverse_dns', reverseDnsEnricher(dns)],
    ['UnmarshalJSON', unmarshalJsonEnricher(warn)],
  ];
  return new Map(entries);
}
