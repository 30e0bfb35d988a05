import { Float64 } from '../values/float.ts';
import { isDuration, isTime } from './temporal.ts';

/**
 * expr-lang's `runtime.Equal` for dynamically typed operands: numbers compare by value across int
 * and float, nil equals only nil, times compare as instants, arrays and maps compare deeply, and
 * values of different kinds are unequal (never an error).
 */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == null && b == null;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'number' || a instanceof Float64) {
    if (tb === 'number') return Number(a) === b;
    if (b instanceof Float64) return Number(a) === b.value;
    return false;
  }
  if (ta !== 'object' || tb !== 'object') return false;
  if (isTime(a)) return isTime(b) && a.Equal(b);
  if (isDuration(a)) return isDuration(b) && a.ns === b.ns;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (
        !Object.hasOwn(b, k) ||
        !equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
      ) {
        return false;
      }
    }
    return true;
  }
  return false;
}

/** True for a map value (a plain object), as opposed to a struct or other class instance. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
