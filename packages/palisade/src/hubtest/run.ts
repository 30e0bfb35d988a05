/**
 * `hubtest run`: finds the test directories, builds what the tests share (index, helpers for the
 * assertions, GeoIP databases, the pinned clock) and runs the tests one after the other.
 *
 * Per-test state (stash, data files, buckets, enricher caches) is rebuilt for each test, as each
 * CrowdSec test runs its own agent; only the read-only GeoIP databases are shared.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENV_HUBTEST_SCENARIO_ASSERT } from '../event/environments.ts';
import { silentLogger } from '../expr/helpers/deps.ts';
import { createHelpers } from '../expr/helpers/index.ts';
import type { Type } from '../expr/types.ts';
import { GoTime } from '../expr/values/time.ts';
import { UTC } from '../expr/values/time-location.ts';
import { readHubIndex } from '../hub/index-file.ts';
import { byteCompare } from '../hub/layout.ts';
import { openGeoIp } from '../parser/enrichers/index.ts';
import { AssertionEvaluator } from './assertions.ts';
import { HubIndexView } from './items.ts';
import type { RunReport, TestOutcome } from './outcome.ts';
import { ParserResultsType } from './results.ts';
import { type RunContext, runHubTest } from './run-test.ts';

/** Options of a run. */
export interface HubtestRunOptions {
  readonly hubDir: string;
  /** Directory of test directories (default `<hub>/.tests`). */
  readonly testsDir?: string;
  /** Tests to run (directory names); empty ⇒ all, in name order. */
  readonly names?: readonly string[];
  readonly parsersOnly?: boolean;
  /** Data directory (default `<hub>/data`). */
  readonly dataDir?: string;
  /** Start of the pinned clock (default: the real clock); it advances with real time from there. */
  readonly now?: GoTime;
  /** Called with each outcome as soon as it is known (progressive output). */
  readonly onOutcome?: (outcome: TestOutcome) => void;
}

/** A problem with the run's inputs (not with one test). */
export class HubtestRunError extends Error {}

/** Runs the tests and returns every outcome. Throws HubtestRunError for unusable inputs. */
export async function runHubTests(options: HubtestRunOptions): Promise<RunReport> {
  const hubDir = resolve(options.hubDir);
  const testsDir = resolve(options.testsDir ?? join(hubDir, '.tests'));
  const dataDir = resolve(options.dataDir ?? join(hubDir, 'data'));
  const parsersOnly = options.parsersOnly ?? false;
  const names = selectTests(testsDir, options.names ?? []);
  const ctx = buildContext(hubDir, dataDir, parsersOnly, pinnedClock(options.now));
  const outcomes: TestOutcome[] = [];
  for (const name of names) {
    const outcome = await runHubTest(join(testsDir, name), name, ctx);
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  }
  return { outcomes, parsersOnly };
}

function selectTests(testsDir: string, names: readonly string[]): string[] {
  if (!isDirectory(testsDir)) throw new HubtestRunError(`tests directory not found: ${testsDir}`);
  if (names.length > 0) {
    // `foo/` (shell completion) names the test `foo`.
    const wanted = names.map((n) => n.replace(/[/\\]+$/, ''));
    for (const n of wanted) {
      if (!isDirectory(join(testsDir, n))) throw new HubtestRunError(`no test named ${n} in ${testsDir}`);
    }
    return wanted;
  }
  return readdirSync(testsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(testsDir, e.name, 'config.yaml')))
    .map((e) => e.name)
    .sort(byteCompare);
}

function buildContext(
  hubDir: string,
  dataDir: string,
  parsersOnly: boolean,
  clock: () => GoTime,
): RunContext {
  let index: HubIndexView;
  try {
    index = new HubIndexView(readHubIndex(hubDir));
  } catch (err) {
    throw new HubtestRunError((err as Error).message);
  }
  // The databases are read-only: open them once for the whole run.
  const geoip = openGeoIp({ dataDir });
  const nowMs = () => clock().UnixMilli();
  // Assertion lines only use the pure helpers (no stash, no data files).
  const helpers = createHelpers({ now: nowMs, logger: silentLogger });
  return {
    hubDir,
    index,
    dataDir,
    patternsDir: join(hubDir, 'patterns'),
    parsersOnly,
    clock,
    parserAsserts: new AssertionEvaluator(helpers, ParserResultsType),
    scenarioAsserts: new AssertionEvaluator(helpers, ENV_HUBTEST_SCENARIO_ASSERT.results as Type),
    geoip,
  };
}

/** A clock that starts at `start` (default: now) and advances with real time, in UTC. */
export function pinnedClock(start: GoTime | undefined): () => GoTime {
  if (!start) return () => GoTime.now().UTC();
  const origin = process.hrtime.bigint();
  return () => {
    const elapsedNs = Number(process.hrtime.bigint() - origin);
    return new GoTime(start.sec, start.nsec + elapsedNs, UTC);
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
