/**
 * Small shared utilities for helper implementations: safe writes into attacker-keyed maps and
 * argument checks that produce HelperErrors naming the helper.
 */
import { HelperError } from './errors.ts';

/**
 * Sets `obj[key] = value` as an own property, even for keys like `__proto__` that a plain
 * assignment would turn into a prototype change (keys often come from log lines).
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else obj[key] = value;
}

/** True for a value that expressions treat as a Go map (a plain object). */
export function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Checks that an argument is a string (Go's type assertion `params[i].(string)`). */
export function str(helper: string, v: unknown, what = 'argument'): string {
  if (typeof v !== 'string')
    throw new HelperError(helper, 'invalid-argument', `${what} must be a string, got ${describe(v)}`);
  return v;
}

/** Checks that an argument is an integer (Go `int`). */
export function int(helper: string, v: unknown, what = 'argument'): number {
  const n = typeof v === 'object' && v !== null ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new HelperError(helper, 'invalid-argument', `${what} must be an int, got ${describe(v)}`);
  }
  return n;
}

/** Checks that an argument is a number (int, float or Float64 box) and returns its value. */
export function num(helper: string, v: unknown, what = 'argument'): number {
  const n =
    typeof v === 'object' && v !== null && typeof v.valueOf() === 'number' ? (v.valueOf() as number) : v;
  if (typeof n !== 'number')
    throw new HelperError(helper, 'invalid-argument', `${what} must be a number, got ${describe(v)}`);
  return n;
}

/** Checks that an argument is a map (plain object). */
export function map(helper: string, v: unknown, what = 'argument'): Record<string, unknown> {
  if (!isPlainMap(v))
    throw new HelperError(helper, 'invalid-argument', `${what} must be a map, got ${describe(v)}`);
  return v;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Length of a JS string in UTF-8 bytes up to UTF-16 index `i` (Go byte offsets). */
export function utf8Offset(s: string, i: number): number {
  return Buffer.byteLength(s.slice(0, i), 'utf8');
}
