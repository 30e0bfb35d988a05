import { goQuote } from './duration.ts';
import { GoTime } from './time.ts';
import {
  daysIn,
  isLeap,
  LONG_DAY_NAMES,
  LONG_MONTH_NAMES,
  SHORT_DAY_NAMES,
  SHORT_MONTH_NAMES,
} from './time-calendar.ts';
import { compileLayout, type StdKind } from './time-layout-chunks.ts';
import { fixedZone, type GoLocation, localLocation, UTC } from './time-location.ts';
import {
  atoi,
  BAD,
  DAYS_BEFORE,
  getnum,
  getnum3,
  isCommaOrPeriod,
  isDigit,
  lookupName,
  parseNanoseconds,
  parseNumericOffset,
  parseTimeZone,
  skip,
} from './time-parse-fields.ts';

/**
 * Go's `time.Parse` / `time.ParseInLocation`, ported rule for rule: layout literals must match
 * (a space matches any run of spaces), names match case-insensitively, fractional seconds are
 * accepted after the seconds field even when the layout has none, zone abbreviations become the
 * local zone when it knows them and otherwise a fabricated zone, missing fields default to
 * January 1 of year 0, 00:00:00.
 *
 * Text is compared per UTF-16 unit where Go counts bytes; the two only differ for non-ASCII input,
 * which never parses as a date field anyway (error messages may then differ slightly).
 * Cost is linear in the layout and value lengths.
 */

/** A parse failure, with the fields of Go's `time.ParseError`. */
export class TimeParseError extends Error {
  readonly layout: string;
  readonly value: string;
  readonly layoutElem: string;
  readonly valueElem: string;
  constructor(failure: ParseFailure) {
    super(failureMessage(failure));
    this.name = 'TimeParseError';
    this.layout = failure.layout;
    this.value = failure.value;
    this.layoutElem = failure.layoutElem;
    this.valueElem = failure.valueElem;
  }
}

/** A failure described without building an Error (parsing tries many layouts per log line). */
export interface ParseFailure {
  readonly failed: true;
  readonly layout: string;
  readonly value: string;
  readonly layoutElem: string;
  readonly valueElem: string;
  /** Go's `Message` (starts with `: `), or empty for the `cannot parse` form. */
  readonly message: string;
}

/** Go's `ParseError.Error()` text. */
export function failureMessage(f: ParseFailure): string {
  if (f.message === '') {
    return `parsing time ${goQuote(f.value)} as ${goQuote(f.layout)}: cannot parse ${goQuote(f.valueElem)} as ${goQuote(f.layoutElem)}`;
  }
  return `parsing time ${goQuote(f.value)}${f.message}`;
}

/** Go `time.Parse(layout, value)`: no zone in the text ⇒ UTC. Throws TimeParseError. */
export function parseTime(layout: string, value: string, local: GoLocation = localLocation()): GoTime {
  const r = tryParseTime(layout, value, UTC, local);
  if (r instanceof GoTime) return r;
  throw new TimeParseError(r);
}

/** Go `time.ParseInLocation(layout, value, loc)`: `loc` is both the default and the local zone. */
export function parseTimeInLocation(layout: string, value: string, loc: GoLocation): GoTime {
  const r = tryParseTime(layout, value, loc, loc);
  if (r instanceof GoTime) return r;
  throw new TimeParseError(r);
}

/**
 * The parser itself: returns the time or a failure record. `defaultLoc` applies when the text has
 * no zone; `local` is the zone that numeric offsets and abbreviations are matched against.
 */
export function tryParseTime(
  layout: string,
  value: string,
  defaultLoc: GoLocation,
  local: GoLocation,
): GoTime | ParseFailure {
  const fail = (layoutElem: string, valueElem: string, message = ''): ParseFailure => ({
    failed: true,
    layout,
    value,
    layoutElem,
    valueElem,
    message,
  });
  const { elements, tail } = compileLayout(layout);
  let rest = value;
  let rangeErr = '';
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: GoLocation | undefined;
  let zoneOffset = -1;
  let zoneName = '';

  for (let idx = 0; idx <= elements.length; idx++) {
    const el = elements[idx];
    const prefix = el ? el.prefix : tail;
    const skipped = skip(rest, prefix);
    rest = skipped.rest;
    // Go reports the whole literal but only the value left where matching stopped.
    if (!skipped.ok) return fail(prefix, rest);
    if (!el) {
      if (rest.length !== 0) return fail('', rest, `: extra text: ${goQuote(rest)}`);
      break;
    }
    const hold = rest;
    let err = 0;
    const num = (fixed: boolean): number => {
      const r = getnum(rest, fixed);
      if (r === undefined) {
        err = BAD;
        return 0;
      }
      rest = rest.slice(r[1]);
      return r[0];
    };
    const name = (table: readonly string[]): number => {
      const i = lookupName(table, rest);
      if (i < 0) {
        err = BAD;
        return -1;
      }
      rest = rest.slice((table[i] as string).length);
      return i;
    };
    switch (el.std) {
      case 'year': {
        if (rest.length < 2) {
          err = BAD;
          break;
        }
        const y = atoi(rest.slice(0, 2));
        rest = rest.slice(2);
        if (y === undefined) err = BAD;
        else year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case 'longYear': {
        if (rest.length < 4 || !isDigit(rest, 0)) {
          err = BAD;
          break;
        }
        const y = atoi(rest.slice(0, 4));
        rest = rest.slice(4);
        if (y === undefined) err = BAD;
        else year = y;
        break;
      }
      case 'month':
        month = name(SHORT_MONTH_NAMES) + 1;
        break;
      case 'longMonth':
        month = name(LONG_MONTH_NAMES) + 1;
        break;
      case 'numMonth':
      case 'zeroMonth':
        month = num(el.std === 'zeroMonth');
        if (!err && (month <= 0 || month > 12)) rangeErr = 'month';
        break;
      case 'weekDay':
        name(SHORT_DAY_NAMES); // checked, then ignored
        break;
      case 'longWeekDay':
        name(LONG_DAY_NAMES);
        break;
      case 'day':
      case 'underDay':
      case 'zeroDay':
        if (el.std === 'underDay' && rest[0] === ' ') rest = rest.slice(1);
        day = num(el.std === 'zeroDay');
        break;
      case 'underYearDay':
      case 'zeroYearDay': {
        if (el.std === 'underYearDay') {
          for (let i = 0; i < 2 && rest[0] === ' '; i++) rest = rest.slice(1);
        }
        const r = getnum3(rest, el.std === 'zeroYearDay');
        if (r === undefined) err = BAD;
        else {
          yday = r[0];
          rest = rest.slice(r[1]);
        }
        break;
      }
      case 'hour':
        hour = num(false);
        if (hour < 0 || hour >= 24) rangeErr = 'hour';
        break;
      case 'hour12':
      case 'zeroHour12':
        hour = num(el.std === 'zeroHour12');
        if (hour < 0 || hour > 12) rangeErr = 'hour';
        break;
      case 'minute':
      case 'zeroMinute':
        min = num(el.std === 'zeroMinute');
        if (min < 0 || min >= 60) rangeErr = 'minute';
        break;
      case 'second':
      case 'zeroSecond': {
        sec = num(el.std === 'zeroSecond');
        if (err) break;
        if (sec < 0 || sec >= 60) {
          rangeErr = 'second';
          break;
        }
        // A fraction right after the seconds is accepted even when the layout has none.
        if (rest.length >= 2 && isCommaOrPeriod(rest[0]) && isDigit(rest, 1)) {
          const next: StdKind | undefined = elements[idx + 1]?.std;
          if (next === 'fracSecond0' || next === 'fracSecond9') break;
          let n = 2;
          while (n < rest.length && isDigit(rest, n)) n++;
          const r = parseNanoseconds(rest, n);
          nsec = r.ns;
          rangeErr = r.rangeErr;
          err = r.err;
          rest = rest.slice(n);
        }
        break;
      }
      case 'PM':
      case 'pm': {
        if (rest.length < 2) {
          err = BAD;
          break;
        }
        const p = rest.slice(0, 2);
        rest = rest.slice(2);
        const [pm, am] = el.std === 'PM' ? ['PM', 'AM'] : ['pm', 'am'];
        if (p === pm) pmSet = true;
        else if (p === am) amSet = true;
        else err = BAD;
        break;
      }
      case 'iso8601TZ':
      case 'iso8601ShortTZ':
      case 'iso8601ColonTZ':
      case 'iso8601SecondsTZ':
      case 'iso8601ColonSecondsTZ':
      case 'numTZ':
      case 'numShortTZ':
      case 'numColonTZ':
      case 'numSecondsTz':
      case 'numColonSecondsTZ': {
        if (el.std.startsWith('iso') && rest[0] === 'Z') {
          rest = rest.slice(1);
          z = UTC;
          break;
        }
        const r = parseNumericOffset(rest, el.std);
        if (r === undefined) {
          err = BAD;
          break;
        }
        rest = r.rest;
        zoneOffset = r.offset;
        if (r.rangeErr) rangeErr = r.rangeErr;
        break;
      }
      case 'tz': {
        if (rest.startsWith('UTC')) {
          z = UTC;
          rest = rest.slice(3);
          break;
        }
        const n = parseTimeZone(rest);
        if (n === 0) {
          err = BAD;
          break;
        }
        zoneName = rest.slice(0, n);
        rest = rest.slice(n);
        break;
      }
      case 'fracSecond0': {
        const ndigit = 1 + el.digits;
        if (rest.length < ndigit) {
          err = BAD;
          break;
        }
        const r = parseNanoseconds(rest, ndigit);
        nsec = r.ns;
        rangeErr = r.rangeErr;
        err = r.err;
        rest = rest.slice(ndigit);
        break;
      }
      case 'fracSecond9': {
        if (rest.length < 2 || !isCommaOrPeriod(rest[0]) || !isDigit(rest, 1)) break; // omitted
        // Any number of digits, even more than the layout shows, as after the seconds field.
        let i = 0;
        while (i + 1 < rest.length && isDigit(rest, i + 1)) i++;
        const r = parseNanoseconds(rest, 1 + i);
        nsec = r.ns;
        rangeErr = r.rangeErr;
        err = r.err;
        rest = rest.slice(1 + i);
        break;
      }
    }
    if (rangeErr !== '') return fail(el.text, rest, `: ${rangeErr} out of range`);
    if (err) return fail(el.text, hold);
  }

  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        yday--;
      }
    }
    if (yday < 1 || yday > 365) return fail('', rest, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if ((DAYS_BEFORE[m] as number) < yday) m++;
      d = yday - (DAYS_BEFORE[m - 1] as number);
    }
    if (month >= 0 && month !== m) return fail('', rest, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) return fail('', rest, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) return fail('', rest, ': day out of range');

  if (z) return GoTime.date(year, month, day, hour, min, sec, nsec, z);

  if (zoneOffset !== -1) {
    const t = GoTime.date(year, month, day, hour, min, sec, nsec, UTC);
    const unix = t.sec - zoneOffset;
    // The local zone wins when it had exactly this offset (and name) at that instant.
    const lz = local.lookup(unix);
    if (lz.offset === zoneOffset && (zoneName === '' || lz.name === zoneName)) {
      return new GoTime(unix, t.nsec, local);
    }
    return new GoTime(unix, t.nsec, fixedZone(zoneName, zoneOffset));
  }

  if (zoneName !== '') {
    const t = GoTime.date(year, month, day, hour, min, sec, nsec, UTC);
    const offset = local.lookupName(zoneName, t.sec);
    if (offset !== undefined) return new GoTime(t.sec - offset, t.nsec, local);
    // Unknown abbreviation: a fabricated zone, with offset 0 unless it is `GMT+h`.
    let fabricated = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) fabricated = (atoi(zoneName.slice(3)) ?? 0) * 3600;
    return new GoTime(t.sec, t.nsec, fixedZone(zoneName, fabricated));
  }

  return GoTime.date(year, month, day, hour, min, sec, nsec, defaultLoc);
}
