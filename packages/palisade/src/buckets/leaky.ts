/**
 * One bucket instance (Go `leakybucket.Leaky`), the `leaky` variable of conditions and overflow
 * filters. Exported fields carry Go's names (expressions read them); the engine's own state uses
 * lower-case names, which the expression checker never lets content reach.
 */
import { MODE_TIMEMACHINE } from '../event/index.ts';
import type { Duration } from '../expr/values/duration.ts';
import { GoTime } from '../expr/values/time.ts';
import type { ScenarioFactory } from './factory.ts';
import { ALWAYS_ALLOW, type Limiter, TokenBucket } from './limiter.ts';
import { partitionKey } from './partition-key.ts';
import { BucketQueue } from './queue.ts';

let nextUuid = 1;

/** A live bucket instance. */
export class Leaky {
  Name: string;
  Mode: number;
  Limiter: Limiter;
  Queue: BucketQueue;
  Capacity: number;
  CacheSize: number;
  Reprocess: boolean;
  Simulated: boolean;
  Uuid: string;
  First_ts: GoTime = GoTime.zero();
  Last_ts: GoTime = GoTime.zero();
  Ovflw_ts: GoTime = GoTime.zero();
  Total_count = 0;
  Leakspeed: Duration;
  BucketConfig: Readonly<Record<string, unknown>>;
  Duration: Duration;
  Profiling = false;

  /** The scenario. */
  readonly factory: ScenarioFactory;
  /** groupby value (the key of the instance in its scenario's map). */
  readonly group: string;
  /** `distinct` values seen (insertion ordered, so the oldest can be forgotten). */
  seen: Set<string> | null = null;
  /** Guillotine state per bayesian condition. */
  guillotines: boolean[] | null = null;
  /** Live mode: wall-clock ms after which the instance is dead (lifetime timer); 0 = not armed. */
  deadlineMs = 0;
  /** Live counters: the timer handle of the timed overflow. */
  timer: unknown = null;
  /** Sweep generation at creation (collects instances that never received a timed event). */
  readonly bornGen: number;
  /** Set once the instance ended (overflowed, cancelled, expired, evicted). */
  dead = false;
  /** Least-recently-poured list links (owned by the store). */
  prev: Leaky | null = null;
  next: Leaky | null = null;

  constructor(
    factory: ScenarioFactory,
    group: string,
    mode: number,
    queueCap: number,
    bornGen: number,
    onQueueCapped: () => void,
  ) {
    const spec = factory.spec;
    this.factory = factory;
    this.group = group;
    this.Name = spec.name;
    this.Mode = mode;
    this.Limiter = spec.capacity === -1 ? ALWAYS_ALLOW : new TokenBucket(spec.capacity, spec.leakspeedNs);
    this.Queue = new BucketQueue(factory.queueLimit, queueCap, onQueueCapped);
    this.Capacity = spec.capacity;
    this.CacheSize = spec.cacheSize;
    this.Reprocess = spec.reprocess;
    this.Simulated = factory.simulated;
    this.Uuid = `bucket-${nextUuid++}`;
    this.Leakspeed = factory.leakspeed;
    this.BucketConfig = factory.bucketConfig;
    this.Duration = factory.lifetime;
    this.bornGen = bornGen;
  }

  /**
   * The partition key (SHA-1 of filter, groupby value and name). Computed on first read: only
   * overflows and blackholes need it, and hashing at every instance creation cost ~3% of a replay.
   */
  get Mapkey(): string {
    if (this.#mapkey === null) {
      this.#mapkey = partitionKey(this.factory.spec.filter?.source ?? '', this.group, this.factory.name);
    }
    return this.#mapkey;
  }

  #mapkey: string | null = null;

  /** True for a time-machine instance (timestamps from events). */
  get timeMachine(): boolean {
    return this.Mode === MODE_TIMEMACHINE;
  }
}
