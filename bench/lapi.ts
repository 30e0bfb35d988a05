/**
 * LAPI benchmark (issue 6): Palisade's Local API side by side with CrowdSec 1.4.6's, on the same
 * machine, with the same client: alert ingestion per second, time to serve a startup stream of
 * 100k and 1M decisions, delta polls per second from 1,000 bouncers, and the server's peak RSS
 * in each. Prints a markdown table with both columns and the ratio to the targets (at least 3×
 * CrowdSec's throughput, no more memory); full results go to `<data-dir>/lapi-<date>.json`.
 *
 *   npm run bench:lapi -- [--only palisade|crowdsec] [--sizes 100k,1M] [--alerts 20000] [--profile]
 *
 * CrowdSec comes from Debian's package (scripts/interop/install.sh installs it). Exit code 0
 * when every workload ran (targets missed are reported, not failed), 1 when one failed, 2 for
 * bad options.
 */
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type LapiBenchOptions, OptionError, parseLapiBenchOptions, USAGE } from './lapi/options.ts';
import { renderReport } from './lapi/report.ts';
import type { LapiBenchReport } from './lapi/results.ts';
import { runLapiBench } from './lapi/run.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const progress = (line: string) =>
  process.stderr.write(`[bench:lapi ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<number> {
  let options: LapiBenchOptions | undefined;
  try {
    options = parseLapiBenchOptions(process.argv.slice(2), repoRoot);
  } catch (err) {
    if (!(err instanceof OptionError)) throw err;
    process.stderr.write(`error: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (!options) {
    process.stdout.write(USAGE);
    return 0;
  }
  const report = await runLapiBench(options, progress);
  process.stdout.write(renderReport(report));
  const stamp = report.date.replace(/\.\d+Z$/, 'Z').replaceAll(':', '');
  const path = join(options.dataDir, `lapi-${stamp}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 1)}\n`);
  const shown = relative(process.cwd(), path);
  process.stdout.write(`full results: ${shown.startsWith('..') ? path : shown}\n`);
  return failed(report) ? 1 : 0;
}

/** Whether any workload of any server failed. */
function failed(report: LapiBenchReport): boolean {
  const cells = [
    ...Object.values(report.ingest ?? {}).flatMap((row) => Object.values(row)),
    ...Object.values(report.stream ?? {}).flatMap((row) => Object.values(row)),
    ...Object.values(report.polls ?? {}),
  ];
  return cells.some((m) => m?.error !== undefined);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
