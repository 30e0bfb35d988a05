/**
 * The MaxMind databases behind the GeoIP enrichers and the GeoIP expression helpers. Files are
 * read once into memory and decoded with `maxmind`'s `Reader`, so that every lookup is
 * synchronous (enrichers and expressions cannot wait). Lookups reproduce Go's
 * `oschwald/geoip2-golang` + `maxminddb-golang` behaviour: an invalid address or an IPv6 address
 * in an IPv4-only database is an error, an IPv4-mapped IPv6 address is looked up as IPv4, an
 * address absent from the database yields a null record.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Reader } from 'maxmind';
import { formatV6, type GoIP, isV4, parseIP, prefixString } from '../../expr/helpers/go-ip.ts';
import { BoundedLru } from './lru.ts';
import type { GeoIpDatabasesLike, GeoLookup, NetworkLookup } from './types.ts';

/** CrowdSec's file name of the City database in the data directory. */
export const CITY_DB_FILE = 'GeoLite2-City.mmdb';
/** CrowdSec's file name of the ASN database in the data directory. */
export const ASN_DB_FILE = 'GeoLite2-ASN.mmdb';

/** Options of `openGeoIp`. */
export interface GeoIpOpenOptions {
  /** Directory holding `GeoLite2-City.mmdb` and `GeoLite2-ASN.mmdb`. */
  readonly dataDir?: string;
  /** Explicit City database path (wins over `dataDir`). */
  readonly cityDb?: string;
  /** Explicit ASN database path (wins over `dataDir`). */
  readonly asnDb?: string;
  /** Decoded-record cache entries per database (bounded; default 10,000; 0 disables it). */
  readonly cacheEntries?: number;
  /** Why a database could not be opened. */
  readonly onWarning?: (msg: string) => void;
}

type AnyRecord = Readonly<Record<string, unknown>>;

/** One opened database: its reader and whether Go's typed getters accept its type. */
interface OpenedDb {
  readonly path: string;
  readonly reader: Reader<AnyRecord>;
  readonly ipVersion: number;
  readonly databaseType: string;
}

/** geoip2-golang's City getter accepts City, Enterprise and DB-IP city databases. */
function isCityType(t: string): boolean {
  return /City|Enterprise/.test(t);
}

/** geoip2-golang's ASN getter accepts ASN and ISP databases (MaxMind and DB-IP). */
function isAsnType(t: string): boolean {
  return /ASN|ISP/.test(t);
}

/** The address as `maxmind` should look it up (canonical text), or an error in Go's words. */
function lookupKey(ip: string, db: OpenedDb): { key: string; addr: GoIP } | { error: string } {
  const parsed = parseIP(ip);
  if (!parsed) return { error: `invalid IP address '${ip}'` };
  const b = parsed.bytes;
  if (isV4(b)) {
    const key = `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
    // Go looks an IPv4-mapped address up as IPv4 and prints its network in dotted form.
    return { key, addr: { bytes: b, textV4: true } };
  }
  if (db.ipVersion === 4) {
    return {
      error: `error looking up '${ip}': you attempted to look up an IPv6 address in an IPv4-only database`,
    };
  }
  return { key: formatV6(b), addr: { bytes: b, textV4: false } };
}

/**
 * Opened GeoIP databases (either may be missing). Methods never throw: failures come back as
 * `{ok: false, error}` (invalid address, wrong database type, missing database).
 */
export class GeoIpDatabases implements GeoIpDatabasesLike {
  readonly #city: OpenedDb | null;
  readonly #asn: OpenedDb | null;

  /** Use `openGeoIp`; the constructor takes already opened databases. */
  constructor(city: OpenedDb | null, asn: OpenedDb | null) {
    this.#city = city;
    this.#asn = asn;
  }

  /** True when a City database is loaded. */
  get hasCity(): boolean {
    return this.#city !== null;
  }

  /** True when an ASN database is loaded. */
  get hasAsn(): boolean {
    return this.#asn !== null;
  }

  /** Raw City record of `ip` (maxmind's snake_case shape), null when absent. */
  city(ip: string): GeoLookup {
    return this.#record(this.#city, ip, 'City', isCityType);
  }

  /** Raw ASN record of `ip` (`autonomous_system_number`, `autonomous_system_organization`). */
  asn(ip: string): GeoLookup {
    return this.#record(this.#asn, ip, 'ASN', isAsnType);
  }

  /**
   * The network of the ASN record containing `ip` (Go `IPNet.String()`: `1.2.3.0/24`,
   * `2001:db8::/32`), null when no record contains it.
   */
  network(ip: string): NetworkLookup {
    const db = this.#asn;
    if (!db) return { ok: false, error: 'no ASN database loaded' };
    const k = lookupKey(ip, db);
    if ('error' in k) return { ok: false, error: k.error };
    try {
      const [rec, prefix] = db.reader.getWithPrefixLength(k.key);
      if (rec === null) return { ok: true, network: null };
      const text = prefixString(k.addr, prefix);
      return text === undefined ? { ok: true, network: null } : { ok: true, network: text };
    } catch (err) {
      return { ok: false, error: `error looking up '${ip}': ${(err as Error).message}` };
    }
  }

  #record(db: OpenedDb | null, ip: string, method: string, accepts: (t: string) => boolean): GeoLookup {
    if (!db) return { ok: false, error: `no ${method} database loaded` };
    if (!accepts(db.databaseType)) {
      return { ok: false, error: `${method} cannot be used with the ${db.databaseType} database type` };
    }
    const k = lookupKey(ip, db);
    if ('error' in k) return { ok: false, error: k.error };
    try {
      return { ok: true, record: db.reader.get(k.key) };
    } catch (err) {
      return { ok: false, error: `error looking up '${ip}': ${(err as Error).message}` };
    }
  }
}

function openOne(
  kind: string,
  path: string,
  cacheEntries: number,
  warn: (msg: string) => void,
): OpenedDb | null {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    warn(
      code === 'ENOENT'
        ? `GeoIP ${kind} database not found at ${path}: ${kind} enrichment disabled`
        : `GeoIP ${kind} database ${path} cannot be read: ${(err as Error).message}`,
    );
    return null;
  }
  try {
    const cache = cacheEntries > 0 ? new BoundedLru<string | number, unknown>(cacheEntries) : undefined;
    const reader = new Reader<AnyRecord>(buf, cache ? { cache } : {});
    return {
      path,
      reader,
      ipVersion: reader.metadata.ipVersion,
      databaseType: reader.metadata.databaseType,
    };
  } catch (err) {
    warn(`GeoIP ${kind} database ${path} is not a valid MaxMind database: ${(err as Error).message}`);
    return null;
  }
}

/**
 * Opens the City and ASN databases (`cityDb`/`asnDb`, else `<dataDir>/GeoLite2-City.mmdb` and
 * `<dataDir>/GeoLite2-ASN.mmdb`). A missing or invalid file is a warning; returns null when
 * neither database could be opened (or no location was given at all, which is silent).
 */
export function openGeoIp(options: GeoIpOpenOptions = {}): GeoIpDatabases | null {
  const warn = options.onWarning ?? (() => {});
  const cacheEntries = options.cacheEntries ?? 10_000;
  const cityPath = options.cityDb ?? (options.dataDir ? join(options.dataDir, CITY_DB_FILE) : undefined);
  const asnPath = options.asnDb ?? (options.dataDir ? join(options.dataDir, ASN_DB_FILE) : undefined);
  const city = cityPath ? openOne('City', cityPath, cacheEntries, warn) : null;
  const asn = asnPath ? openOne('ASN', asnPath, cacheEntries, warn) : null;
  if (!city && !asn) return null;
  return new GeoIpDatabases(city, asn);
}
