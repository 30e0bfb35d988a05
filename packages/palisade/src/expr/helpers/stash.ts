/**
 * The parser stash (spec §1.6): named caches created by `stash:` entries, written at parse time or
 * by `SetInStash`, read by `GetFromStash`. Each cache is an LRU bounded by `size` entries with a
 * default TTL; instances are created per configuration load (no global state).
 */
import type { ExprFunction } from '../functions.ts';
import { anyType, funcOf, stringType } from '../types.ts';
import type { HelperDeps, HelperLogger, StashStore } from './deps.ts';
import { silentLogger } from './deps.ts';
import { str } from './util.ts';

/** Declaration of one named cache. */
export interface StashCacheConfig {
  /** Maximum entries (CrowdSec default 100). */
  readonly size?: number;
  /** Default time-to-live in nanoseconds (a Go Duration); undefined ⇒ no expiry. */
  readonly ttlNs?: number;
  /** `LRU` (default); `LFU` and `ARC` are accepted and evicted as LRU. */
  readonly strategy?: string;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** An in-memory `StashStore` with named, bounded caches. */
export class MemoryStash implements StashStore {
  readonly #caches = new Map<string, { size: number; ttlMs: number; entries: Map<string, Entry> }>();
  readonly #now: () => number;
  readonly #log: HelperLogger;

  constructor(options: { now?: () => number; logger?: HelperLogger } = {}) {
    this.#now = options.now ?? Date.now;
    this.#log = options.logger ?? silentLogger;
  }

  /** Creates cache `name`; a second declaration of the same name keeps the first (caches are global by name). */
  declare(name: string, config: StashCacheConfig = {}): void {
    if (this.#caches.has(name)) return;
    const size = config.size && config.size > 0 ? config.size : 100;
    const ttlMs = config.ttlNs && config.ttlNs > 0 ? config.ttlNs / 1e6 : Number.POSITIVE_INFINITY;
    this.#caches.set(name, { size, ttlMs, entries: new Map() });
  }

  get(name: string, key: string): string | undefined {
    const cache = this.#caches.get(name);
    if (!cache) {
      this.#log.warn(`Cache ${name} not found`);
      return undefined;
    }
    const e = cache.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.#now()) {
      cache.entries.delete(key);
      return undefined;
    }
    // Refresh recency (Map iteration order is insertion order).
    cache.entries.delete(key);
    cache.entries.set(key, e);
    return e.value;
  }

  set(name: string, key: string, value: string, ttlNs?: number): boolean {
    const cache = this.#caches.get(name);
    if (!cache) {
      this.#log.warn(`Cache ${name} not found`);
      return false;
    }
    const ttlMs = ttlNs !== undefined && ttlNs > 0 ? ttlNs / 1e6 : cache.ttlMs;
    cache.entries.delete(key);
    cache.entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    while (cache.entries.size > cache.size) cache.entries.delete(cache.entries.keys().next().value as string);
    return true;
  }
}

/** GetFromStash and SetInStash over `deps.stash`. */
export function stashHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  return [
    {
      name: 'GetFromStash',
      types: [funcOf([stringType, stringType], stringType)],
      fn: (name: unknown, key: unknown) => {
        const n = str('GetFromStash', name);
        const k = str('GetFromStash', key);
        if (!deps.stash) {
          log.warn(`Cache ${n} not found`);
          return '';
        }
        return deps.stash.get(n, k) ?? '';
      },
    },
    {
      name: 'SetInStash',
      // The Go signature ends with *time.Duration: only nil or a Duration can be passed.
      types: [funcOf([stringType, stringType, stringType, anyType], anyType)],
      fn: (name: unknown, key: unknown, value: unknown, ttl: unknown) => {
        const n = str('SetInStash', name);
        const ns = ttl !== null && ttl !== undefined ? Number((ttl as { ns?: unknown }).ns) : undefined;
        if (!deps.stash) log.warn(`Cache ${n} not found`);
        else
          deps.stash.set(
            n,
            str('SetInStash', key),
            str('SetInStash', value),
            Number.isFinite(ns) ? ns : undefined,
          );
        return null;
      },
    },
  ];
}
