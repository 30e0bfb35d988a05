/**
 * Everything the helpers reach outside the expression: one `HelperDeps` object is built per
 * configuration load and passed to `createHelpers` (code-anchors §8.1: no module-level state, a
 * reload builds a fresh set). Every member is optional; a helper whose dependency is missing
 * behaves like CrowdSec without it, or throws a `HelperError` where CrowdSec would fail.
 *
 * All interfaces are synchronous because expressions are: implementations answer from memory
 * (preloaded files, caches filled in the background) and never block.
 */

/** Minimal structured logger (the process logger is adapted to this shape). */
export interface HelperLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * The data files declared by `data:` entries (spec §6). Each method returns `undefined` when the
 * file was not loaded with that kind, so that the helper can log CrowdSec's "not found" error.
 */
export interface DataFileLookup {
  /** Lines of a `type: string` file (`File`). */
  strings(name: string): readonly string[] | undefined;
  /** Whether any regex of a `type: regexp` file matches `s` (`RegexpInFile`, with its result cache). */
  regexpMatch(name: string, s: string): boolean | undefined;
  /** Tag of the first matching row of a `type: map` file: equals, then contains, then regex (`LookupFile`). */
  lookup(name: string, s: string): string | undefined;
  /** Rows of a `type: map` file (`FileMap`). */
  mapRows(name: string): readonly Readonly<Record<string, string>>[] | undefined;
  /** Bot entries of `type: bots` files, for `MatchKnownBot`. `files` empty ⇒ all bot files. */
  bots(files: readonly string[]): readonly KnownBot[];
}

/** One compiled entry of a `bots` data file (spec §6): (UA && path) && (ip | range | rDNS). */
export interface KnownBot {
  readonly name: string;
  readonly userAgent?: RegExp;
  readonly paths: readonly RegExp[];
  readonly ips: readonly string[];
  readonly ranges: readonly string[];
  /** Lower-case DNS suffixes without leading/trailing dots. */
  readonly rdns: readonly string[];
}

/** Named caches written by parser `stash:` entries and `SetInStash`, read by `GetFromStash`. */
export interface StashStore {
  /** Value of `key` in cache `name`, or `undefined` when the cache or key is absent/expired. */
  get(name: string, key: string): string | undefined;
  /** Writes `key` with an optional TTL in nanoseconds (a Go Duration); unknown cache ⇒ false. */
  set(name: string, key: string, value: string, ttlNs?: number): boolean;
}

/** Raw GeoIP records (MaxMind mmdb). `null` when the address is not in the database. */
export interface GeoIpLookup {
  city?(ip: string): Record<string, unknown> | null;
  asn?(ip: string): Record<string, unknown> | null;
  /** The network (CIDR string) containing `ip` in the ASN database. */
  network?(ip: string): string | null;
}

/** DNS answers, from memory. The default resolver (net.ts) answers from a bounded cache. */
export interface DnsResolver {
  lookupHost(host: string): readonly string[];
  /** Reverse names of `ip` that resolve back to `ip` (forward-confirmed rDNS), lower-case. */
  forwardConfirmedNames(ip: string): readonly string[];
}

/** Decision counts from the Local API database. */
export interface DecisionStore {
  count(value: string): number;
  activeCount(value: string): number;
  /** Time left of the longest active decision, in nanoseconds. */
  activeTimeLeftNs(value: string): number;
  /** Decisions created since `sinceMs` (epoch milliseconds). */
  countSince(value: string, sinceMs: number): number;
}

/** Outbound HTTP for the `HTTP*` helpers (10 s timeout, 10 MiB body cap in CrowdSec). */
export interface HttpClient {
  request(method: string, url: string, headers: Record<string, string>, body: string): HttpResponse;
}

/** Shape returned by the `HTTP*` helpers (CrowdSec `HTTPResponse`). */
export interface HttpResponse {
  StatusCode: number;
  Body: string;
  Headers: Record<string, string[]>;
}

/** CrowdSec CTI smoke lookups. */
export interface CtiClient {
  smoke(ip: string): unknown;
}

/** The dependencies of the helper table. */
export interface HelperDeps {
  readonly logger?: HelperLogger;
  readonly dataFiles?: DataFileLookup;
  readonly stash?: StashStore;
  readonly geoip?: GeoIpLookup;
  readonly dns?: DnsResolver;
  readonly decisions?: DecisionStore;
  readonly http?: HttpClient;
  readonly cti?: CtiClient;
  /** Host name for `Hostname()`; default os.hostname(). */
  readonly hostname?: () => string;
  /** Wall clock in epoch milliseconds; default Date.now. */
  readonly now?: () => number;
}

/** A logger that drops everything, used when none is injected. */
export const silentLogger: HelperLogger = Object.freeze({
  debug() {},
  info() {},
  warn() {},
  error() {},
});
