import { Duration, MAX_NS, MIN_NS } from './duration.ts';
import {
  civilFromDays,
  daysFromCivil,
  floorDiv,
  floorMod,
  Month,
  SECONDS_PER_DAY,
  Weekday,
  weekdayOfDays,
  ZERO_TIME_UNIX,
} from './time-calendar.ts';
import { formatTime } from './time-format.ts';
import { type GoLocation, localLocation, UTC, type ZoneAt } from './time-location.ts';

export { Month, Weekday } from './time-calendar.ts';
export { fixedZone, GoLocation, loadLocation, localLocation, UTC } from './time-location.ts';

/** Civil fields of an instant in its location. */
interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Days since 1970-01-01 of the local date. */
  readonly days: number;
}

/** Calibrates the high-resolution clock once, so `now()` has sub-millisecond digits like Go. */
const clockBase = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/**
 * Go's `time.Time`: an instant with nanosecond precision plus a location (which only affects how
 * the instant is presented). Stored as unix seconds (an integral number, exact for every year Go
 * can print) and nanoseconds within the second, [0, 1e9). Immutable.
 *
 * Not modelled: Go's monotonic clock reading (so `String()` of `now()` has no `m=+…` suffix).
 */
export class GoTime {
  /** Seconds since 1970-01-01 UTC. */
  readonly sec: number;
  /** Nanoseconds within the second, 0 ≤ nsec < 1e9. */
  readonly nsec: number;
  readonly loc: GoLocation;
  #zone: ZoneAt | undefined;
  #civil: Civil | undefined;

  /** An instant `sec` unix seconds + `nsec` ns (any integer; normalised) shown in `loc`. */
  constructor(sec: number, nsec: number, loc: GoLocation) {
    if (!Number.isInteger(sec)) {
      // Go's seconds are integers; a fractional count (from JS arithmetic) moves into nsec.
      const whole = Math.floor(sec);
      nsec += Math.round((sec - whole) * 1e9);
      sec = whole;
    }
    if (nsec < 0 || nsec >= 1e9) {
      const carry = Math.floor(nsec / 1e9);
      sec += carry;
      nsec -= carry * 1e9;
    }
    this.sec = sec;
    this.nsec = nsec;
    this.loc = loc;
  }

  /** Go `time.Now()`, in the local zone. */
  static now(): GoTime {
    const ns = clockBase + process.hrtime.bigint();
    return new GoTime(Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n), localLocation());
  }

  /** Go `time.Unix(sec, nsec)` (local zone unless `loc` is given). */
  static fromUnix(sec: number, nsec = 0, loc: GoLocation = localLocation()): GoTime {
    return new GoTime(sec, nsec, loc);
  }

  /** The instant of a JS Date (millisecond precision), in the local zone unless `loc` is given. */
  static fromDate(date: Date, loc: GoLocation = localLocation()): GoTime {
    const ms = date.getTime();
    const sec = Math.floor(ms / 1000);
    return new GoTime(sec, (ms - sec * 1000) * 1e6, loc);
  }

  /** Go's zero `time.Time{}`: January 1, year 1, 00:00:00 UTC. */
  static zero(): GoTime {
    return ZERO;
  }

  /**
   * Go `time.Date`: the instant of a wall-clock time in `loc`. Out-of-range fields are normalised
   * (October 32 ⇒ November 1, hour 25 ⇒ next day 01:00). In a gap or overlap of a DST transition
   * the result is correct in one of the two zones involved, as in Go.
   */
  static date(
    year: number,
    month: number,
    day: number,
    hour: number,
    min: number,
    sec: number,
    nsec: number,
    loc: GoLocation,
  ): GoTime {
    let m = month - 1;
    year += floorDiv(m, 12);
    m = floorMod(m, 12);
    sec += floorDiv(nsec, 1e9);
    nsec = floorMod(nsec, 1e9);
    min += floorDiv(sec, 60);
    sec = floorMod(sec, 60);
    hour += floorDiv(min, 60);
    min = floorMod(min, 60);
    day += floorDiv(hour, 24);
    hour = floorMod(hour, 24);
    const days = daysFromCivil(year, m + 1, day);
    let unix = days * SECONDS_PER_DAY + hour * 3600 + min * 60 + sec;
    // Guess the offset at the wall-clock time read as UTC, then correct it if the guess put the
    // instant on the other side of a transition (Go's two-step lookup).
    const guess = loc.lookup(unix).offset;
    if (guess !== 0) {
      const offset = loc.lookup(unix - guess).offset;
      unix -= offset;
    }
    return new GoTime(unix, nsec, loc);
  }

  /** The zone (abbreviation, offset) in effect at this instant in this location. */
  zone(): ZoneAt {
    if (!this.#zone) this.#zone = this.loc.lookup(this.sec);
    return this.#zone;
  }

  #fields(): Civil {
    if (!this.#civil) {
      const local = this.sec + this.zone().offset;
      const days = floorDiv(local, SECONDS_PER_DAY);
      const secOfDay = local - days * SECONDS_PER_DAY;
      const [year, month, day] = civilFromDays(days);
      this.#civil = {
        year,
        month,
        day,
        hour: Math.floor(secOfDay / 3600),
        minute: Math.floor((secOfDay % 3600) / 60),
        second: secOfDay % 60,
        days,
      };
    }
    return this.#civil;
  }

  Unix(): number {
    return this.sec;
  }
  UnixMilli(): number {
    return this.sec * 1e3 + Math.floor(this.nsec / 1e6);
  }
  UnixMicro(): number {
    return this.sec * 1e6 + Math.floor(this.nsec / 1e3);
  }
  /** Nanoseconds since the epoch; exact only within ±2^53 ns (about 104 days around 1970). */
  UnixNano(): number {
    return this.sec * 1e9 + this.nsec;
  }
  /** Exact nanoseconds since the epoch. */
  unixNanoBig(): bigint {
    return BigInt(this.sec) * 1_000_000_000n + BigInt(this.nsec);
  }

  Year(): number {
    return this.#fields().year;
  }
  Month(): Month {
    return new Month(this.#fields().month);
  }
  Day(): number {
    return this.#fields().day;
  }
  Hour(): number {
    return this.#fields().hour;
  }
  Minute(): number {
    return this.#fields().minute;
  }
  Second(): number {
    return this.#fields().second;
  }
  Nanosecond(): number {
    return this.nsec;
  }
  /** Day of the year, 1-365 (366 in leap years). */
  YearDay(): number {
    const f = this.#fields();
    return f.days - daysFromCivil(f.year, 1, 1) + 1;
  }
  Weekday(): Weekday {
    return new Weekday(weekdayOfDays(this.#fields().days));
  }
  /** Go `Date()`: [year, month, day]. */
  Date(): [number, Month, number] {
    const f = this.#fields();
    return [f.year, new Month(f.month), f.day];
  }
  /** Go `Clock()`: [hour, minute, second]. */
  Clock(): [number, number, number] {
    const f = this.#fields();
    return [f.hour, f.minute, f.second];
  }
  /** Go `ISOWeek()`: [ISO year, week 1-53]; weeks start on Monday, week 1 holds January 4. */
  ISOWeek(): [number, number] {
    const days = this.#fields().days;
    let shift = 4 - weekdayOfDays(days); // to the Thursday of the same ISO week
    if (shift === 4) shift = -3; // Sunday belongs to the week that started six days earlier
    const thursday = days + shift;
    const [year] = civilFromDays(thursday);
    const yday0 = thursday - daysFromCivil(year, 1, 1);
    return [year, Math.floor(yday0 / 7) + 1];
  }

  Add(d: Duration): GoTime {
    const dsec = Math.trunc(d.ns / 1e9);
    return new GoTime(this.sec + dsec, this.nsec + (d.ns - dsec * 1e9), this.loc);
  }
  /** Go `AddDate`: adds calendar years, months and days, normalising like `time.Date`. */
  AddDate(years: number, months: number, days: number): GoTime {
    const f = this.#fields();
    return GoTime.date(
      f.year + years,
      f.month + months,
      f.day + days,
      f.hour,
      f.minute,
      f.second,
      this.nsec,
      this.loc,
    );
  }
  /** Go `Sub`: t - u, saturating at Go's Duration bounds; exact within ±2^53 ns. */
  Sub(u: GoTime): Duration {
    const ns = (this.sec - u.sec) * 1e9 + (this.nsec - u.nsec);
    return new Duration(Math.max(MIN_NS, Math.min(MAX_NS, ns)));
  }
  After(u: GoTime): boolean {
    return compareTimes(this, u) > 0;
  }
  Before(u: GoTime): boolean {
    return compareTimes(this, u) < 0;
  }
  /** Same instant, whatever the locations. */
  Equal(u: GoTime): boolean {
    return compareTimes(this, u) === 0;
  }
  Compare(u: GoTime): number {
    return compareTimes(this, u);
  }
  IsZero(): boolean {
    return this.sec === ZERO_TIME_UNIX && this.nsec === 0;
  }

  UTC(): GoTime {
    return new GoTime(this.sec, this.nsec, UTC);
  }
  Local(): GoTime {
    return new GoTime(this.sec, this.nsec, localLocation());
  }
  In(loc: GoLocation): GoTime {
    if (!loc) throw new Error('time: missing Location in call to Time.In');
    return new GoTime(this.sec, this.nsec, loc);
  }
  Location(): GoLocation {
    return this.loc;
  }
  /** Go `Zone()`: [abbreviation, offset in seconds east of UTC]. */
  Zone(): [string, number] {
    const z = this.zone();
    return [z.name, z.offset];
  }

  /** Go `Truncate`: rounds down to a multiple of `d` since the zero time; `d <= 0` ⇒ unchanged. */
  Truncate(d: Duration): GoTime {
    if (d.ns <= 0) return this;
    return this.Add(new Duration(-Number(this.#remainder(d.ns))));
  }
  /** Go `Round`: rounds half up to a multiple of `d` since the zero time; `d <= 0` ⇒ unchanged. */
  Round(d: Duration): GoTime {
    if (d.ns <= 0) return this;
    const r = this.#remainder(d.ns);
    const step = BigInt(Math.round(d.ns));
    if (r + r < step) return this.Add(new Duration(-Number(r)));
    return this.Add(new Duration(Number(step - r)));
  }
  /** Time since the zero time modulo d (floored), as Go's `div` computes it. */
  #remainder(dns: number): bigint {
    const step = BigInt(Math.round(dns));
    const total = BigInt(this.sec - ZERO_TIME_UNIX) * 1_000_000_000n + BigInt(this.nsec);
    return ((total % step) + step) % step;
  }

  /** Go `Format(layout)`. */
  Format(layout: string): string {
    return formatTime(this, layout);
  }
  /** Go `String()`: `2006-01-02 15:04:05.999999999 -0700 MST`. */
  String(): string {
    return formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
  }
  /**
   * Go `MarshalText()`: RFC 3339 with trailing-zero-trimmed nanoseconds, `Z` for a zero offset.
   * Throws Go's error for years outside [0, 9999] or offsets of 24h and more.
   */
  MarshalText(): string {
    const text = formatTime(this, '2006-01-02T15:04:05.999999999Z07:00');
    if (text[4] !== '-' || text.startsWith('-')) {
      throw new Error('Time.MarshalText: year outside of range [0,9999]');
    }
    if (!text.endsWith('Z')) {
      const c = text[text.length - 6] as string;
      if ((c >= '0' && c <= '9') || Number(text.slice(-5, -3)) >= 24) {
        throw new Error('Time.MarshalText: timezone hour outside of range [0,23]');
      }
    }
    return text;
  }
  /** Go `MarshalJSON` without the quotes, so `JSON.stringify` matches Go's encoding/json. */
  toJSON(): string {
    return this.MarshalText();
  }
  toString(): string {
    return this.String();
  }
}

const ZERO = new GoTime(ZERO_TIME_UNIX, 0, UTC);

/** Orders two instants (locations ignored): negative, zero or positive. */
export function compareTimes(a: GoTime, b: GoTime): number {
  if (a.sec !== b.sec) return a.sec < b.sec ? -1 : 1;
  if (a.nsec !== b.nsec) return a.nsec < b.nsec ? -1 : 1;
  return 0;
}
