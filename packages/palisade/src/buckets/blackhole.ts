/**
 * `blackhole` (hub-compat §2.5): after an overflow of a partition, further overflows of that
 * partition are discarded until `Ovflw_ts + blackhole`. The state belongs to the scenario (all
 * instances share it). At each overflow the entries that ended at or before the overflow time
 * are purged first (Go walks its list; a min-heap on the end time gives the same result), then a
 * partition with an entry is discarded (the entry is not extended), else an entry is added.
 */
import type { GoTime } from '../expr/values/time.ts';

interface Entry {
  readonly key: string;
  /** End of the blackhole, as (sec, nsec). */
  readonly sec: number;
  readonly nsec: number;
}

function before(a: Entry, b: Entry): boolean {
  return a.sec < b.sec || (a.sec === b.sec && a.nsec < b.nsec);
}

/** The blackhole state of one scenario. */
export class Blackhole {
  readonly #ns: number;
  readonly #maxEntries: number;
  readonly #byKey = new Map<string, Entry>();
  readonly #heap: Entry[] = [];
  /** Entries dropped because of `maxEntries` (reported as dropped state). */
  dropped = 0;

  /** `durationNs` is the blackhole duration; at most `maxEntries` partitions are remembered. */
  constructor(durationNs: number, maxEntries: number) {
    this.#ns = durationNs;
    this.#maxEntries = Math.max(1, maxEntries);
  }

  /** Partitions currently remembered. */
  get size(): number {
    return this.#byKey.size;
  }

  /** Decides an overflow of partition `key` at `at`: true when it must be discarded. */
  discards(key: string, at: GoTime): boolean {
    this.#purge(at);
    if (this.#byKey.has(key)) return true;
    if (this.#byKey.size >= this.#maxEntries) {
      this.#popOldest();
      this.dropped++;
    }
    const endNs = at.nsec + (this.#ns % 1e9);
    const entry: Entry = {
      key,
      sec: at.sec + Math.floor(this.#ns / 1e9) + Math.floor(endNs / 1e9),
      nsec: endNs % 1e9,
    };
    this.#byKey.set(key, entry);
    this.#push(entry);
    return false;
  }

  /** Removes entries whose end is at or before `at`. */
  #purge(at: GoTime): void {
    const h = this.#heap;
    while (h.length > 0) {
      const top = h[0] as Entry;
      if (top.sec > at.sec || (top.sec === at.sec && top.nsec > at.nsec)) break;
      this.#popOldest();
    }
  }

  #popOldest(): void {
    const h = this.#heap;
    const top = h[0] as Entry;
    const last = h.pop() as Entry;
    if (h.length > 0) {
      h[0] = last;
      this.#down(0);
    }
    if (this.#byKey.get(top.key) === top) this.#byKey.delete(top.key);
  }

  #push(e: Entry): void {
    const h = this.#heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(e, h[p] as Entry)) break;
      h[i] = h[p] as Entry;
      i = p;
    }
    h[i] = e;
  }

  #down(i: number): void {
    const h = this.#heap;
    const n = h.length;
    const e = h[i] as Entry;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(h[c + 1] as Entry, h[c] as Entry)) c++;
      if (!before(h[c] as Entry, e)) break;
      h[i] = h[c] as Entry;
      i = c;
    }
    h[i] = e;
  }
}
