/**
 * Memory bounds of the engine (see `BucketLimits`). The defaults allow far more state than the
 * hub tests or a busy server need, while capping what an attacker spraying source addresses can
 * make the engine hold: at most `maxBuckets` instances of at most `maxQueuePerBucket` events each.
 */
import type { BucketLimits } from './api.ts';

/**
 * Default limits:
 * - `maxBuckets` 100,000 live instances (all scenarios together);
 * - `maxQueuePerBucket` 10,000 events for scenarios whose queue CrowdSec leaves unbounded
 *   (a bounded queue, capacity+1 events, is never cut further);
 * - `maxDistinctPerBucket` 10,000 remembered `distinct` values per instance;
 * - `idleCollectMs` 60,000: idle-bucket collection runs at most once a minute of (event or wall) time.
 */
export const DEFAULT_LIMITS: BucketLimits = Object.freeze({
  maxBuckets: 100_000,
  maxQueuePerBucket: 10_000,
  maxDistinctPerBucket: 10_000,
  idleCollectMs: 60_000,
});

/** `DEFAULT_LIMITS` overridden by the given fields (non-positive values are ignored). */
export function resolveLimits(given: Partial<BucketLimits> | undefined): BucketLimits {
  const pick = (k: keyof BucketLimits): number => {
    const v = given?.[k];
    return typeof v === 'number' && v > 0 ? Math.floor(v) : DEFAULT_LIMITS[k];
  };
  return {
    maxBuckets: pick('maxBuckets'),
    maxQueuePerBucket: pick('maxQueuePerBucket'),
    maxDistinctPerBucket: pick('maxDistinctPerBucket'),
    idleCollectMs: pick('idleCollectMs'),
  };
}
