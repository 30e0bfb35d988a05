/**
 * Static types of the expression language, as the checker sees them.
 *
 * They mirror the Go types that CrowdSec hands to expr-lang (spec hub-compat §4.1): a filter is
 * compiled against `evt: *Event`, so an unknown field of a known struct is a load error, while
 * anything reached through `map[string]any` (`Unmarshaled`) is dynamically typed (`any`).
 *
 * Types are plain frozen objects built with the factories below; structs are mutable only while
 * they are being declared, so that recursive shapes (Event → RuntimeAlert → Event) can be tied.
 */

export type Type =
  | AnyType
  | NilType
  | BoolType
  | IntType
  | FloatType
  | StringType
  | TimeType
  | DurationType
  | ArrayType
  | MapType
  | StructType
  | FuncType;

export interface AnyType {
  readonly kind: 'any';
}
export interface NilType {
  readonly kind: 'nil';
}
export interface BoolType {
  readonly kind: 'bool';
}
export interface IntType {
  readonly kind: 'int';
}
export interface FloatType {
  readonly kind: 'float';
}
export interface StringType {
  readonly kind: 'string';
}
/** Go `time.Time`; runtime value: `GoTime` (values.ts). */
export interface TimeType {
  readonly kind: 'time';
}
/** Go `time.Duration`; runtime value: `Duration` (values.ts). */
export interface DurationType {
  readonly kind: 'duration';
}
export interface ArrayType {
  readonly kind: 'array';
  readonly elem: Type;
}
/**
 * A Go map. Runtime value: a plain JS object (own enumerable properties are the entries; use
 * `Object.hasOwn`, never the prototype chain). A missing key yields `zero` of the value type:
 * `''` for map[string]string, `null` (nil) for map[string]any.
 */
export interface MapType {
  readonly kind: 'map';
  readonly key: Type;
  readonly value: Type;
}
/**
 * A Go struct (or pointer to struct). Runtime value: a JS object whose own properties carry the
 * Go field names and whose methods (the `methods` entries) are callable JS methods of the object.
 */
export interface StructType {
  readonly kind: 'struct';
  readonly name: string;
  readonly fields: Record<string, Type>;
  readonly methods: Record<string, FuncType>;
}
/** A function or method signature. `variadic`, when set, is the type of each extra argument. */
export interface FuncType {
  readonly kind: 'func';
  readonly params: readonly Type[];
  readonly variadic?: Type;
  readonly result: Type;
}

export const anyType: AnyType = Object.freeze({ kind: 'any' });
export const nilType: NilType = Object.freeze({ kind: 'nil' });
export const boolType: BoolType = Object.freeze({ kind: 'bool' });
export const intType: IntType = Object.freeze({ kind: 'int' });
export const floatType: FloatType = Object.freeze({ kind: 'float' });
export const stringType: StringType = Object.freeze({ kind: 'string' });
export const timeType: TimeType = Object.freeze({ kind: 'time' });
export const durationType: DurationType = Object.freeze({ kind: 'duration' });

export function arrayOf(elem: Type): ArrayType {
  return Object.freeze({ kind: 'array', elem });
}

export function mapOf(value: Type, key: Type = stringType): MapType {
  return Object.freeze({ kind: 'map', key, value });
}

/** `func(params...) result`; pass `variadic` for a trailing `...T`. */
export function funcOf(params: readonly Type[], result: Type, variadic?: Type): FuncType {
  return Object.freeze(
    variadic ? { kind: 'func', params, variadic, result } : { kind: 'func', params, result },
  );
}

/**
 * Declares a struct. Fields and methods may be added to the returned records until the shape is
 * complete (needed for recursive types); the type object itself is never replaced.
 */
export function structOf(
  name: string,
  fields: Record<string, Type> = {},
  methods: Record<string, FuncType> = {},
): StructType {
  return { kind: 'struct', name, fields, methods };
}

/** Go-style rendering of a type for error messages (`map[string]string`, `[]interface {}`, …). */
export function typeName(t: Type): string {
  switch (t.kind) {
    case 'any':
      return 'interface {}';
    case 'nil':
      return 'nil';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'time':
      return 'time.Time';
    case 'duration':
      return 'time.Duration';
    case 'array':
      return `[]${typeName(t.elem)}`;
    case 'map':
      return `map[${typeName(t.key)}]${typeName(t.value)}`;
    case 'struct':
      return t.name;
    case 'func':
      return `func(${t.params.map(typeName).join(', ')}${t.variadic ? `${t.params.length ? ', ' : ''}...${typeName(t.variadic)}` : ''}) ${typeName(t.result)}`;
    default:
      return t.kind;
  }
}
