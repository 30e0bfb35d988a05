/**
 * Adapter from the opened GeoIP databases to the expression helpers' `HelperDeps.geoip`
 * (`GeoIPEnrich`, `GeoIPASNEnrich`, `GeoIPRangeEnrich`, `IPToCountry`), so that enrichers and
 * expressions share one copy of each database.
 */
import type { GeoIpLookup } from '../../expr/helpers/deps.ts';
import type { GeoIpDatabasesLike } from './types.ts';

/**
 * A `GeoIpLookup` over `db`. Go semantics: a missing database makes the helper return nil (the
 * member is absent); a lookup error (invalid address, IPv6 in an IPv4-only database) throws, which
 * the helper turns into an expression error; an address absent from the database gives an empty
 * record `{}` (Go returns a zero-valued struct, not nil) for `city`/`asn`, and null for `network`.
 */
export function geoIpHelperDeps(db: GeoIpDatabasesLike | null): GeoIpLookup {
  const out: GeoIpLookup = {};
  if (!db) return out;
  if (db.hasCity) {
    out.city = (ip: string) => {
      const r = db.city(ip);
      if (!r.ok) throw new Error(r.error);
      return r.record ? { ...r.record } : {};
    };
  }
  if (db.hasAsn) {
    out.asn = (ip: string) => {
      const r = db.asn(ip);
      if (!r.ok) throw new Error(r.error);
      return r.record ? { ...r.record } : {};
    };
    out.network = (ip: string) => {
      const r = db.network(ip);
      if (!r.ok) throw new Error(r.error);
      return r.network;
    };
  }
  return out;
}
