import { GoTime } from './time.ts';
import { type GoLocation, localLocation, UTC } from './time-location.ts';
import { tryParseTime } from './time-parse.ts';

/**
 * Go time layouts: the named layout constants, formatting and parsing (re-exported from
 * time-format.ts and time-parse.ts), and CrowdSec's `ParseDate` (spec hub-compat §1.9).
 */

export { formatTime } from './time-format.ts';
export {
  failureMessage,
  type ParseFailure,
  parseTime,
  parseTimeInLocation,
  TimeParseError,
  tryParseTime,
} from './time-parse.ts';

export const Layout = "01/02 03:04:05PM '06 -0700";
export const ANSIC = 'Mon Jan _2 15:04:05 2006';
export const UnixDate = 'Mon Jan _2 15:04:05 MST 2006';
export const RubyDate = 'Mon Jan 02 15:04:05 -0700 2006';
export const RFC822 = '02 Jan 06 15:04 MST';
export const RFC822Z = '02 Jan 06 15:04 -0700';
export const RFC850 = 'Monday, 02-Jan-06 15:04:05 MST';
export const RFC1123 = 'Mon, 02 Jan 2006 15:04:05 MST';
export const RFC1123Z = 'Mon, 02 Jan 2006 15:04:05 -0700';
export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339Nano = '2006-01-02T15:04:05.999999999Z07:00';
export const Kitchen = '3:04PM';
export const Stamp = 'Jan _2 15:04:05';
export const StampMilli = 'Jan _2 15:04:05.000';
export const StampMicro = 'Jan _2 15:04:05.000000';
export const StampNano = 'Jan _2 15:04:05.000000000';
export const DateTime = '2006-01-02 15:04:05';
export const DateOnly = '2006-01-02';
export const TimeOnly = '15:04:05';

/** CrowdSec's fallback layouts for `ParseDate`, tried in this order (spec §1.9). */
export const CROWDSEC_DATE_LAYOUTS: readonly string[] = Object.freeze([
  RFC3339,
  '02/Jan/2006:15:04:05 -0700',
  'Mon Jan 2 15:04:05 2006',
  '02-Jan-2006 15:04:05 europe/paris',
  '01/02/2006 15:04:05',
  '2006-01-02 15:04:05.999999999 -0700 MST',
  'Jan  2 15:04:05',
  'Mon Jan 02 15:04:05.000000 2006',
  '2006-01-02T15:04:05Z07:00',
  '2006/01/02',
  '2006/01/02 15:04',
  '2006-01-02',
  '2006-01-02 15:04',
  '2006/01/02 15:04:05',
  '2006-01-02 15:04:05',
  '2006-01-02T15:04:05',
]);

/** Options of `parseDateCrowdsec`. */
export interface CrowdsecDateOptions {
  /** `evt.StrTimeFormat`: a Go layout tried before the fallback list. */
  readonly strTimeFormat?: string;
  /** The current time: its UTC year completes dates without a year. */
  readonly now: GoTime;
  /** Go's `time.Local` (matched against numeric offsets; location of unix timestamps). */
  readonly local?: GoLocation;
}

/** A successful `parseDateCrowdsec`: the time and its `MarshaledTime` text. */
export interface CrowdsecDate {
  readonly time: GoTime;
  readonly text: string;
}

/**
 * CrowdSec's `ParseDate` (used by the `dateparse-enrich` enricher): the `strTimeFormat` layout
 * first, then the fallback layouts in order (a parsed year 0 gets the current UTC year added; a
 * zero time or a time `MarshalText` refuses counts as a failure), then integer unix seconds (the
 * text before the first `.`, > 0; formatted as RFC 3339 without fraction, in the local zone).
 * Returns null when nothing matched: the caller then uses `now.UTC().MarshalText()` and leaves
 * `evt.Time` as is.
 */
export function parseDateCrowdsec(text: string, opts: CrowdsecDateOptions): CrowdsecDate | null {
  if (text === '') return null;
  const local = opts.local ?? localLocation();
  const currentYear = opts.now.UTC().Year();
  const attempt = (layout: string): CrowdsecDate | null => {
    const r = tryParseTime(layout, text, UTC, local);
    if (!(r instanceof GoTime) || r.IsZero()) return null;
    const t = r.Year() === 0 ? r.AddDate(currentYear, 0, 0) : r;
    try {
      return { time: t, text: t.MarshalText() };
    } catch {
      return null;
    }
  };
  if (opts.strTimeFormat) {
    const t = attempt(opts.strTimeFormat);
    if (t) return t;
  }
  for (const layout of CROWDSEC_DATE_LAYOUTS) {
    const t = attempt(layout);
    if (t) return t;
  }
  const secs = parseUnixSeconds(text.split('.', 1)[0] as string);
  if (secs !== undefined && secs > 0) {
    const t = GoTime.fromUnix(secs, 0, local);
    return { time: t, text: t.Format(RFC3339) };
  }
  return null;
}

/** Go `strconv.ParseInt(s, 10, 64)`: optional sign, ASCII digits only, int64 range. */
function parseUnixSeconds(s: string): number | undefined {
  if (!/^[+-]?[0-9]{1,19}$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return Number(n);
}
