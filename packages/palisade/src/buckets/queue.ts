/**
 * `pipeline.Queue` (hub-compat §2.3): the events a bucket instance keeps, visible to conditions
 * as `queue` (`queue.Queue`, `queue.L`, `queue.GetQueue()`). It keeps at most L+1 events,
 * dropping the oldest; an unbounded queue (L = -1) is capped by the engine's memory limit.
 */
import type { Event } from '../event/index.ts';

/** What Go shows as `L` for an unbounded queue (max int; the nearest exact JS integer). */
const UNBOUNDED_L = Number.MAX_SAFE_INTEGER;

/** A bucket's queue. Field names are Go's: expressions read them. */
export class BucketQueue {
  Queue: Event[] = [];
  L: number;
  /** Hard cap on the number of events kept (L+1, or the engine limit when unbounded). */
  readonly #keep: number;
  /** Called with the number of events dropped only because of the engine limit. */
  readonly #onCapped: (() => void) | undefined;

  /** `limit` is Go's L (-1 = unbounded); `cap` bounds an unbounded queue. */
  constructor(limit: number, cap: number, onCapped?: () => void) {
    this.L = limit < 0 ? UNBOUNDED_L : limit;
    this.#keep = limit < 0 ? Math.max(1, cap) : limit + 1;
    this.#onCapped = limit < 0 ? onCapped : undefined;
  }

  /** Appends `evt`, first dropping the oldest events beyond the limit. */
  Add(evt: Event): void {
    const q = this.Queue;
    while (q.length >= this.#keep) {
      q.shift();
      this.#onCapped?.();
    }
    q.push(evt);
  }

  GetQueue(): Event[] {
    return this.Queue;
  }
}
