import { readZoneInfo, type ZoneInfo, type ZoneType, zoneTypeAt } from './time-zoneinfo.ts';

/**
 * Go's `*time.Location`: UTC, a fixed offset (`time.FixedZone`), or a named IANA zone.
 *
 * IANA zones use the system zone file when there is one (exactly Go's abbreviations and historical
 * offsets) and Intl (ICU, always present in Node) for offsets past the file's last transition or
 * when no zone files are installed. Without zone files, abbreviations are approximated from ICU's
 * English short names (`EST`, `CET`) or written numerically like tzdata does (`+0530`).
 */

/** The zone in effect at an instant: abbreviation (may be empty) and offset east of UTC, seconds. */
export interface ZoneAt {
  readonly name: string;
  readonly offset: number;
}

export class GoLocation {
  /** The name Go's `Location.String()` returns (`UTC`, `Local`, `Europe/Paris`, a fixed zone's name). */
  readonly name: string;
  readonly #resolve: (unixSec: number) => ZoneAt;
  readonly #zones: (unixSec: number) => readonly ZoneAt[];

  /**
   * Low-level constructor: prefer `UTC`, `fixedZone`, `loadLocation`, `localLocation`.
   * `zones` lists the zones the location knows by name (Go's `Location.zone`), used when parsing
   * a zone abbreviation.
   */
  constructor(
    name: string,
    resolve: (unixSec: number) => ZoneAt,
    zones: (unixSec: number) => readonly ZoneAt[],
  ) {
    this.name = name;
    this.#resolve = resolve;
    this.#zones = zones;
  }

  /** The zone in effect at the given unix second. */
  lookup(unixSec: number): ZoneAt {
    return this.#resolve(unixSec);
  }

  /**
   * Go's `Location.lookupName`: the offset of the zone called `abbr`, preferring one actually in
   * effect around `unixSec` (a local wall-clock time read as UTC); undefined if the location has
   * no zone of that name.
   */
  lookupName(abbr: string, unixSec: number): number | undefined {
    const zones = this.#zones(unixSec);
    for (const z of zones) {
      if (z.name === abbr && this.#resolve(unixSec - z.offset).name === abbr) {
        return this.#resolve(unixSec - z.offset).offset;
      }
    }
    for (const z of zones) if (z.name === abbr) return z.offset;
    return undefined;
  }

  /** Go `Location.String()`. */
  String(): string {
    return this.name;
  }

  toString(): string {
    return this.name;
  }
}

const UTC_ZONE: ZoneAt = Object.freeze({ name: 'UTC', offset: 0 });

/** Go's `time.UTC`. It has no named zones, so parsing `UTC` as an abbreviation is special-cased. */
export const UTC = new GoLocation(
  'UTC',
  () => UTC_ZONE,
  () => [],
);

/** Go `time.FixedZone(name, offset)`: always `offset` seconds east of UTC, abbreviated `name`. */
export function fixedZone(name: string, offsetSeconds: number): GoLocation {
  const zone: ZoneAt = Object.freeze({ name, offset: offsetSeconds });
  const zones = Object.freeze([zone]);
  return new GoLocation(
    name,
    () => zone,
    () => zones,
  );
}

const cache = new Map<string, GoLocation>();
const MAX_CACHED = 1024;

/**
 * Go `time.LoadLocation`: `""` and `"UTC"` give UTC, `"Local"` the local zone, anything else an
 * IANA zone name (case-sensitive, as on Linux). Throws Go's errors: `unknown time zone X`,
 * `time: invalid location name`.
 */
export function loadLocation(name: string): GoLocation {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return localLocation();
  if (name.startsWith('/') || name.startsWith('\\') || containsDotDot(name)) {
    throw new Error('time: invalid location name');
  }
  const cached = cache.get(name);
  if (cached) return cached;
  const loc = ianaLocation(name, name, readZoneInfo(name));
  if (!loc) throw new Error(`unknown time zone ${name}`);
  if (cache.size < MAX_CACHED) cache.set(name, loc);
  return loc;
}

/**
 * The zone as Intl alone knows it, i.e. what `loadLocation` yields on a system without zone files
 * (offsets exact, abbreviations approximated). Throws like `loadLocation` for unknown names.
 */
export function intlLocation(name: string): GoLocation {
  const loc = ianaLocation(name, name, undefined);
  if (!loc) throw new Error(`unknown time zone ${name}`);
  return loc;
}

function containsDotDot(s: string): boolean {
  return s.split(/[/\\]/).includes('..');
}

let local: GoLocation | undefined;

/**
 * Go's `time.Local`, resolved on first use like Go's `initLocal`: `$TZ` unset ⇒ /etc/localtime
 * (named `Local`); `$TZ` empty or `UTC` ⇒ UTC; `$TZ` a zone name ⇒ that zone (named after it).
 */
export function localLocation(): GoLocation {
  if (!local) local = resolveLocal();
  return local;
}

/** Forgets the cached local zone (for tests that change `process.env.TZ`). */
export function resetLocalLocation(): void {
  local = undefined;
}

function resolveLocal(): GoLocation {
  let tz = process.env.TZ;
  if (tz === undefined) {
    const intlId = new Intl.DateTimeFormat('en-US').resolvedOptions().timeZone;
    return ianaLocation('Local', intlId, readZoneInfo('/etc/localtime')) ?? UTC;
  }
  if (tz.startsWith(':')) tz = tz.slice(1);
  if (tz === '' || tz === 'UTC') return UTC;
  const info = readZoneInfo(tz);
  const intlId = tz.startsWith('/') ? new Intl.DateTimeFormat('en-US').resolvedOptions().timeZone : tz;
  const name = tz === '/etc/localtime' ? 'Local' : tz;
  return ianaLocation(name, intlId, info) ?? UTC;
}

/** An IANA zone backed by its zone file and/or Intl; undefined when neither knows the name. */
function ianaLocation(name: string, intlId: string, info: ZoneInfo | undefined): GoLocation | undefined {
  const intl = intlZone(intlId, info !== undefined);
  if (!info && !intl) return undefined;
  const resolve = (unixSec: number): ZoneAt => {
    const type = info ? zoneTypeAt(info, unixSec) : undefined;
    if (type) return type;
    if (!intl) return info?.footer.std ?? info?.firstType ?? UTC_ZONE;
    const offset = intl.offset(unixSec);
    return { name: nameForOffset(info, offset) ?? intl.abbreviation(unixSec, offset), offset };
  };
  const zones = (unixSec: number): readonly ZoneAt[] => {
    if (info) {
      const { std, dst } = info.footer;
      return [...info.types, ...(std ? [std] : []), ...(dst ? [dst] : [])];
    }
    const halfYear = 182 * 86400;
    return [resolve(unixSec), resolve(unixSec - halfYear), resolve(unixSec + halfYear)];
  };
  return new GoLocation(name, resolve, zones);
}

/** The footer's or, failing that, the most recent type's abbreviation for an offset. */
function nameForOffset(info: ZoneInfo | undefined, offset: number): string | undefined {
  if (!info) return undefined;
  const { std, dst } = info.footer;
  if (std && std.offset === offset) return std.name;
  if (dst && dst.offset === offset) return dst.name;
  for (let i = info.typeIndex.length - 1; i >= 0; i--) {
    const t = info.types[info.typeIndex[i] as number] as ZoneType;
    if (t.offset === offset) return t.name;
  }
  return undefined;
}

interface IntlZone {
  offset(unixSec: number): number;
  abbreviation(unixSec: number, offset: number): string;
}

/** Intl.DateTimeFormat's valid range, ±8.64e15 ms. */
const MAX_MS = 8.64e15;

/**
 * Intl-backed offsets of a zone. Unless a zone file vouched for the name, a name that Intl only
 * accepts case-insensitively is refused, since Go's lookup on Linux is case-sensitive.
 */
function intlZone(id: string, trusted: boolean): IntlZone | undefined {
  let offsetFmt: Intl.DateTimeFormat;
  try {
    offsetFmt = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'longOffset' });
  } catch {
    return undefined;
  }
  const resolved = offsetFmt.resolvedOptions().timeZone;
  if (!trusted && resolved !== id && resolved.toLowerCase() === id.toLowerCase()) return undefined;
  const shortUs = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'short' });
  const shortGb = new Intl.DateTimeFormat('en-GB', { timeZone: id, timeZoneName: 'short' });
  const partOf = (fmt: Intl.DateTimeFormat, unixSec: number): string => {
    const ms = Math.max(-MAX_MS, Math.min(MAX_MS, unixSec * 1000));
    return fmt.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
  };
  return {
    offset: (unixSec) => parseGmtOffset(partOf(offsetFmt, unixSec)),
    abbreviation: (unixSec, offset) => {
      if (resolved === 'UTC') return 'UTC';
      for (const fmt of [shortUs, shortGb]) {
        const n = partOf(fmt, unixSec);
        if (/^[A-Z]{3,5}$/.test(n)) return n;
      }
      return numericAbbreviation(offset);
    },
  };
}

/** `GMT`, `GMT+02:00`, `GMT-03:06:28` ⇒ offset in seconds. */
function parseGmtOffset(text: string): number {
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(text);
  if (!m?.[1]) return 0;
  const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -secs : secs;
}

/** tzdata's numeric abbreviation style: `+03`, `-0330`, `+052110`. */
function numericAbbreviation(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = String(Math.floor((a % 3600) / 60)).padStart(2, '0');
  const ss = String(a % 60).padStart(2, '0');
  if (ss !== '00') return `${sign}${hh}${mm}${ss}`;
  return mm === '00' ? `${sign}${hh}` : `${sign}${hh}${mm}`;
}
