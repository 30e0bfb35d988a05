/**
 * Public types of the bucket engine (hub-compat §2): what `loadScenarioSet` takes and returns.
 * Kept in one small file so that the pipeline, replay, hubtest and explain code can code against
 * them while the engine evolves.
 */
import type { Event } from '../event/index.ts';
import type { HelperDeps } from '../expr/helpers/index.ts';
import type { GoTime } from '../expr/values/time.ts';
import type { HubError } from '../hub/errors.ts';

/** One installed scenario item file (it may hold several scenario documents). */
export interface ScenarioItemFile {
  /** Display path (relative, e.g. `scenarios/crowdsecurity/ssh-bf.yaml`). */
  readonly path: string;
  /** The file to read. */
  readonly absPath: string;
  /** Hub item name (`crowdsecurity/ssh-bf`). */
  readonly name: string;
  /** sha256 hex of the installed file (alert `scenario_hash`); computed from the file when absent. */
  readonly hash?: string;
  /** Hub version (alert `scenario_version`); '' or absent for local items. */
  readonly version?: string;
}

/** One installed alert-context item (`contexts/<author>/<name>.yaml`, hub-compat §2.7). */
export interface ContextItemFile {
  /** Display path. */
  readonly path: string;
  /** The file to read. */
  readonly absPath: string;
  /** Hub item name. */
  readonly name: string;
}

/**
 * Wall clock and timers of live mode. Time-machine pours never read it (they use event times),
 * except triggers whose event has no usable `MarshaledTime`.
 */
export interface Clock {
  now(): GoTime;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Bounds that keep the engine's memory finite whatever the input (log lines are attacker
 * controlled: one source IP per line must not create unbounded state).
 */
export interface BucketLimits {
  /** Live bucket instances over all scenarios; a new bucket beyond it evicts the least recently poured one. */
  readonly maxBuckets: number;
  /** Events a bucket keeps when its scenario leaves the queue unbounded (capacity -1, no cache_size). */
  readonly maxQueuePerBucket: number;
  /** Distinct values remembered per bucket; beyond it the oldest value is forgotten. */
  readonly maxDistinctPerBucket: number;
  /** Live mode: how often (ms) idle-bucket collection runs at most; time-machine sweeps by event time. */
  readonly idleCollectMs: number;
}

/** Options of `loadScenarioSet`. */
export interface ScenarioSetOptions {
  /** Scenario item files in any order: scenarios are ordered by item name then document order. */
  readonly items: readonly ScenarioItemFile[];
  /** Where `data:` entries are loaded from. */
  readonly dataDir: string;
  /** Injected into the expression helpers (data files are provided by the set unless given). */
  readonly helperDeps?: Partial<HelperDeps>;
  /** Alert context items: key → expressions evaluated over the queued events at overflow (§2.7 `meta`). */
  readonly contexts?: readonly ContextItemFile[];
  /** Live-mode clock and timers (default: the system clock). */
  readonly clock?: Clock;
  /** Overrides of `DEFAULT_LIMITS`. */
  readonly limits?: Partial<BucketLimits>;
  /** True for scenarios whose alerts are simulated (simulation.yaml). */
  readonly simulated?: (scenarioName: string) => boolean;
  /** Overflows produced outside of a pour: live-mode timers (counters, …). */
  readonly onOverflow?: (overflow: Event) => void;
  /** Non-fatal problems (events without MarshaledTime, missing data files…). */
  readonly onWarning?: (message: string) => void;
}

/** Hooks called while an event is poured (hubtest's bucketpour dump, `palisade explain`). */
export interface PourTrace {
  /** The event was poured into a bucket of `scenario` (its filter matched and it was accepted for pouring). */
  poured(scenario: string, evt: Event): void;
}

/** Counters of one scenario. */
export interface ScenarioStats {
  /** Events handed to one of its buckets. */
  poured: number;
  /** Real overflows emitted (alerts). */
  overflows: number;
  /** Overflows discarded by overflow_filter or blackhole. */
  discarded: number;
  /** Run-time expression errors (filter, groupby, distinct, cancel_on, condition, scope, …). */
  exprErrors: number;
}

/** Engine counters (exposable as metrics). */
export interface BucketStats {
  /** Bucket instances alive now. */
  live: number;
  /** Instances created since load. */
  created: number;
  /** Instances that overflowed. */
  overflowed: number;
  /** Instances that ended because their lifetime elapsed (or were collected idle). */
  expired: number;
  /** Instances evicted because `maxBuckets` was reached. */
  droppedBuckets: number;
  /** Events dropped from queues because of `maxQueuePerBucket`. */
  droppedEvents: number;
  /** Distinct values forgotten because of `maxDistinctPerBucket`. */
  droppedDistinct: number;
  /** Events not poured because they had no usable time (time-machine without MarshaledTime). */
  untimed: number;
  /** Per scenario name. */
  scenarios: Record<string, ScenarioStats>;
}

/** A loaded set of scenarios. */
export interface ScenarioSet {
  /** The loaded scenarios, in pour order. */
  readonly scenarios: readonly { name: string; type: string }[];
  /**
   * Pours `evt` into every scenario in order (hub-compat §2.4) and returns the overflow events
   * (Type OVFLW) produced by this pour, in emission order. Never throws for content problems.
   */
  pour(evt: Event, trace?: PourTrace): Event[];
  /** Current counters (a fresh snapshot). */
  stats(): BucketStats;
  /** Stops every timer; the set must not be used afterwards. */
  shutdown(): void;
}

/** The result of `loadScenarioSet`. */
export interface LoadedScenarioSet {
  readonly set: ScenarioSet;
  /** Bad items (reported with file:line and skipped). */
  readonly errors: HubError[];
}
