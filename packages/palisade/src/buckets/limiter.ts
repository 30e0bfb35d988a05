/**
 * The token bucket behind leaky buckets (hub-compat §2.3): Go's `x/time/rate` limiter as CrowdSec
 * uses it, `Allow`/`AllowN(t, 1)` only. Burst = capacity, refill 1 token per leakspeed, starts full;
 * a denied take leaves the state untouched.
 */
import type { GoTime } from '../expr/values/time.ts';

/** What a bucket asks its limiter. */
export interface Limiter {
  /** Takes one token at `t` if available. */
  allow(t: GoTime): boolean;
}

/** `rate.AlwaysFull`: capacity -1 (counters, conditional, bayesian) always allows. */
export const ALWAYS_ALLOW: Limiter = Object.freeze({ allow: () => true });

/** Largest Go duration (ns): elapsed times saturate there, as `time.Time.Sub` does. */
const MAX_DURATION_NS = 2 ** 63;

/** `rate.NewLimiter(rate.Every(leakspeed), burst)`. */
export class TokenBucket implements Limiter {
  readonly #burst: number;
  /** Tokens per second (`rate.Limit`). */
  readonly #limit: number;
  #tokens = 0;
  /** Time of the last successful take, as (sec, nsec); null = never (so the first take finds it full). */
  #lastSec: number | null = null;
  #lastNsec = 0;

  constructor(burst: number, leakspeedNs: number) {
    this.#burst = burst;
    this.#limit = leakspeedNs > 0 ? 1 / (leakspeedNs / 1e9) : Number.POSITIVE_INFINITY;
  }

  /** Tokens available at `t` (for tests and the idle sweep). */
  tokensAt(t: GoTime): number {
    return this.#advance(t);
  }

  allow(t: GoTime): boolean {
    if (this.#limit === Number.POSITIVE_INFINITY) return true;
    const tokens = this.#advance(t) - 1;
    // Go converts a deficit into a wait (truncated to whole ns); Allow succeeds when it is 0.
    if (tokens < 0 && Math.trunc(1e9 * (-tokens / this.#limit)) > 0) return false;
    this.#tokens = tokens;
    this.#lastSec = t.sec;
    this.#lastNsec = t.nsec;
    return true;
  }

  #advance(t: GoTime): number {
    let elapsedNs: number;
    if (this.#lastSec === null) elapsedNs = MAX_DURATION_NS;
    else {
      elapsedNs = (t.sec - this.#lastSec) * 1e9 + (t.nsec - this.#lastNsec);
      // An event older than the last take refills nothing (Go clamps `last` to `t`).
      if (elapsedNs < 0) elapsedNs = 0;
      else if (elapsedNs > MAX_DURATION_NS) elapsedNs = MAX_DURATION_NS;
    }
    const tokens = this.#tokens + (elapsedNs / 1e9) * this.#limit;
    return Math.min(tokens, this.#burst);
  }
}
