/**
 * Clocks for live mode: the system clock, and a manual clock for tests whose timers fire only
 * when the test advances time (so tests never sleep nor depend on scheduling).
 */
import { GoTime } from '../expr/values/time.ts';
import type { Clock } from './api.ts';

/** Wall clock (UTC) and Node timers; timers do not keep the process alive. */
export const systemClock: Clock = Object.freeze({
  now: () => GoTime.now().UTC(),
  setTimeout(fn: () => void, ms: number): unknown {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref();
    return t;
  },
  clearTimeout(handle: unknown): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
});

interface ManualTimer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/**
 * A clock that only moves when told: `advance(ms)` runs, in time order, every timer due within
 * the advanced span (a timer scheduled by a timer fires too if it is due).
 */
export class ManualClock implements Clock {
  #ms: number;
  #nextId = 1;
  #timers = new Map<number, ManualTimer>();

  /** Starts at `start` (a GoTime or epoch milliseconds). */
  constructor(start: GoTime | number = 0) {
    this.#ms = typeof start === 'number' ? start : start.Unix() * 1000 + Math.floor(start.nsec / 1e6);
  }

  now(): GoTime {
    const sec = Math.floor(this.#ms / 1000);
    return GoTime.fromUnix(sec, (this.#ms - sec * 1000) * 1e6).UTC();
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { id, at: this.#ms + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Pending timers. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in (time, creation) order. */
  advance(ms: number): void {
    const end = this.#ms + ms;
    for (;;) {
      let next: ManualTimer | undefined;
      for (const t of this.#timers.values()) {
        if (t.at <= end && (next === undefined || t.at < next.at || (t.at === next.at && t.id < next.id)))
          next = t;
      }
      if (next === undefined) break;
      this.#timers.delete(next.id);
      this.#ms = Math.max(this.#ms, next.at);
      next.fn();
    }
    this.#ms = end;
  }
}
