/**
 * Go maps at run time are null-prototype objects: a key read from a log line (`__proto__`,
 * `constructor`, …) is then just a key, and lookups never reach `Object.prototype`.
 */

/** A Go `map[string]V`. */
export type GoMap<V> = Record<string, V>;

/** Creates an empty Go map (null prototype). */
export function newMap<V>(): GoMap<V> {
  return Object.create(null) as GoMap<V>;
}

/** Copies the own entries of `from` into a fresh Go map. */
export function mapFrom<V>(from: Readonly<Record<string, V>> | undefined): GoMap<V> {
  const out = newMap<V>();
  if (from) for (const k of Object.keys(from)) out[k] = from[k] as V;
  return out;
}

/** Go's `m[k]` for a map[string]string: the value, or `''` (the zero value) when absent. */
export function getString(m: GoMap<string>, key: string): string {
  return Object.hasOwn(m, key) ? (m[key] as string) : '';
}
