/**
 * The contract between the parser engine and the enrichers (`method:` statics, hub-compat §1.8).
 * The engine calls `registry.get(static.method)(value, evt)` and copies every returned key/value
 * into `evt.Enriched`; enrichers may also write other event fields themselves (`ParseDate` sets
 * `evt.Time` in time-machine mode, `UnmarshalJSON` fills `evt.Unmarshaled`).
 */
import type { Event } from '../../event/index.ts';
import type { GoTime } from '../../expr/values/time.ts';
import type { GoLocation } from '../../expr/values/time-location.ts';

/**
 * One enricher: called with the static's value and the live event; returns the keys/values to
 * copy into `evt.Enriched`, or null when it has nothing to add. Never throws for bad input (a
 * problem is reported through `EnricherOptions.onWarning`), and never blocks.
 */
export type Enricher = (value: string, evt: Event) => Record<string, string> | null;

/** Enrichers by `method:` name (`ParseDate`, `GeoIpCity`, …). */
export type EnricherRegistry = ReadonlyMap<string, Enricher>;

/**
 * Non-blocking reverse DNS, as the `reverse_dns` enricher needs it: enrichers run synchronously
 * inside the parse of one event, so the resolver must answer from memory.
 */
export interface ReverseResolver {
  /**
   * The first PTR name of `ip` if it is known right now, else null (unknown, no PTR record, or
   * not yet resolved: an implementation may start a background lookup that serves later calls).
   */
  reverseFromCacheOrSchedule(ip: string): string | null;
}

/** Options of `createEnrichers`. */
export interface EnricherOptions {
  /** Where `GeoLite2-City.mmdb` / `GeoLite2-ASN.mmdb` live (CrowdSec's file names). */
  readonly dataDir?: string;
  /** Explicit City database path (overrides the `dataDir` lookup). */
  readonly cityDb?: string;
  /** Explicit ASN database path (overrides the `dataDir` lookup). */
  readonly asnDb?: string;
  /** Pinned "now": the fallback `MarshaledTime`, and the year of year-less dates. Default: wall clock. */
  readonly now?: () => GoTime;
  /** Go's `time.Local` for `ParseDate` (zone of unix timestamps). Default: the process zone. */
  readonly local?: GoLocation;
  /** Reverse resolver of `reverse_dns`. Default: `NonBlockingReverseDns` over `node:dns`. */
  readonly dns?: ReverseResolver;
  /** Already opened GeoIP databases (shared with the expression helpers); skips `dataDir`. */
  readonly geoip?: GeoIpDatabasesLike | null;
  /** Non-fatal problems: missing database, bad JSON, lookup errors. */
  readonly onWarning?: (msg: string) => void;
}

/** The subset of `GeoIpDatabases` the enrichers use (declared here to keep this file a leaf). */
export interface GeoIpDatabasesLike {
  readonly hasCity: boolean;
  readonly hasAsn: boolean;
  city(ip: string): GeoLookup;
  asn(ip: string): GeoLookup;
  network(ip: string): NetworkLookup;
}

/**
 * Result of one GeoIP lookup, with Go's distinctions: `error` (invalid address, IPv6 in an
 * IPv4-only database) vs a `record`, which is `null` when the address is not in the database.
 */
export type GeoLookup =
  | { readonly ok: true; readonly record: Readonly<Record<string, unknown>> | null }
  | { readonly ok: false; readonly error: string };

/** Result of a network lookup: the CIDR text of the matching record, or null when none matches. */
export type NetworkLookup =
  | { readonly ok: true; readonly network: string | null }
  | { readonly ok: false; readonly error: string };
