/**
 * The detection pipeline: the one place that wires acquisition → parsers → buckets → alerts
 * (hub-compat §0). `loadPipeline` builds the stages from item files, `DetectionPipeline` runs one
 * event through them synchronously, `runReplay` does it for a whole log file.
 *
 * @example
 * const summary = await runReplay({
 *   source: 'auth.log', type: 'syslog', hubDir, dataDir, parsers, scenarios,
 *   onAlert: (alert) => console.log(JSON.stringify(alertToApiJson(alert))),
 * });
 */
export {
  DetectionPipeline,
  MAX_REPROCESS_DEPTH,
  type ParseVerdict,
  type PipelineCounters,
  type PipelineHooks,
  type PipelineStages,
} from './detection.ts';
export { hubPatternsDir, type LoadedPipeline, loadPipeline, type PipelineContent } from './load.ts';
export { PipelineLoadError, type ReplayOptions, type ReplaySummary, runReplay } from './replay.ts';
