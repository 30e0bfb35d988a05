/**
 * Detection benchmark (issue 5): generates an nginx access log and an sshd auth log with a known
 * ground truth (`../shared/bench/gen-logs.mjs`, cached), replays each with `palisade replay` in a
 * child process and the hub items a CrowdSec installation would run, and prints per log: lines,
 * wall and CPU seconds, lines per CPU-second, peak RSS, alerts, attackers detected and benign IPs
 * flagged, beside CrowdSec 1.4.6's figures and our targets. Full results go to
 * `<data-dir>/results-<date>.json`.
 *
 *   npm run bench -- [--lines 1000000] [--seed 1] [--runs 3] [--logs nginx,ssh] [--profile]
 *
 * Exit code 0 when every replay ran (targets missed are reported, not failed), 1 when a replay or
 * the generator failed, 2 for bad options.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ensureDataset, type GroundTruth, truthFile } from './detection/datasets.ts';
import { LOGS, type LogSpec } from './detection/logs.ts';
import { measureRun, medianMeasure, type RunMeasure } from './detection/measure.ts';
import { type BenchOptions, OptionError, parseBenchOptions, USAGE } from './detection/options.ts';
import { summariseProfileDir } from './detection/profile.ts';
import { judge, type Quality, readAlerts } from './detection/quality.ts';
import { replayArgs, runReplayChild } from './detection/replay-child.ts';
import { type LogResult, renderLog, renderProfile } from './detection/report.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<number> {
  let options: BenchOptions | undefined;
  try {
    options = parseBenchOptions(process.argv.slice(2), repoRoot);
  } catch (err) {
    if (!(err instanceof OptionError)) throw err;
    process.stderr.write(`error: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (!options) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dataset = ensureDataset(options, progress);
  if (dataset.generated) progress(`generated in ${dataset.generateSeconds.toFixed(1)} s`);

  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '');
  const runDir = join(options.dataDir, 'runs', stamp);
  mkdirSync(runDir, { recursive: true });
  const at = { lines: options.lines, seed: options.seed };
  // Wall times depend on what else runs; CPU times much less. Say how busy the machine was.
  const loadAtStart = loadavg()[0] as number;
  process.stdout.write(
    `machine: ${availableParallelism()} CPUs, load average ${loadAtStart.toFixed(2)} at start; node ${process.version}\n\n`,
  );
  const results: LogResult[] = [];
  for (const name of options.logs) {
    const spec = LOGS[name];
    const result = await benchLog(spec, options, dataset.dir, dataset.groundTruth, runDir);
    process.stdout.write(`${renderLog(result, spec, at, options.runs)}\n`);
    results.push(result);
  }
  if (options.profile) {
    for (const result of results) {
      const spec = LOGS[result.log as keyof typeof LOGS];
      result.profile = await profileLog(spec, options, dataset.dir, runDir);
      process.stdout.write(`${renderProfile(result.log, result.profile)}\n`);
    }
  }

  const resultsPath = join(options.dataDir, `results-${stamp}.json`);
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    machine: {
      cpus: availableParallelism(),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg()[0],
    },
    options: { ...options, repoRoot: undefined },
    dataset: { dir: dataset.dir, generated: dataset.generated, generator: dataset.groundTruth.generator },
    logs: Object.fromEntries(results.map((r) => [r.log, r])),
  };
  writeFileSync(resultsPath, `${JSON.stringify(report, null, 1)}\n`);
  const shown = relative(process.cwd(), resultsPath);
  process.stdout.write(`full results: ${shown.startsWith('..') ? resultsPath : shown}\n`);
  return 0;
}

/** The timed runs of one log and the verdict on their alerts. */
async function benchLog(
  spec: LogSpec,
  options: BenchOptions,
  dataDir: string,
  truth: GroundTruth,
  runDir: string,
): Promise<LogResult> {
  const expected = truthFile(truth, spec.name);
  const logPath = join(dataDir, expected.path);
  const runs: RunMeasure[] = [];
  let quality: Quality | undefined;
  let items: Record<string, readonly string[]> = {};
  let command = '';
  for (let i = 1; i <= options.runs; i++) {
    const request = {
      repoRoot,
      hubDir: options.hubDir,
      spec,
      logPath,
      alertsPath: join(runDir, `${spec.name}-${i}.alerts.jsonl`),
      statsPath: join(runDir, `${spec.name}-${i}.stats.json`),
    };
    command = `node ${replayArgs(request).join(' ')}`;
    progress(`${spec.name}: run ${i}/${options.runs}`);
    const child = await runReplayChild(request);
    const q = judge(await readAlerts(request.alertsPath), truth, spec.name);
    quality ??= q;
    items = { ...child.stats.items };
    const run = measureRun(child.stats, child.parentWallMs, q.digest);
    if (run.lines !== expected.lines) {
      throw new Error(
        `${spec.name}: replay read ${run.lines} lines, the ground truth says ${expected.lines}`,
      );
    }
    progress(
      `${spec.name}: run ${i}: ${run.cpuS.toFixed(2)} CPU s, ${Math.round(run.linesPerCpuS)} lines/CPU-s, ` +
        `${run.peakRssMiB.toFixed(1)} MiB, ${run.alerts} alerts`,
    );
    runs.push(run);
    // Keep the alerts of the first run only: they are what the quality figures are computed from.
    if (i > 1) rmSync(request.alertsPath, { force: true });
  }
  return {
    log: spec.name,
    file: expected.path,
    type: spec.type,
    collections: spec.collections,
    items,
    command,
    runs,
    median: medianMeasure(runs),
    quality: quality as Quality,
    sameAlertsEveryRun: runs.every((r) => r.digest === runs[0]?.digest),
  };
}

/** One extra replay under `--cpu-prof`, summarised (not counted in the timings). */
async function profileLog(spec: LogSpec, options: BenchOptions, dataDir: string, runDir: string) {
  const profileDir = join(runDir, `${spec.name}-profile`);
  mkdirSync(profileDir, { recursive: true });
  progress(`${spec.name}: profiling run`);
  await runReplayChild({
    repoRoot,
    hubDir: options.hubDir,
    spec,
    logPath: join(dataDir, LOGS[spec.name].file),
    alertsPath: join(profileDir, 'alerts.jsonl'),
    statsPath: join(profileDir, 'stats.json'),
    cpuProfileDir: profileDir,
  });
  return summariseProfileDir(profileDir, options.profileTop, repoRoot);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
