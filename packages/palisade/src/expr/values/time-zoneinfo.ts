import { readFileSync } from 'node:fs';

/**
 * Reads the system's compiled time zone files (TZif, RFC 8536) the way Go's `time.LoadLocation`
 * finds them, so that zone abbreviations (`CET`, `CEST`, `-03`) and historical offsets are exactly
 * Go's. Times after the last recorded transition follow the footer rule, which the caller resolves
 * through Intl (see time-location.ts); the footer's names are kept for that.
 */

/** One local time type of a zone. */
export interface ZoneType {
  readonly name: string;
  readonly offset: number;
  readonly isDst: boolean;
}

/** A parsed zone file. */
export interface ZoneInfo {
  readonly types: readonly ZoneType[];
  /** Transition instants (unix seconds), ascending. */
  readonly times: readonly number[];
  /** Index into `types` of the type in effect from the matching transition on. */
  readonly typeIndex: readonly number[];
  /** The type used before the first transition (Go's `lookupFirstZone`). */
  readonly firstType: ZoneType | undefined;
  /** Names of the footer rule (`CET-1CEST,...` ⇒ standard CET, daylight CEST), if any. */
  readonly footer: { readonly std?: ZoneType; readonly dst?: ZoneType };
}

/** Directories Go searches (after `$ZONEINFO`), in order. */
const ZONE_DIRS = [
  '/usr/share/zoneinfo/',
  '/usr/share/lib/zoneinfo/',
  '/usr/lib/locale/TZ/',
  '/etc/zoneinfo/',
];

/** Zone files are a few KiB; anything larger is not one. */
const MAX_ZONE_FILE = 1 << 20;

/**
 * Finds and parses the zone file for an IANA name (`Europe/Paris`), or for an absolute path.
 * Returns undefined when no readable, valid file exists.
 */
export function readZoneInfo(name: string): ZoneInfo | undefined {
  const candidates = name.startsWith('/') ? [name] : zoneFileCandidates(name);
  for (const file of candidates) {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      continue;
    }
    if (data.length > MAX_ZONE_FILE) continue;
    const info = parseTzif(data);
    if (info) return info;
  }
  return undefined;
}

function zoneFileCandidates(name: string): string[] {
  const dirs = [...ZONE_DIRS];
  const env = process.env.ZONEINFO;
  if (env) dirs.unshift(env.endsWith('/') ? env : `${env}/`);
  return dirs.map((d) => d + name);
}

/** Parses TZif data (versions 1-4, using the 64-bit section when present). */
export function parseTzif(data: Uint8Array): ZoneInfo | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const header = readHeader(view, 0);
  if (!header) return undefined;
  let pos = 44;
  let timeSize = 4;
  let h = header;
  if (header.version >= 2) {
    // Skip the 32-bit block, then read the 64-bit header and block.
    pos += blockSize(header, 4);
    const h2 = readHeader(view, pos);
    if (!h2) return undefined;
    h = h2;
    pos += 44;
    timeSize = 8;
  }
  if (pos + blockSize(h, timeSize) > data.length) return undefined;
  const times: number[] = [];
  for (let i = 0; i < h.timecnt; i++) {
    times.push(timeSize === 8 ? Number(view.getBigInt64(pos + i * 8)) : view.getInt32(pos + i * 4));
  }
  pos += h.timecnt * timeSize;
  const typeIndex: number[] = [];
  for (let i = 0; i < h.timecnt; i++) typeIndex.push(view.getUint8(pos + i));
  pos += h.timecnt;
  const raw: { offset: number; isDst: boolean; abbr: number }[] = [];
  for (let i = 0; i < h.typecnt; i++) {
    raw.push({
      offset: view.getInt32(pos + i * 6),
      isDst: view.getUint8(pos + i * 6 + 4) !== 0,
      abbr: view.getUint8(pos + i * 6 + 5),
    });
  }
  pos += h.typecnt * 6;
  const chars = Buffer.from(data.subarray(pos, pos + h.charcnt)).toString('latin1');
  pos += blockSize(h, timeSize) - (h.timecnt * timeSize + h.timecnt + h.typecnt * 6);
  const types: ZoneType[] = raw.map((t) => {
    const end = chars.indexOf('\0', t.abbr);
    return Object.freeze({
      name: chars.slice(t.abbr, end < 0 ? undefined : end),
      offset: t.offset,
      isDst: t.isDst,
    });
  });
  if (types.length === 0 || typeIndex.some((i) => i >= types.length)) return undefined;
  const footerText = timeSize === 8 ? readFooter(data, pos) : '';
  return Object.freeze({
    types,
    times,
    typeIndex,
    firstType: types[firstTypeIndex(types, typeIndex)],
    footer: parseFooterNames(footerText),
  });
}

interface Header {
  version: number;
  isutcnt: number;
  isstdcnt: number;
  leapcnt: number;
  timecnt: number;
  typecnt: number;
  charcnt: number;
}

function readHeader(view: DataView, at: number): Header | undefined {
  if (at + 44 > view.byteLength) return undefined;
  const magic = String.fromCharCode(
    view.getUint8(at),
    view.getUint8(at + 1),
    view.getUint8(at + 2),
    view.getUint8(at + 3),
  );
  if (magic !== 'TZif') return undefined;
  const v = view.getUint8(at + 4);
  const version = v === 0 ? 1 : v - 48;
  const n = (i: number) => view.getUint32(at + 20 + i * 4);
  return {
    version,
    isutcnt: n(0),
    isstdcnt: n(1),
    leapcnt: n(2),
    timecnt: n(3),
    typecnt: n(4),
    charcnt: n(5),
  };
}

function blockSize(h: Header, timeSize: number): number {
  return (
    h.timecnt * timeSize +
    h.timecnt +
    h.typecnt * 6 +
    h.charcnt +
    h.leapcnt * (timeSize + 4) +
    h.isstdcnt +
    h.isutcnt
  );
}

function readFooter(data: Uint8Array, pos: number): string {
  if (data[pos] !== 0x0a) return '';
  const end = data.indexOf(0x0a, pos + 1);
  if (end < 0) return '';
  return Buffer.from(data.subarray(pos + 1, end)).toString('latin1');
}

/** Go's `lookupFirstZone`: the type in effect before the first transition. */
function firstTypeIndex(types: readonly ZoneType[], typeIndex: readonly number[]): number {
  if (!typeIndex.includes(0)) return 0;
  const first = typeIndex[0];
  if (first !== undefined && types[first]?.isDst) {
    for (let i = first - 1; i >= 0; i--) if (!types[i]?.isDst) return i;
  }
  const std = types.findIndex((t) => !t.isDst);
  return Math.max(std, 0);
}

/**
 * Names and offsets of a POSIX TZ footer (`CET-1CEST,M3.5.0,M10.5.0/3`, `<-03>3`, `EST5EDT,...`).
 * POSIX offsets are west-positive; Go's are east-positive. The DST offset defaults to std + 1h.
 */
function parseFooterNames(text: string): { std?: ZoneType; dst?: ZoneType } {
  let i = 0;
  const name = (): string | undefined => {
    if (text[i] === '<') {
      const end = text.indexOf('>', i);
      if (end < 0) return undefined;
      const n = text.slice(i + 1, end);
      i = end + 1;
      return n;
    }
    const start = i;
    while (i < text.length && /[A-Za-z]/.test(text[i] as string)) i++;
    return i - start >= 3 ? text.slice(start, i) : undefined;
  };
  const offset = (): number | undefined => {
    const m = /^([+-]?)(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?/.exec(text.slice(i, i + 16));
    if (!m) return undefined;
    i += m[0].length;
    const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? secs : -secs;
  };
  const stdName = name();
  if (stdName === undefined) return {};
  const stdOffset = offset();
  if (stdOffset === undefined) return {};
  const std: ZoneType = Object.freeze({ name: stdName, offset: stdOffset, isDst: false });
  const dstName = name();
  if (dstName === undefined) return { std };
  const dstOffset = text[i] === ',' || i >= text.length ? stdOffset + 3600 : (offset() ?? stdOffset + 3600);
  return { std, dst: Object.freeze({ name: dstName, offset: dstOffset, isDst: true }) };
}

/**
 * The zone type in effect at `unixSec` according to the recorded transitions, or undefined when
 * the instant is past the last transition and a footer rule governs it (the caller then uses Intl).
 */
export function zoneTypeAt(info: ZoneInfo, unixSec: number): ZoneType | undefined {
  const { times } = info;
  // Like Go, a zone without transitions (or an instant before the first) uses the first type.
  if (times.length === 0 || unixSec < (times[0] as number)) return info.firstType;
  const last = times.length - 1;
  if (unixSec >= (times[last] as number) && info.footer.std) return undefined;
  // Binary search for the last transition <= unixSec.
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((times[mid] as number) <= unixSec) lo = mid;
    else hi = mid - 1;
  }
  return info.types[info.typeIndex[lo] as number];
}
