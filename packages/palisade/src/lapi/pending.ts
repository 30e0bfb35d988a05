/**
 * Work that continues after a response was sent (the stream cursor acknowledgement). Shutdown
 * and tests wait for it with `settle()`, so that a cursor is never lost to a close that came
 * right after the last byte of a stream.
 */

/** A set of in-flight promises. */
export class PendingWork {
  readonly #inFlight = new Set<Promise<unknown>>();

  /** Tracks `p` until it settles (its rejection must be handled by the caller). */
  add(p: Promise<unknown>): void {
    this.#inFlight.add(p);
    p.finally(() => this.#inFlight.delete(p)).catch(() => {});
  }

  /** Resolves once everything tracked so far (and anything added meanwhile) has settled. */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}
