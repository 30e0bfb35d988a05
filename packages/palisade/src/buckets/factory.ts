/**
 * A compiled scenario ("bucket factory", hub-compat §2.2): its specification with every
 * expression compiled once, the derived constants of its instances (queue limit, lifetime,
 * limiter parameters) and the state it shares between instances (blackhole, counters).
 */
import type { Program } from '../expr/index.ts';
import { Duration } from '../expr/values/duration.ts';
import type { ScenarioSpec } from '../hub/scenario-spec.ts';
import type { ScenarioStats } from './api.ts';
import type { Blackhole } from './blackhole.ts';
import type { FilterGuard } from './filter-guard.ts';

/** A compiled `bayesian_conditions` entry. */
export interface CompiledBayesianCondition {
  readonly program: Program | null;
  readonly probGivenEvil: number;
  readonly probGivenBenign: number;
  readonly guillotine: boolean;
}

/** The compiled bayesian processor (present when `bayesian_threshold` ≠ 0). */
export interface CompiledBayesian {
  readonly prior: number;
  readonly threshold: number;
  readonly conditions: readonly CompiledBayesianCondition[];
}

/** A scenario ready to pour into. */
export interface ScenarioFactory {
  /** Position in pour order. */
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly spec: ScenarioSpec;
  /** Item file display path (for messages). */
  readonly file: string;
  /** Alert `scenario_hash` / `scenario_version`. */
  readonly hash: string;
  readonly version: string;
  readonly simulated: boolean;
  readonly filter: Program | null;
  readonly groupby: Program | null;
  readonly distinct: Program | null;
  readonly cancelOn: Program | null;
  readonly condition: Program | null;
  readonly overflowFilter: Program | null;
  /** `scope.expression`, when given. */
  readonly scopeExpr: Program | null;
  /** `scope.type` (`Ip` by default). */
  readonly scopeType: string;
  readonly bayesian: CompiledBayesian | null;
  readonly blackhole: Blackhole | null;
  /** Go's queue limit L (-1 = unbounded). */
  readonly queueLimit: number;
  /** Instance lifetime (hub-compat §2.3): leaky (capacity+1)×leakspeed, counter duration, … */
  readonly lifetime: Duration;
  readonly leakspeed: Duration;
  /** A `duration` is set: the instance overflows when its lifetime ends (counter). */
  readonly timed: boolean;
  /** `type: conditional`: every event is queued whatever the limiter says. */
  readonly conditional: boolean;
  readonly trigger: boolean;
  /** Pre-check of the filter (filter-guard.ts), or null. */
  readonly guard: FilterGuard | null;
  /** Some expression of the scenario may modify the event (SetMeta/SetParsed). */
  readonly mutates: boolean;
  /** `leaky.BucketConfig` as expressions see it. */
  readonly bucketConfig: Readonly<Record<string, unknown>>;
  readonly stats: ScenarioStats;
}

/** Go's queue limit for a scenario (hub-compat §2.3). */
export function queueLimit(capacity: number, cacheSize: number): number {
  if (cacheSize > 0) {
    if (cacheSize <= capacity) return cacheSize;
    if (capacity === -1) return cacheSize;
  }
  return capacity;
}

/** Instance lifetime (Go `Leaky.Duration`). */
export function lifetimeOf(spec: ScenarioSpec): Duration {
  let ns = 0;
  if (spec.capacity > 0 && spec.leakspeedNs !== 0) ns = (spec.capacity + 1) * spec.leakspeedNs;
  if (spec.durationNs !== 0) ns = spec.durationNs;
  if (spec.type === 'conditional' || spec.type === 'bayesian') ns = spec.leakspeedNs;
  return new Duration(ns);
}

/** The `leakybucket.BucketFactory` view reachable as `leaky.BucketConfig`. */
export function bucketConfigView(spec: ScenarioSpec, file: string, version: string): Record<string, unknown> {
  const labels = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(spec.labels)) labels[k] = spec.labels[k];
  return Object.freeze({
    FormatVersion: spec.format,
    Author: '',
    Description: spec.description,
    References: [],
    Type: spec.type,
    Name: spec.name,
    Capacity: spec.capacity,
    LeakSpeed: spec.leakspeedText,
    Duration: spec.durationText,
    Filter: spec.filter?.source ?? '',
    GroupBy: spec.groupby?.source ?? '',
    Distinct: spec.distinct?.source ?? '',
    Debug: spec.debug,
    Labels: labels,
    Blackhole: spec.blackholeText,
    Reprocess: spec.reprocess,
    CacheSize: spec.cacheSize,
    Profiling: false,
    OverflowFilter: spec.overflowFilter?.source ?? '',
    ConditionalOverflow: spec.condition?.source ?? '',
    BayesianPrior: spec.bayesianPrior,
    BayesianThreshold: spec.bayesianThreshold,
    BayesianConditions: [],
    ScopeType: Object.freeze({ Scope: spec.scope.type, Filter: spec.scope.expression?.source ?? '' }),
    BucketName: '',
    Filename: file,
    Data: [],
    DataDir: '',
    CancelOnFilter: spec.cancelOn?.source ?? '',
    ScenarioVersion: version,
    Simulated: false,
  });
}
