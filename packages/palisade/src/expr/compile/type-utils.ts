import { type Type, typeName } from '../types.ts';
import { Duration } from '../values/duration.ts';
import { floatToAny } from '../values/float.ts';
import type { Compiled } from './scope.ts';

/**
 * Type predicates and relations of the checker, following expr-lang's `checker/types.go`:
 * `any` (Go `interface{}`) is compatible with everything and defers checks to run time.
 */

export const isAny = (t: Type): boolean => t.kind === 'any';
export const isNil = (t: Type): boolean => t.kind === 'nil';
export const isNumber = (t: Type): boolean => t.kind === 'int' || t.kind === 'float';
export const isInt = (t: Type): boolean => t.kind === 'int';
export const isFloat = (t: Type): boolean => t.kind === 'float';
export const isString = (t: Type): boolean => t.kind === 'string';
export const isBool = (t: Type): boolean => t.kind === 'bool';
export const isArray = (t: Type): boolean => t.kind === 'array';
export const isMap = (t: Type): boolean => t.kind === 'map';
export const isStruct = (t: Type): boolean => t.kind === 'struct';
export const isTime = (t: Type): boolean => t.kind === 'time';
export const isDurationType = (t: Type): boolean => t.kind === 'duration';

/** Structural identity of two types (structs by name). */
export function sameType(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'array':
      return sameType(a.elem, (b as typeof a).elem);
    case 'map':
      return sameType(a.key, (b as typeof a).key) && sameType(a.value, (b as typeof a).value);
    case 'struct':
      return a.name === (b as typeof a).name;
    case 'func':
      return false;
    default:
      return true;
  }
}

/** Can a value of type `from` be used where `to` is expected (call arguments, map keys)? */
export function assignable(from: Type, to: Type): boolean {
  if (isAny(to) || isAny(from)) return true;
  if (isNil(from)) return ['map', 'array', 'struct', 'func', 'nil'].includes(to.kind);
  // expr-lang retypes integer literals and integer arithmetic to a float parameter.
  if (isInt(from) && isFloat(to)) return true;
  if (from.kind === 'array' && to.kind === 'array') return assignable(from.elem, to.elem);
  if (from.kind === 'map' && to.kind === 'map')
    return sameType(from.key, to.key) && assignable(from.value, to.value);
  return sameType(from, to);
}

/** Can `==` compare these types (expr-lang `isComparable`)? */
export function comparable(l: Type, r: Type): boolean {
  if (isAny(l) || isAny(r) || isNil(l) || isNil(r)) return true;
  if (isNumber(l) && isNumber(r)) return true;
  if (isArray(l) && isArray(r)) return true;
  return sameType(l, r);
}

/** Go's zero value of a type, as a missing map entry or unset struct field yields it. */
export function zeroValue(t: Type): unknown {
  switch (t.kind) {
    case 'string':
      return '';
    case 'int':
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'duration':
      return new Duration(0);
    default:
      return null;
  }
}

/** The element type of an iterable type (`any` when unknown). */
export function elemType(t: Type): Type | undefined {
  if (t.kind === 'array') return t.elem;
  if (t.kind === 'any') return t;
  return undefined;
}

/** The evaluator of `c` in `any` representation: a static float is boxed when integral. */
export function anyEv(c: Compiled): Compiled['ev'] {
  if (c.type.kind !== 'float') return c.ev;
  const ev = c.ev;
  return (f) => floatToAny(ev(f) as number);
}

/** Go name of a type for messages. */
export const nameOf = typeName;
