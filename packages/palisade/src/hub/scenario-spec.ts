/**
 * The typed specification of one scenario document (hub-compat §2.2, §2.6), as decoded from YAML
 * by `readScenarioDocument`: every key the engine uses, with where it was written, ready for the
 * bucket engine to compile. Absent values are Go's zero values (0, '', false).
 */
import type { SourceLocation } from './errors.ts';
import type { DataSpec, ExprSpec } from './parser-spec.ts';

/** One `bayesian_conditions` entry. */
export interface BayesianConditionSpec {
  readonly condition: ExprSpec | undefined;
  /** Go float32 values (rounded with Math.fround). */
  readonly probGivenEvil: number;
  readonly probGivenBenign: number;
  readonly guillotine: boolean;
  readonly where: SourceLocation;
}

/** The `scope:` block; `type` defaults to `Ip`. */
export interface ScopeSpec {
  readonly type: string;
  readonly expression: ExprSpec | undefined;
}

/** A validated scenario document. */
export interface ScenarioSpec {
  readonly name: string;
  readonly description: string;
  /** `leaky`, `trigger`, `counter`, `conditional` or `bayesian`. */
  readonly type: string;
  readonly filter: ExprSpec | undefined;
  readonly groupby: ExprSpec | undefined;
  readonly distinct: ExprSpec | undefined;
  readonly cancelOn: ExprSpec | undefined;
  readonly condition: ExprSpec | undefined;
  readonly overflowFilter: ExprSpec | undefined;
  readonly capacity: number;
  readonly cacheSize: number;
  /** Durations in nanoseconds (0 when absent). */
  readonly leakspeedNs: number;
  readonly durationNs: number;
  readonly blackholeNs: number;
  /** The texts as written ('' when absent), exposed to expressions through `leaky.BucketConfig`. */
  readonly leakspeedText: string;
  readonly durationText: string;
  readonly blackholeText: string;
  readonly reprocess: boolean;
  readonly debug: boolean;
  /** `labels.remediation` is the YAML boolean true (the only label with engine semantics). */
  readonly remediation: boolean;
  /** Labels as plain values (YAML → JS), informative. */
  readonly labels: Readonly<Record<string, unknown>>;
  readonly bayesianPrior: number;
  readonly bayesianThreshold: number;
  readonly bayesianConditions: readonly BayesianConditionSpec[];
  readonly scope: ScopeSpec;
  readonly data: readonly DataSpec[];
  /** `format` as written ('' when absent, meaning 1.0). */
  readonly format: string;
  /** Where the document's mapping starts. */
  readonly where: SourceLocation;
}
