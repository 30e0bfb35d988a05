/**
 * The GeoIP enrichers of `crowdsecurity/geoip-enrich` (hub-compat §1.8): `GeoIpCity`,
 * `GeoIpASN` and `IpToRange`. Their outputs are CrowdSec's strings exactly (`%f` coordinates,
 * `strconv.FormatBool`, `%d` AS numbers, Go `IPNet.String()` ranges).
 */
import { formatFloat } from '../../expr/values/format.ts';
import type { Enricher, GeoIpDatabasesLike } from './types.ts';

type Warn = (msg: string) => void;

/** `obj[key]` as a record when it is one (mmdb maps decode to plain objects). */
function sub(obj: unknown, key: string): Readonly<Record<string, unknown>> | undefined {
  if (obj === null || typeof obj !== 'object' || !Object.hasOwn(obj, key)) return undefined;
  const v = (obj as Record<string, unknown>)[key];
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

/** Go's zero-value reading of a decoded field: absent or mistyped ⇒ the zero value. */
function str(obj: unknown, key: string): string {
  if (obj === null || typeof obj !== 'object' || !Object.hasOwn(obj, key)) return '';
  const v = (obj as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : '';
}

function num(obj: unknown, key: string): number {
  if (obj === null || typeof obj !== 'object' || !Object.hasOwn(obj, key)) return 0;
  const v = (obj as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
}

function bool(obj: unknown, key: string): boolean {
  if (obj === null || typeof obj !== 'object' || !Object.hasOwn(obj, key)) return false;
  return (obj as Record<string, unknown>)[key] === true;
}

/** Go `%d` of an AS number (uint): decimal, no exponent even for large values. */
function decimal(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(Math.trunc(n)).toString();
}

/**
 * `GeoIpCity(ip)`: `IsoCode` and `IsInEU` from the first of country, registered_country,
 * represented_country that has an ISO code (else `""` / `"false"`), plus `Latitude` and
 * `Longitude` as `%f`. An address absent from the database yields the zero record's values
 * (`""`, `"false"`, `"0.000000"`), as Go's geoip2 does. Empty input, a missing database or a
 * lookup error (invalid address, IPv6 in an IPv4 database) ⇒ null.
 */
export function geoIpCityEnricher(db: GeoIpDatabasesLike | null, warn: Warn): Enricher {
  return (ip: string) => {
    if (ip === '' || !db?.hasCity) return null;
    const r = db.city(ip);
    if (!r.ok) {
      warn(`GeoIpCity: unable to enrich ip '${ip}': ${r.error}`);
      return null;
    }
    const rec = r.record ?? {};
    let isoCode = '';
    let inEu = false;
    for (const key of ['country', 'registered_country', 'represented_country']) {
      const c = sub(rec, key);
      if (str(c, 'iso_code') !== '') {
        isoCode = str(c, 'iso_code');
        inEu = bool(c, 'is_in_european_union');
        break;
      }
    }
    const loc = sub(rec, 'location');
    return {
      IsoCode: isoCode,
      IsInEU: inEu ? 'true' : 'false',
      Latitude: formatFloat(num(loc, 'latitude'), 'f', 6),
      Longitude: formatFloat(num(loc, 'longitude'), 'f', 6),
    };
  };
}

/**
 * `GeoIpASN(ip)`: `ASNNumber` and `ASNumber` (the same `%d` value) and `ASNOrg`. An address absent
 * from the database yields `"0"` / `""` (Go's zero record). Empty input, missing database or
 * lookup error ⇒ null.
 */
export function geoIpAsnEnricher(db: GeoIpDatabasesLike | null, warn: Warn): Enricher {
  return (ip: string) => {
    if (ip === '' || !db?.hasAsn) return null;
    const r = db.asn(ip);
    if (!r.ok) {
      warn(`GeoIpASN: unable to enrich ip '${ip}': ${r.error}`);
      return null;
    }
    const rec = r.record ?? {};
    const number = decimal(num(rec, 'autonomous_system_number'));
    return { ASNNumber: number, ASNumber: number, ASNOrg: str(rec, 'autonomous_system_organization') };
  };
}

/**
 * `IpToRange(ip)`: `SourceRange`, the network of the ASN database record containing `ip`
 * (`1.2.3.0/24`). No containing record, empty input, missing database or lookup error ⇒ null.
 */
export function ipToRangeEnricher(db: GeoIpDatabasesLike | null, warn: Warn): Enricher {
  return (ip: string) => {
    if (ip === '' || !db?.hasAsn) return null;
    const r = db.network(ip);
    if (!r.ok) {
      warn(`IpToRange: unable to enrich ip '${ip}': ${r.error}`);
      return null;
    }
    return r.network === null ? null : { SourceRange: r.network };
  };
}
