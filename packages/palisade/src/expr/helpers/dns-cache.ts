/**
 * The default `DnsResolver`: answers from a bounded in-memory cache and returns [] on a miss.
 * A miss can trigger a background resolution (when `resolve` is given) whose answer serves later
 * evaluations; expressions themselves never wait for the network.
 */
import type { DnsResolver } from './deps.ts';

/** Options of the cached resolver. */
export interface CachedDnsOptions {
  /** Maximum cached names per table (forward and reverse). Default 10,000. */
  readonly maxEntries?: number;
  /** Lifetime of an answer in ms. Default 5 minutes. */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** Background forward lookup, e.g. `(h) => dns.promises.lookup(h, {all: true}).then(...)`. */
  readonly resolve?: (host: string) => Promise<string[]>;
  /** Background forward-confirmed reverse lookup. */
  readonly reverse?: (ip: string) => Promise<string[]>;
}

interface Answer {
  readonly values: readonly string[];
  readonly expiresAt: number;
}

/** A bounded, TTL'd DNS answer cache implementing `DnsResolver`. */
export class CachedDnsResolver implements DnsResolver {
  readonly #forward = new Map<string, Answer>();
  readonly #reverse = new Map<string, Answer>();
  readonly #pending = new Set<string>();
  readonly #max: number;
  readonly #ttl: number;
  readonly #now: () => number;
  readonly #resolve?: (host: string) => Promise<string[]>;
  readonly #reverseLookup?: (ip: string) => Promise<string[]>;

  constructor(options: CachedDnsOptions = {}) {
    this.#max = options.maxEntries ?? 10_000;
    this.#ttl = options.ttlMs ?? 300_000;
    this.#now = options.now ?? Date.now;
    this.#resolve = options.resolve;
    this.#reverseLookup = options.reverse;
  }

  /** Stores an answer (used by the background lookups and by tests). */
  seed(kind: 'forward' | 'reverse', key: string, values: readonly string[]): void {
    const table = kind === 'forward' ? this.#forward : this.#reverse;
    table.delete(key);
    table.set(key, { values: [...values], expiresAt: this.#now() + this.#ttl });
    while (table.size > this.#max) table.delete(table.keys().next().value as string);
  }

  #get(kind: 'forward' | 'reverse', key: string): readonly string[] {
    const table = kind === 'forward' ? this.#forward : this.#reverse;
    const hit = table.get(key);
    if (hit && hit.expiresAt > this.#now()) return hit.values;
    if (hit) table.delete(key);
    const lookup = kind === 'forward' ? this.#resolve : this.#reverseLookup;
    const tag = `${kind}:${key}`;
    // Bound the in-flight set too, so a flood of distinct names cannot grow it without limit.
    if (lookup && !this.#pending.has(tag) && this.#pending.size < 1000) {
      this.#pending.add(tag);
      lookup(key)
        .then((values) => this.seed(kind, key, values))
        .catch(() => this.seed(kind, key, []))
        .finally(() => this.#pending.delete(tag));
    }
    return [];
  }

  lookupHost(host: string): readonly string[] {
    return this.#get('forward', host);
  }

  forwardConfirmedNames(ip: string): readonly string[] {
    return this.#get('reverse', ip);
  }
}
