/**
 * Go keeps `int` and `float64` apart, and CrowdSec content can tell them apart: a static whose
 * expression yields a float renders as `%f` (`401.000000`) while an int renders as `401`.
 *
 * Runtime representation of numbers:
 * - where the checker knows the static type (`int` or `float`), a value is a plain JS number;
 * - where the static type is `any` (JSON-decoded data in `Unmarshaled`, elements of `[]any`, results
 *   of `fromJSON`, …), a plain JS number is an int when it is integral and a float otherwise, and an
 *   integral float is boxed as a `Float64` so that its kind survives. JSON decoders produce boxes for
 *   integral numbers; the compiler boxes a statically-float value when it flows into an `any` place.
 *
 * Every generic runtime operation (arithmetic, comparison, equality, formatting) accepts boxes.
 */
export class Float64 {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}

/** True for a value that Go would hold as float64 (a box, or a non-integral JS number). */
export function isFloatValue(v: unknown): boolean {
  return v instanceof Float64 || (typeof v === 'number' && !Number.isInteger(v));
}

/** True for a value that Go would hold as int (an integral, unboxed JS number). */
export function isIntValue(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** The numeric value of a number or box, or undefined for anything else. */
export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof Float64) return v.value;
  return undefined;
}

/** Puts a statically-float number into an `any` place: integral values are boxed. */
export function floatToAny(n: number): number | Float64 {
  return Number.isInteger(n) ? new Float64(n) : n;
}

/**
 * `JSON.parse` with Go's decoding of numbers into `any`: every number is a float64, so integral
 * numbers come back boxed. Objects are plain objects (JSON.parse defines `__proto__` as an own key,
 * so no prototype is ever touched).
 */
export function parseJsonGo(text: string): unknown {
  return JSON.parse(text, (_key, value) =>
    typeof value === 'number' && Number.isInteger(value) ? new Float64(value) : value,
  );
}
