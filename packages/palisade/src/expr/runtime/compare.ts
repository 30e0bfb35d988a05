import { Fault } from '../source/error.ts';
import { Float64 } from '../values/float.ts';
import { goTypeName } from '../values/format.ts';
import { isDuration, isTime } from './temporal.ts';
import { compareStrings } from './utf8.ts';

/**
 * Ordering of dynamically typed operands (`<`, `>`, `<=`, `>=`): numbers by value across int and
 * float, strings by UTF-8 bytes, times as instants, durations by length. Returns a negative, zero
 * or positive number; other pairs are a run-time error naming both Go types.
 */
export function order(a: unknown, b: unknown, op: string, pos: number): number {
  const x = typeof a === 'number' ? a : a instanceof Float64 ? a.value : undefined;
  const y = typeof b === 'number' ? b : b instanceof Float64 ? b.value : undefined;
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (isTime(a) && isTime(b)) return a.Before(b) ? -1 : a.After(b) ? 1 : 0;
  if (isDuration(a) && isDuration(b)) return a.ns - b.ns;
  throw new Fault(`invalid operation: ${op} (mismatched types ${goTypeName(a)} and ${goTypeName(b)})`, pos);
}
