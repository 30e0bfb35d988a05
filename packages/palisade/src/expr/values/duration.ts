/**
 * Go's `time.Duration`: a signed count of nanoseconds (int64 in Go).
 *
 * The count is held in a JS number, so arithmetic is exact only within ±2^53 ns (about ±104 days);
 * beyond that values are approximate (nearest double), which no hub content comes close to needing.
 * Go's int64 bounds are represented by ±2^63 (the nearest doubles), used when results saturate.
 */
export class Duration {
  /** Nanoseconds (an integral number). */
  readonly ns: number;

  constructor(ns: number) {
    this.ns = ns;
  }

  /** Go `Duration.String`: `1h2m3.5s`, `10m0s`, `0s`, `1.5µs`, `-2m0s`. */
  String(): string {
    return formatDuration(this.ns);
  }

  /** The duration as floating-point seconds (Go splits the integer part first, for precision). */
  Seconds(): number {
    return splitFloat(this.ns, 1e9);
  }

  /** The duration as floating-point minutes. */
  Minutes(): number {
    return splitFloat(this.ns, 60e9);
  }

  /** The duration as floating-point hours. */
  Hours(): number {
    return splitFloat(this.ns, 3600e9);
  }

  /** Whole milliseconds, truncated toward zero. */
  Milliseconds(): number {
    return Math.trunc(this.ns / 1e6);
  }

  /** Whole microseconds, truncated toward zero. */
  Microseconds(): number {
    return Math.trunc(this.ns / 1e3);
  }

  /** The nanosecond count. */
  Nanoseconds(): number {
    return this.ns;
  }

  /** Go `Duration.Round`: rounds half away from zero to a multiple of `m`; `m <= 0` ⇒ unchanged. */
  Round(m: Duration | number): Duration {
    const step = durationNs(m);
    if (step <= 0) return this;
    const d = this.ns;
    let r = d % step;
    if (d < 0) {
      r = -r;
      if (r + r < step) return new Duration(d + r);
      const d1 = d - step + r;
      return new Duration(d1 < d ? d1 : MIN_NS);
    }
    if (r + r < step) return new Duration(d - r);
    const d1 = d + step - r;
    return new Duration(d1 > d ? d1 : MAX_NS);
  }

  /** Go `Duration.Truncate`: rounds toward zero to a multiple of `m`; `m <= 0` ⇒ unchanged. */
  Truncate(m: Duration | number): Duration {
    const step = durationNs(m);
    if (step <= 0) return this;
    return new Duration(this.ns - (this.ns % step));
  }

  /** Absolute value (Go saturates the minimum int64 to the maximum). */
  Abs(): Duration {
    if (this.ns >= 0) return this;
    if (this.ns <= MIN_NS) return new Duration(MAX_NS);
    return new Duration(-this.ns);
  }

  /** JS string conversion = Go's `String()` (what `%v` prints). */
  toString(): string {
    return this.String();
  }

  /** Numeric conversion = nanoseconds, so that `<`/`>` between durations compare correctly. */
  valueOf(): number {
    return this.ns;
  }

  /** `encoding/json` marshals a Duration as its integer nanoseconds. */
  toJSON(): number {
    return this.ns;
  }
}

/** Largest Go duration (int64 max, as the nearest double). */
export const MAX_NS = 2 ** 63;
/** Smallest Go duration (int64 min). */
export const MIN_NS = -(2 ** 63);

export const Nanosecond = new Duration(1);
export const Microsecond = new Duration(1e3);
export const Millisecond = new Duration(1e6);
export const Second = new Duration(1e9);
export const Minute = new Duration(60e9);
export const Hour = new Duration(3600e9);

function durationNs(d: Duration | number): number {
  return typeof d === 'number' ? d : d.ns;
}

function splitFloat(ns: number, unit: number): number {
  const whole = Math.trunc(ns / unit);
  const rest = ns - whole * unit;
  return whole + rest / unit;
}

/** Go's `Duration.String` algorithm, on exact integers (BigInt, so huge values stay exact). */
function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = BigInt(Math.round(Math.abs(ns)));
  let out: string;
  if (u < 1_000_000_000n) {
    // Below one second Go switches to the largest unit that keeps an integer part.
    let prec: number;
    let unit: string;
    if (u < 1000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, rest] = fractionDigits(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const [frac, secs] = fractionDigits(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** Go's `fmtFrac`: the fraction of v/10^prec as `.ddd` without trailing zeros, and the quotient. */
function fractionDigits(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let printed = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    printed = printed || digit !== 0n;
    if (printed) digits = `${digit}${digits}`;
    v /= 10n;
  }
  return [printed ? `.${digits}` : '', v];
}

const UNIT_NS: Readonly<Record<string, bigint>> = Object.freeze({
  ns: 1n,
  us: 1000n,
  µs: 1000n, // U+00B5 micro sign
  μs: 1000n, // U+03BC Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
});

const INT64_LIMIT = 1n << 63n;

/**
 * Go `time.ParseDuration`: a signed sequence of decimal numbers, each with an optional fraction and
 * a unit (`ns`, `us`/`µs`/`μs`, `ms`, `s`, `m`, `h`), e.g. `300ms`, `-1.5h`, `2h45m`; `0` alone is
 * allowed. Throws an Error carrying Go's exact message on invalid input. Linear in the input.
 */
export function parseDuration(s: string): Duration {
  const orig = s;
  const invalid = () => new Error(`time: invalid duration ${goQuote(orig)}`);
  let neg = false;
  let i = 0;
  if (s.length > 0 && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    i = 1;
  }
  if (s.slice(i) === '0') return new Duration(0);
  if (i === s.length) throw invalid();
  let total = 0n;
  while (i < s.length) {
    const c = s[i] as string;
    if (!(c === '.' || isAsciiDigit(c))) throw invalid();
    // Integer part (Go errors when it overflows int64).
    let v = 0n;
    const intStart = i;
    while (i < s.length && isAsciiDigit(s[i] as string)) {
      v = v * 10n + BigInt((s.charCodeAt(i) - 48) | 0);
      if (v > INT64_LIMIT) throw invalid();
      i++;
    }
    const pre = i !== intStart;
    // Fraction: digits past int64 precision are dropped, as Go does.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (i < s.length && s[i] === '.') {
      i++;
      const fracStart = i;
      let overflow = false;
      while (i < s.length && isAsciiDigit(s[i] as string)) {
        if (!overflow) {
          const y = f * 10n + BigInt(s.charCodeAt(i) - 48);
          if (y > INT64_LIMIT) overflow = true;
          else {
            f = y;
            scale *= 10;
          }
        }
        i++;
      }
      post = i !== fracStart;
    }
    if (!pre && !post) throw invalid();
    const unitStart = i;
    while (i < s.length && !(s[i] === '.' || isAsciiDigit(s[i] as string))) i++;
    if (i === unitStart) throw new Error(`time: missing unit in duration ${goQuote(orig)}`);
    const unitName = s.slice(unitStart, i);
    const unit = Object.hasOwn(UNIT_NS, unitName) ? UNIT_NS[unitName] : undefined;
    if (unit === undefined) {
      throw new Error(`time: unknown unit ${goQuote(unitName)} in duration ${goQuote(orig)}`);
    }
    if (v > INT64_LIMIT / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes the fractional part in float64 (exact to the ns for up to hours).
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > INT64_LIMIT) throw invalid();
    }
    total += v;
    if (total > INT64_LIMIT) throw invalid();
  }
  if (neg) return new Duration(-Number(total));
  if (total > INT64_LIMIT - 1n) throw invalid();
  return new Duration(Number(total));
}

function isAsciiDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/**
 * The quoting Go's time package uses in error messages: double quotes, `"` and `\` escaped, and
 * every byte of a control or non-ASCII character written as `\xNN` (of its UTF-8 encoding).
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x80 || cp < 0x20) {
      for (const byte of Buffer.from(ch, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return `${out}"`;
}
