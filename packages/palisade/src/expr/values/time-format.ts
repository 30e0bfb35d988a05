import { LONG_DAY_NAMES, LONG_MONTH_NAMES } from './time-calendar.ts';
import { compileLayout, type LayoutElement } from './time-layout-chunks.ts';

/** What formatting needs from a time (GoTime satisfies it; kept structural to avoid an import cycle). */
export interface FormattableTime {
  Year(): number;
  Month(): { valueOf(): number };
  Day(): number;
  Hour(): number;
  Minute(): number;
  Second(): number;
  Nanosecond(): number;
  YearDay(): number;
  Weekday(): { valueOf(): number };
  zone(): { readonly name: string; readonly offset: number };
}

/** Go `appendInt`: decimal, zero-padded to `width` digits, sign before the padding. */
export function padInt(x: number, width: number): string {
  const digits = String(Math.abs(x));
  const padded = digits.length < width ? '0'.repeat(width - digits.length) + digits : digits;
  return x < 0 ? `-${padded}` : padded;
}

/** Go `Time.Format(layout)`. */
export function formatTime(t: FormattableTime, layout: string): string {
  const { elements, tail } = compileLayout(layout);
  let out = '';
  for (const el of elements) {
    out += el.prefix;
    out += formatElement(t, el);
  }
  return out + tail;
}

const ISO_KINDS = new Set([
  'iso8601TZ',
  'iso8601ColonTZ',
  'iso8601SecondsTZ',
  'iso8601ShortTZ',
  'iso8601ColonSecondsTZ',
]);

function formatElement(t: FormattableTime, el: LayoutElement): string {
  switch (el.std) {
    case 'year':
      return padInt(Math.abs(t.Year()) % 100, 2);
    case 'longYear':
      return padInt(t.Year(), 4);
    case 'month':
      return monthName(t).slice(0, 3);
    case 'longMonth':
      return monthName(t);
    case 'numMonth':
      return String(Number(t.Month()));
    case 'zeroMonth':
      return padInt(Number(t.Month()), 2);
    case 'weekDay':
      return (LONG_DAY_NAMES[Number(t.Weekday())] as string).slice(0, 3);
    case 'longWeekDay':
      return LONG_DAY_NAMES[Number(t.Weekday())] as string;
    case 'day':
      return String(t.Day());
    case 'underDay':
      return t.Day() < 10 ? ` ${t.Day()}` : String(t.Day());
    case 'zeroDay':
      return padInt(t.Day(), 2);
    case 'underYearDay': {
      const yd = t.YearDay();
      return (yd < 10 ? '  ' : yd < 100 ? ' ' : '') + String(yd);
    }
    case 'zeroYearDay':
      return padInt(t.YearDay(), 3);
    case 'hour':
      return padInt(t.Hour(), 2);
    case 'hour12':
      return String(t.Hour() % 12 || 12);
    case 'zeroHour12':
      return padInt(t.Hour() % 12 || 12, 2);
    case 'minute':
      return String(t.Minute());
    case 'zeroMinute':
      return padInt(t.Minute(), 2);
    case 'second':
      return String(t.Second());
    case 'zeroSecond':
      return padInt(t.Second(), 2);
    case 'PM':
      return t.Hour() >= 12 ? 'PM' : 'AM';
    case 'pm':
      return t.Hour() >= 12 ? 'pm' : 'am';
    case 'tz': {
      const z = t.zone();
      if (z.name !== '') return z.name;
      // No abbreviation: Go prints the offset as -0700.
      const minutes = Math.trunc(z.offset / 60);
      const a = Math.abs(minutes);
      return (minutes < 0 ? '-' : '+') + padInt(Math.trunc(a / 60), 2) + padInt(a % 60, 2);
    }
    case 'fracSecond0':
    case 'fracSecond9':
      return formatNano(t.Nanosecond(), el);
    default:
      return formatOffset(t.zone().offset, el.std);
  }
}

function monthName(t: FormattableTime): string {
  return LONG_MONTH_NAMES[Number(t.Month()) - 1] as string;
}

/** Numeric zone offsets (`-0700`, `Z07:00`, …); the `Z` forms print `Z` for UTC. */
function formatOffset(offset: number, std: string): string {
  if (offset === 0 && ISO_KINDS.has(std)) return 'Z';
  // Go truncates toward zero here, so an offset of -30s prints as +00:00.
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let out: string;
  if (zone < 0) {
    out = '-';
    zone = -zone;
    abs = -abs;
  } else {
    out = '+';
  }
  out += padInt(Math.trunc(zone / 60), 2);
  const colon = std === 'iso8601ColonTZ' || std === 'numColonTZ';
  const colonSeconds = std === 'iso8601ColonSecondsTZ' || std === 'numColonSecondsTZ';
  if (colon || colonSeconds) out += ':';
  if (std !== 'numShortTZ' && std !== 'iso8601ShortTZ') out += padInt(zone % 60, 2);
  if (colonSeconds || std === 'iso8601SecondsTZ' || std === 'numSecondsTz') {
    if (colonSeconds) out += ':';
    out += padInt(abs % 60, 2);
  }
  return out;
}

/** Go `appendNano`: `.000` keeps n digits, `.999` trims trailing zeros (and the dot if none left). */
function formatNano(nanosec: number, el: LayoutElement): string {
  const trim = el.std === 'fracSecond9';
  const n = el.digits;
  if (trim && (n === 0 || nanosec === 0)) return '';
  let digits = padInt(nanosec, 9);
  if (n < 9) digits = digits.slice(0, n);
  if (trim) {
    digits = digits.replace(/0+$/, '');
    if (digits === '') return '';
  }
  return el.separator + digits;
}
