/**
 * The bucket engine (hub-compat §2): loads scenarios into compiled bucket factories, pours events
 * into per-partition bucket instances (leaky, trigger, counter, conditional, bayesian) and builds
 * the overflow events with their RuntimeAlert and API alerts.
 *
 * @example
 * const { set, errors } = loadScenarioSet({ items, dataDir });
 * for (const overflow of set.pour(evt)) postoverflows(overflow);
 */
export type {
  BucketLimits,
  BucketStats,
  Clock,
  ContextItemFile,
  LoadedScenarioSet,
  PourTrace,
  ScenarioItemFile,
  ScenarioSet,
  ScenarioSetOptions,
  ScenarioStats,
} from './api.ts';
export { ManualClock, systemClock } from './clock.ts';
export { DEFAULT_LIMITS } from './limits.ts';
export { loadScenarioSet } from './load.ts';
