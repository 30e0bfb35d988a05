/**
 * A small bounded LRU map (insertion-ordered `Map`, refreshed on read). Every cache of the
 * enrichers uses it so that attacker-chosen keys (IPs from log lines) cannot grow memory.
 */

/** A `Map` that keeps at most `maxEntries` keys, evicting the least recently used. */
export class BoundedLru<K, V> {
  readonly #map = new Map<K, V>();
  readonly #max: number;

  /** `maxEntries` < 1 is treated as 1. */
  constructor(maxEntries: number) {
    this.#max = Math.max(1, Math.floor(maxEntries));
  }

  /** Number of cached keys. */
  get size(): number {
    return this.#map.size;
  }

  /** The value of `key` (marking it recently used), or undefined. */
  get(key: K): V | undefined {
    if (!this.#map.has(key)) return undefined;
    const value = this.#map.get(key) as V;
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  /** Stores `key`, evicting the oldest keys beyond the bound. */
  set(key: K, value: V): this {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value as K);
    return this;
  }

  /** Removes `key`. */
  delete(key: K): boolean {
    return this.#map.delete(key);
  }

  /** Removes everything. */
  clear(): void {
    this.#map.clear();
  }
}
