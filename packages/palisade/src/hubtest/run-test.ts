/**
 * Runs one hubtest case (hub-compat §7.2): config, items, parser set, replay of the log file
 * through the parsers with the dump collector, then the parser assertions. Scenario assertions
 * are not evaluated yet (the bucket engine comes with the next issue): a test that has some fails
 * with a fixed reason unless only the parser part is asked for.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HelperDeps } from '../expr/helpers/deps.ts';
import type { GoTime } from '../expr/values/time.ts';
import type { EnricherRegistry } from '../parser/enrichers/types.ts';
import { cloneEvent } from '../parser/index.ts';
import type { AssertionEvaluator } from './assertions.ts';
import { readTestConfig, type TestConfig, TestConfigError } from './config.ts';
import { missingGeoDatabase } from './data-needs.ts';
import { type HubIndexView, resolveItems, type TestItem, TestItemError } from './items.ts';
import { replayLogFile } from './log-replay.ts';
import { NO_PARSER_ASSERTIONS, type TestOutcome } from './outcome.ts';
import { buildParserSet } from './parser-setup.ts';
import { ParserResultsCollector } from './results.ts';

/** The reason a test with scenario assertions fails for now. */
export const SCENARIOS_NOT_YET = 'scenario assertions are not evaluated yet (bucket engine: next issue)';

/** What every test of a run shares. */
export interface RunContext {
  readonly hubDir: string;
  readonly index: HubIndexView;
  readonly dataDir: string;
  readonly patternsDir: string;
  readonly parsersOnly: boolean;
  /** The pinned clock (year of year-less dates, `Line.Time`). */
  readonly clock: () => GoTime;
  /** Evaluates parser assertion files. */
  readonly parserAsserts: AssertionEvaluator;
  /** Fresh helper dependencies for one test (stash and data files are per test). */
  readonly helperDeps: () => Partial<HelperDeps>;
  /** Fresh enrichers for one test. */
  readonly enrichers: () => EnricherRegistry;
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

  if (parserAsserts !== undefined) {
    if (parserAsserts.trim() === '') {
      return {
        name,
        status: 'fail',
        assertion: '',
        reason: 'parser.assert is empty (CrowdSec fails such a test)',
      };
    }
    const failure = await runParserPart(testDir, config, parsers, postoverflows, parserAsserts, ctx);
    if (failure) return { name, status: 'fail', ...failure };
  }
  if (!ctx.parsersOnly && scenarioAsserts !== undefined) {
    if (scenarioAsserts.trim() === '') {
      return {
        name,
        status: 'fail',
        assertion: '',
        reason: 'scenario.assert is empty (CrowdSec fails such a test)',
      };
    }
    return { name, status: 'fail', assertion: '', reason: SCENARIOS_NOT_YET };
  }
  return { name, status: 'pass' };
}

/** Replays the log through the parsers and evaluates `asserts`; returns the first failure. */
async function runParserPart(
  testDir: string,
  config: TestConfig,
  parsers: readonly TestItem[],
  postoverflows: readonly TestItem[],
  asserts: string,
  ctx: RunContext,
): Promise<
  { assertion: string; reason: string; counts?: { evaluated: number; failed: number } } | undefined
> {
  const helperDeps = ctx.helperDeps();
  const enrichers = ctx.enrichers();
  const common = { patternsDir: ctx.patternsDir, dataDir: ctx.dataDir, helperDeps, enrichers };
  const parserSet = buildParserSet({
    kind: 'parsers',
    items: parsers,
    overrideStatics: config.overrideStatics,
    ...common,
  });
  // Postoverflows only see overflows, but CrowdSec loads them at start: their errors count.
  const postSet = buildParserSet({
    kind: 'postoverflows',
    items: postoverflows,
    overrideStatics: [],
    ...common,
  });
  const loadErrors = [...parserSet.errors, ...postSet.errors];
  if (loadErrors.length > 0) {
    const more = loadErrors.length > 1 ? ` (+${loadErrors.length - 1} more)` : '';
    return { assertion: '', reason: `load error: ${loadErrors[0]}${more}` };
  }

  const collector = new ParserResultsCollector(cloneEvent);
  const logPath = resolve(testDir, config.logFile);
  for await (const evt of replayLogFile({
    path: logPath,
    logType: config.logType,
    labels: config.labels,
    now: () => ctx.clock().UTC(),
  })) {
    parserSet.set.parse(evt, collector);
  }

  const outcome = ctx.parserAsserts.evaluate(asserts, collector.results());
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
