import { Fault } from '../source/error.ts';
import { Float64 } from '../values/float.ts';
import { formatValue, goTypeName } from '../values/format.ts';
import { equal, isPlainObject } from './equal.ts';
import { byteAt, byteLength, sliceBytes } from './utf8.ts';

/**
 * Member and index access on dynamically typed values (expr-lang `runtime.Fetch`): a map yields
 * the entry or nil when the key is missing, an array or string takes an int index (negative counts
 * from the end, out of range is an error), a struct yields its field. Nil is an error.
 */
export function fetch(base: unknown, key: unknown, pos: number): unknown {
  if (base == null) throw cannotFetch(key, base, pos);
  if (typeof base === 'string') return byteAt(base, normaliseIndex(key, byteLength(base), pos, base));
  if (Array.isArray(base)) return base[normaliseIndex(key, base.length, pos, base)];
  if (typeof base === 'object') {
    if (typeof key !== 'string') throw cannotFetch(key, base, pos);
    if (isPlainObject(base)) {
      if (!Object.hasOwn(base, key)) return null;
      const v = base[key];
      return v === undefined ? null : v;
    }
    // A struct (class instance): own fields, or getters / methods of its class.
    if (!(key in Object.prototype)) {
      const v = (base as Record<string, unknown>)[key];
      if (v !== undefined) return typeof v === 'function' ? v.bind(base) : v;
    }
  }
  throw cannotFetch(key, base, pos);
}

/** The run-time error for a member access that cannot be done. */
export function cannotFetch(key: unknown, base: unknown, pos: number): Fault {
  return new Fault(`cannot fetch ${formatValue(key)} from ${goTypeName(base)}`, pos);
}

/** Checks an index and resolves a negative one; throws "index out of range". */
export function normaliseIndex(key: unknown, length: number, pos: number, base: unknown): number {
  const raw = key instanceof Float64 ? Number.NaN : key;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) {
    throw new Fault(`cannot use ${goTypeName(key)} as index to ${goTypeName(base)}`, pos);
  }
  const index = raw < 0 ? length + raw : raw;
  if (index < 0 || index >= length) {
    throw new Fault(`index out of range: ${index} (array length is ${length})`, pos);
  }
  return index;
}

/** Clamps slice bounds like expr-lang (never an error); negative bounds count from the end. */
function clampBound(v: number, length: number): number {
  const i = v < 0 ? length + v : v;
  return Math.min(Math.max(i, 0), length);
}

/** `base[from:to]` on an array or a string (UTF-8 bytes); `undefined` bounds mean the ends. */
export function sliceValue(base: unknown, from: unknown, to: unknown, pos: number): unknown {
  let length: number;
  if (typeof base === 'string') length = byteLength(base);
  else if (Array.isArray(base)) length = base.length;
  else throw new Fault(`cannot slice ${goTypeName(base)}`, pos);
  const start = from === undefined ? 0 : clampBound(toIndex(from, pos), length);
  let end = to === undefined ? length : clampBound(toIndex(to, pos), length);
  if (end < start) end = start;
  return typeof base === 'string' ? sliceBytes(base, start, end) : (base as unknown[]).slice(start, end);
}

function toIndex(v: unknown, pos: number): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new Fault(`invalid slice index: ${formatValue(v)}`, pos);
}

/**
 * `needle in haystack` for a dynamically typed right side: array membership by `==` rules, map key
 * presence, struct own field; nil ⇒ false; anything else is an error.
 */
export function inValue(needle: unknown, haystack: unknown, pos: number): boolean {
  if (haystack == null) return false;
  if (Array.isArray(haystack)) {
    for (let i = 0; i < haystack.length; i++) if (equal(needle, haystack[i])) return true;
    return false;
  }
  if (typeof haystack === 'object') {
    if (isPlainObject(haystack)) return typeof needle === 'string' && Object.hasOwn(haystack, needle);
    return typeof needle === 'string' && Object.hasOwn(haystack, needle);
  }
  throw new Fault(`operator "in" not defined on ${goTypeName(haystack)}`, pos);
}
