/**
 * The hubtest harness (hub-compat §7): runs CrowdSec-format test cases (`<hub>/.tests/<name>/`)
 * against Palisade's engine and checks their assertion files.
 *
 * @example
 * const report = await runHubTests({ hubDir: '/path/to/hub', parsersOnly: true });
 * for (const o of report.outcomes) console.log(formatOutcome(o));
 */
export {
  AssertionEvaluator,
  type AssertionFailure,
  type AssertionOutcome,
  applyDatasourceShim,
  basenameFunction,
  goBase,
  showValue,
  topLevelEquals,
} from './assertions.ts';
export { BucketResultsCollector, bucketSortKey, sortBucketResults } from './bucket-results.ts';
export { decodeTestConfig, readTestConfig, type TestConfig, TestConfigError } from './config.ts';
export { missingGeoDatabase } from './data-needs.ts';
export {
  HubIndexView,
  resolveItems,
  stageOf,
  type TestItem,
  TestItemError,
  type TestItemType,
} from './items.ts';
export {
  countOutcomes,
  formatOutcome,
  formatSummary,
  NO_PARSER_ASSERTIONS,
  type RunReport,
  reportJson,
  type TestOutcome,
} from './outcome.ts';
export { OVERRIDES_PATH, overridesYaml, testPipelineContent } from './pipeline-setup.ts';
export {
  type ParserResult,
  type ParserResults,
  ParserResultsCollector,
  ParserResultsType,
} from './results.ts';
export { HubtestRunError, type HubtestRunOptions, pinnedClock, runHubTests } from './run.ts';
export { roundTripAny, roundTripMap } from './yaml-roundtrip.ts';
