import { Fault } from '../source/error.ts';
import { Float64, floatToAny } from '../values/float.ts';
import { goTypeName } from '../values/format.ts';
import { Duration, isDuration, isTime } from './temporal.ts';

/**
 * Arithmetic on dynamically typed operands (values in `any` places: ints are integral numbers,
 * floats are non-integral numbers or `Float64` boxes). Results are in `any` representation too.
 * A pair of operands the operator does not accept is a run-time error naming both Go types.
 */

function mismatch(op: string, a: unknown, b: unknown, pos: number): Fault {
  return new Fault(`invalid operation: ${op} (mismatched types ${goTypeName(a)} and ${goTypeName(b)})`, pos);
}

/** Numeric value and int-ness of an operand, or undefined for a non-number. */
function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof Float64) return v.value;
  return undefined;
}

function bothInts(a: unknown, b: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b);
}

/** `a + b`: numbers, string concatenation, time + duration, duration + duration. */
export function add(a: unknown, b: unknown, pos: number): unknown {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return bothInts(a, b) ? x + y : floatToAny(x + y);
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (isTime(a) && isDuration(b)) return a.Add(b);
  if (isDuration(a) && isTime(b)) return b.Add(a);
  if (isDuration(a) && isDuration(b)) return new Duration(a.ns + b.ns);
  throw mismatch('+', a, b, pos);
}

/** `a - b`: numbers, time - time (duration), time - duration, duration - duration. */
export function subtract(a: unknown, b: unknown, pos: number): unknown {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return bothInts(a, b) ? x - y : floatToAny(x - y);
  if (isTime(a) && isTime(b)) return a.Sub(b);
  if (isTime(a) && isDuration(b)) return a.Add(new Duration(-b.ns));
  if (isDuration(a) && isDuration(b)) return new Duration(a.ns - b.ns);
  throw mismatch('-', a, b, pos);
}

/** `a * b`: numbers; a duration times an int. */
export function multiply(a: unknown, b: unknown, pos: number): unknown {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return bothInts(a, b) ? x * y : floatToAny(x * y);
  if (isDuration(a) && y !== undefined) return new Duration(Math.trunc(a.ns * y));
  if (x !== undefined && isDuration(b)) return new Duration(Math.trunc(x * b.ns));
  throw mismatch('*', a, b, pos);
}

/** `a / b`: always a float (Go converts both operands to float64); division by zero gives ±Inf. */
export function divide(a: unknown, b: unknown, pos: number): unknown {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return floatToAny(x / y);
  throw mismatch('/', a, b, pos);
}

/** `a % b`: ints only; a zero divisor is a run-time error, as in Go. */
export function modulo(a: unknown, b: unknown, pos: number): unknown {
  if (bothInts(a, b)) return intModulo(a as number, b as number, pos);
  throw mismatch('%', a, b, pos);
}

/** Integer remainder with Go's sign rule (follows the dividend, like JS) and zero check. */
export function intModulo(a: number, b: number, pos: number): number {
  if (b === 0) throw new Fault('integer divide by zero', pos);
  const r = a % b;
  return r === 0 ? 0 : r;
}

/** `a ** b` / `a ^ b`: always a float. */
export function power(a: unknown, b: unknown, op: string, pos: number): unknown {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return floatToAny(x ** y);
  throw mismatch(op, a, b, pos);
}

/** Unary `-`: keeps the kind of its operand. */
export function negate(a: unknown, pos: number): unknown {
  if (typeof a === 'number') return a === 0 ? 0 : -a;
  if (a instanceof Float64) return new Float64(-a.value);
  if (isDuration(a)) return new Duration(-a.ns);
  throw new Fault(`invalid operation: - (mismatched type ${goTypeName(a)})`, pos);
}

/** Unary `+`: numbers only, unchanged. */
export function plus(a: unknown, pos: number): unknown {
  if (numeric(a) !== undefined) return a;
  throw new Fault(`invalid operation: + (mismatched type ${goTypeName(a)})`, pos);
}
