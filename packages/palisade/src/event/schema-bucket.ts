/**
 * Static types of the bucket views that scenario `condition`, `bayesian_conditions` and
 * `overflow_filter` expressions see (hub-compat §4.1): `queue` (`pipeline.Queue`) and `leaky`
 * (`leakybucket.Leaky`, one bucket instance, with its `BucketConfig`).
 *
 * Only exported Go fields are declared; channels, functions and interfaces with no data (the
 * limiter, the pour function) are left out or typed `any`, since content cannot use them.
 */
import {
  anyType,
  arrayOf,
  boolType,
  durationType,
  floatType,
  funcOf,
  intType,
  mapOf,
  type StructType,
  stringType,
  structOf,
  timeType,
} from '../expr/types.ts';
import { EventType } from './schema-event.ts';

/** `pipeline.Queue`: the events kept by a bucket instance (`Queue`) and its limit (`L`). */
export const QueueType: StructType = structOf(
  'pipeline.Queue',
  { Queue: arrayOf(EventType), L: intType },
  { GetQueue: funcOf([], arrayOf(EventType)) },
);

/** `types.ScopeType`: a scenario's `scope:` block (`type` → Scope, `expression` → Filter). */
export const ScopeTypeType: StructType = structOf('types.ScopeType', {
  Scope: stringType,
  Filter: stringType,
});

/** `leakybucket.BucketFactory`: a loaded scenario, as reachable through `leaky.BucketConfig`. */
export const BucketFactoryType: StructType = structOf('leakybucket.BucketFactory', {
  FormatVersion: stringType,
  Author: stringType,
  Description: stringType,
  References: arrayOf(stringType),
  Type: stringType,
  Name: stringType,
  Capacity: intType,
  LeakSpeed: stringType,
  Duration: stringType,
  Filter: stringType,
  GroupBy: stringType,
  Distinct: stringType,
  Debug: boolType,
  Labels: mapOf(anyType),
  Blackhole: stringType,
  Reprocess: boolType,
  CacheSize: intType,
  Profiling: boolType,
  OverflowFilter: stringType,
  ConditionalOverflow: stringType,
  BayesianPrior: floatType,
  BayesianThreshold: floatType,
  BayesianConditions: arrayOf(anyType),
  ScopeType: ScopeTypeType,
  BucketName: stringType,
  Filename: stringType,
  Data: arrayOf(anyType),
  DataDir: stringType,
  CancelOnFilter: stringType,
  ScenarioVersion: stringType,
  Simulated: boolType,
});

/** `leakybucket.Leaky`: one live bucket instance (`leaky` in conditions and overflow filters). */
export const LeakyType: StructType = structOf('leakybucket.Leaky', {
  Name: stringType,
  Mode: intType,
  Limiter: anyType,
  Queue: QueueType,
  Capacity: intType,
  CacheSize: intType,
  Mapkey: stringType,
  Reprocess: boolType,
  Simulated: boolType,
  Uuid: stringType,
  First_ts: timeType,
  Last_ts: timeType,
  Ovflw_ts: timeType,
  Total_count: intType,
  Leakspeed: durationType,
  BucketConfig: BucketFactoryType,
  Duration: durationType,
  Profiling: boolType,
});
