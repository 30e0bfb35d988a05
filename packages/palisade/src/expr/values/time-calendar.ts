/**
 * Proleptic Gregorian calendar arithmetic on whole days since 1970-01-01, as Go's time package
 * does it (no Julian switch, year 0 exists, negative years allowed), plus Go's `time.Month` and
 * `time.Weekday` values.
 */

export const SECONDS_PER_DAY = 86400;

/** Unix seconds of Go's zero time, January 1 year 1 00:00:00 UTC. */
export const ZERO_TIME_UNIX = -62135596800;

export const LONG_MONTH_NAMES: readonly string[] = Object.freeze([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]);
export const SHORT_MONTH_NAMES: readonly string[] = Object.freeze(LONG_MONTH_NAMES.map((m) => m.slice(0, 3)));
export const LONG_DAY_NAMES: readonly string[] = Object.freeze([
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
]);
export const SHORT_DAY_NAMES: readonly string[] = Object.freeze(LONG_DAY_NAMES.map((d) => d.slice(0, 3)));

/** Go `time.Month`: prints as its English name, compares and converts as its number (1-12). */
export class Month {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
  /** `January`…, or Go's `%!Month(13)` for out-of-range values. */
  String(): string {
    return this.value >= 1 && this.value <= 12
      ? (LONG_MONTH_NAMES[this.value - 1] as string)
      : `%!Month(${this.value})`;
  }
  toString(): string {
    return this.String();
  }
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}

/** Go `time.Weekday`: prints as `Sunday`…, compares and converts as its number (0 = Sunday). */
export class Weekday {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
  /** `Sunday`…, or Go's `%!Weekday(7)` for out-of-range values. */
  String(): string {
    return this.value >= 0 && this.value <= 6
      ? (LONG_DAY_NAMES[this.value] as string)
      : `%!Weekday(${this.value})`;
  }
  toString(): string {
    return this.String();
  }
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}

/** Floor division (Go's time code normalises with floor semantics). */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Non-negative remainder of a by b (b > 0). */
export function floorMod(a: number, b: number): number {
  const r = a % b;
  return r < 0 ? r + b : r;
}

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days of `month` (1-12) in `year`. */
export function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_IN_MONTH[month - 1] as number;
}

/** Days since 1970-01-01 of a civil date (month 1-12; the day may be outside the month). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

/** Civil date of a day number: [year, month 1-12, day 1-31]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day];
}

/** Day of week (0 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function weekdayOfDays(days: number): number {
  return floorMod(days + 4, 7);
}
