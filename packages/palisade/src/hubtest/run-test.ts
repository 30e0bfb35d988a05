/**
 * Runs one hubtest case (hub-compat §7.2): config, items, the detection pipeline (parsers →
 * scenarios → postoverflows) loaded through the shared pipeline loader, a time-machine replay of
 * the log file with the parser-dump and bucket-dump collectors, then the parser assertions and
 * the scenario assertions.
 *
 * Test success = (parser assertions passed or ignored) and (no scenario installed or scenario
 * assertions passed) (§7.2 step 8).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GoTime } from '../expr/values/time.ts';
import type { GeoIpDatabasesLike } from '../parser/enrichers/index.ts';
import { cloneEvent } from '../parser/index.ts';
import { DetectionPipeline, loadPipeline } from '../pipeline/index.ts';
import type { AssertionEvaluator, AssertionOutcome } from './assertions.ts';
import { BucketResultsCollector } from './bucket-results.ts';
import { readTestConfig, type TestConfig, TestConfigError } from './config.ts';
import { missingGeoDatabase } from './data-needs.ts';
import { type HubIndexView, resolveItems, type TestItem, TestItemError } from './items.ts';
import { replayLogFile } from './log-replay.ts';
import { NO_PARSER_ASSERTIONS, type TestOutcome } from './outcome.ts';
import { testPipelineContent } from './pipeline-setup.ts';
import { ParserResultsCollector } from './results.ts';

/** What every test of a run shares. */
export interface RunContext {
  readonly hubDir: string;
  readonly index: HubIndexView;
  readonly dataDir: string;
  readonly patternsDir: string;
  readonly parsersOnly: boolean;
  /** The pinned clock (year of year-less dates, `Line.Time`, live buckets). */
  readonly clock: () => GoTime;
  /** Evaluates parser assertion files (`results`: stage → node → records). */
  readonly parserAsserts: AssertionEvaluator;
  /** Evaluates scenario assertion files (`results`: the sorted bucket dump). */
  readonly scenarioAsserts: AssertionEvaluator;
  /** GeoIP databases, opened once for the run (read-only). */
  readonly geoip: GeoIpDatabasesLike | null;
}

/** Runs the test in `testDir` named `name`. Never throws: problems become a FAIL. */
export async function runHubTest(testDir: string, name: string, ctx: RunContext): Promise<TestOutcome> {
  try {
    return await runChecked(testDir, name, ctx);
  } catch (err) {
    if (err instanceof TestConfigError || err instanceof TestItemError) {
      return { name, status: 'fail', assertion: '', reason: err.message };
    }
    return {
      name,
      status: 'fail',
      assertion: '',
      reason: `error: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

async function runChecked(testDir: string, name: string, ctx: RunContext): Promise<TestOutcome> {
  const config = readTestConfig(testDir);
  const where = { hubDir: ctx.hubDir, testDir, index: ctx.index };
  const parsers = resolveItems('parsers', config.parsers, where);
  const postoverflows = resolveItems('postoverflows', config.postoverflows, where);
  // Under --parsers-only the scenarios play no part, so a broken scenario entry does not count.
  const scenarios = ctx.parsersOnly ? [] : resolveItems('scenarios', config.scenarios, where);

  const parserAsserts = config.ignoreParsers ? undefined : readAssertFile(testDir, 'parser.assert');
  const scenarioAsserts = scenarios.length > 0 ? readAssertFile(testDir, 'scenario.assert') : undefined;
  if (ctx.parsersOnly && (parserAsserts === undefined || parserAsserts.trim() === '')) {
    return { name, status: 'skip', reason: NO_PARSER_ASSERTIONS };
  }

  const missing = missingGeoDatabase([...parsers, ...postoverflows, ...scenarios], ctx.dataDir);
  if (missing) return { name, status: 'skip', reason: missing };

  for (const [file, text] of [
    ['parser.assert', parserAsserts],
    ['scenario.assert', scenarioAsserts],
  ] as const) {
    if (text !== undefined && text.trim() === '') {
      return { name, status: 'fail', assertion: '', reason: `${file} is empty (CrowdSec fails such a test)` };
    }
  }

  const run = await runPipeline(testDir, config, { parsers, postoverflows, scenarios }, ctx, {
    traceParsers: parserAsserts !== undefined,
  });
  if ('loadError' in run) return { name, status: 'fail', assertion: '', reason: run.loadError };

  if (parserAsserts !== undefined) {
    const failure = firstFailure(ctx.parserAsserts.evaluate(parserAsserts, run.parserResults()));
    if (failure) return { name, status: 'fail', ...failure };
  }
  if (scenarioAsserts !== undefined) {
    const failure = firstFailure(ctx.scenarioAsserts.evaluate(scenarioAsserts, run.bucketResults()));
    if (failure) return { name, status: 'fail', ...failure };
  }
  return { name, status: 'pass' };
}

/** The items a test installs. */
interface TestItems {
  readonly parsers: readonly TestItem[];
  readonly postoverflows: readonly TestItem[];
  readonly scenarios: readonly TestItem[];
}

/** The dumps of one replay, built on demand. */
interface PipelineRun {
  parserResults(): unknown;
  bucketResults(): unknown;
}

/**
 * Loads the pipeline and replays the log through it (`crowdsec -dsn file://… -order-event
 * -dump-data`): events one at a time in file order, TIMEMACHINE mode, no flush at the end.
 */
async function runPipeline(
  testDir: string,
  config: TestConfig,
  items: TestItems,
  ctx: RunContext,
  options: { traceParsers: boolean },
): Promise<PipelineRun | { loadError: string }> {
  let pipeline: DetectionPipeline | undefined;
  const loaded = loadPipeline({
    ...testPipelineContent({
      ...items,
      overrideStatics: config.overrideStatics,
      patternsDir: ctx.patternsDir,
      dataDir: ctx.dataDir,
      now: ctx.clock,
      geoip: ctx.geoip,
    }),
    // Live buckets (reprocessed overflows are LIVE events) may fire between two reads, as in Go.
    onTimerOverflow: (ov) => pipeline?.handleOverflows([ov]),
  });
  try {
    // CrowdSec refuses to start on any load error: the test errors.
    if (loaded.errors.length > 0) {
      const more = loaded.errors.length > 1 ? ` (+${loaded.errors.length - 1} more)` : '';
      return { loadError: `load error: ${loaded.errors[0]?.format()}${more}` };
    }
    const parsed = new ParserResultsCollector(cloneEvent);
    const buckets = new BucketResultsCollector();
    const trace = options.traceParsers ? parsed : undefined;
    pipeline = new DetectionPipeline(loaded.stages, {
      onAlert: () => {},
      onOverflow: (ov) => buckets.add(ov),
      parseTrace: trace,
      // Postoverflow stages appear in the same parser dump (§7.3).
      postoverflowTrace: trace,
    });
    const p = pipeline;
    for await (const evt of replayLogFile({
      path: resolve(testDir, config.logFile),
      logType: config.logType,
      labels: config.labels,
      now: () => ctx.clock().UTC(),
    })) {
      p.process(evt);
    }
    return { parserResults: () => parsed.results(), bucketResults: () => buckets.results() };
  } finally {
    loaded.shutdown();
  }
}

function firstFailure(
  outcome: AssertionOutcome,
): { assertion: string; reason: string; counts: { evaluated: number; failed: number } } | undefined {
  const first = outcome.firstFailure;
  if (!first) return undefined;
  return {
    assertion: first.assertion,
    reason: first.reason,
    counts: { evaluated: outcome.evaluated, failed: outcome.failedCount },
  };
}

/** The text of an assert file; a missing file reads as empty (the harness creates it empty). */
function readAssertFile(testDir: string, file: string): string {
  try {
    return readFileSync(join(testDir, file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}
