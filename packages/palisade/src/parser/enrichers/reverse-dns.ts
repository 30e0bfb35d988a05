/**
 * `reverse_dns` (hub-compat §1.8, used by the `crowdsecurity/rdns` postoverflow) and its default
 * non-blocking resolver.
 *
 * Difference from CrowdSec: CrowdSec calls `net.LookupAddr` and blocks the parse of the event
 * until DNS answers. Enrichers here are synchronous, so `NonBlockingReverseDns` answers from a
 * bounded LRU cache; on a miss it starts a background `dns.reverse` that fills the cache for
 * later events, and the current event gets no `reverse_dns` key. An IP therefore gets its name
 * from its second event on (within the TTL); replay tests inject a resolver with fixed answers.
 */
import { promises as dnsPromises } from 'node:dns';
import { parseIP } from '../../expr/helpers/go-ip.ts';
import { BoundedLru } from './lru.ts';
import type { Enricher, ReverseResolver } from './types.ts';

/**
 * `reverse_dns(ip)`: `{reverse_dns: <first PTR name>}` when the resolver knows one, else null.
 * Empty input ⇒ null.
 */
export function reverseDnsEnricher(resolver: ReverseResolver): Enricher {
  return (ip: string) => {
    if (ip === '') return null;
    const name = resolver.reverseFromCacheOrSchedule(ip);
    return name === null || name === '' ? null : { reverse_dns: name };
  };
}

/** Options of `NonBlockingReverseDns`. */
export interface NonBlockingReverseDnsOptions {
  /** Maximum cached IPs (answers and negative answers). Default 10,000. */
  readonly maxEntries?: number;
  /** Lifetime of a name in ms. Default 1 hour. */
  readonly ttlMs?: number;
  /** Lifetime of "no name" / failed lookups in ms. Default 5 minutes. */
  readonly negativeTtlMs?: number;
  /** Maximum lookups in flight; further misses are not scheduled. Default 100. */
  readonly maxPending?: number;
  /** Clock in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
  /** The PTR lookup. Default `dns.promises.reverse`. */
  readonly lookup?: (ip: string) => Promise<string[]>;
}

interface CachedName {
  /** First PTR name with Go's trailing dot, or null when there is none. */
  readonly name: string | null;
  readonly expiresAt: number;
}

/** Go's `net.LookupAddr` returns absolute names (with a trailing dot); node's resolver does not. */
function absoluteName(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/**
 * The default `ReverseResolver`: never blocks, never grows beyond `maxEntries` cached IPs and
 * `maxPending` lookups in flight. Names are returned as Go does, with a trailing dot
 * (`dns.google.`). Invalid addresses are answered null without any lookup.
 */
export class NonBlockingReverseDns implements ReverseResolver {
  readonly #cache: BoundedLru<string, CachedName>;
  readonly #pending = new Set<string>();
  readonly #ttl: number;
  readonly #negativeTtl: number;
  readonly #maxPending: number;
  readonly #now: () => number;
  readonly #lookup: (ip: string) => Promise<string[]>;

  constructor(options: NonBlockingReverseDnsOptions = {}) {
    this.#cache = new BoundedLru(options.maxEntries ?? 10_000);
    this.#ttl = options.ttlMs ?? 3_600_000;
    this.#negativeTtl = options.negativeTtlMs ?? 300_000;
    this.#maxPending = options.maxPending ?? 100;
    this.#now = options.now ?? Date.now;
    this.#lookup = options.lookup ?? ((ip) => dnsPromises.reverse(ip));
  }

  /** Lookups currently in flight (for tests and metrics). */
  get pending(): number {
    return this.#pending.size;
  }

  /** Cached name of `ip`, else null after scheduling a background lookup (see the file doc). */
  reverseFromCacheOrSchedule(ip: string): string | null {
    const hit = this.#cache.get(ip);
    if (hit && hit.expiresAt > this.#now()) return hit.name;
    if (hit) this.#cache.delete(ip);
    if (parseIP(ip) === undefined) return null;
    this.#schedule(ip);
    return null;
  }

  /** Resolves `ip` now and caches the answer; resolves to the cached name (used by warm-up and tests). */
  async resolve(ip: string): Promise<string | null> {
    let name: string | null = null;
    let ttl = this.#negativeTtl;
    try {
      const names = await this.#lookup(ip);
      const first = names.find((n) => n !== '');
      if (first !== undefined) {
        name = absoluteName(first);
        ttl = this.#ttl;
      }
    } catch {
      // NXDOMAIN, timeout, refused: cached as "no name" for the negative TTL, like a miss.
    }
    this.#cache.set(ip, { name, expiresAt: this.#now() + ttl });
    return name;
  }

  #schedule(ip: string): void {
    if (this.#pending.has(ip) || this.#pending.size >= this.#maxPending) return;
    this.#pending.add(ip);
    this.resolve(ip).finally(() => this.#pending.delete(ip));
  }
}
