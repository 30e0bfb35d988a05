/**
 * `palisade hubtest run --hub DIR [--tests DIR] [--json FILE] [--parsers-only] [--now TIME] [NAME…]`:
 * runs CrowdSec hubtest cases and prints `PASS name` / `FAIL name: …` / `SKIP name: …` per test,
 * then `N passed, M failed, K skipped`. Exit code 0 when nothing failed, 1 otherwise, 2 for bad
 * input.
 */
import { writeFileSync } from 'node:fs';
import { type Command, CommanderError } from 'commander';
import { GoTime } from '../expr/values/time.ts';
import { UTC } from '../expr/values/time-location.ts';
import {
  countOutcomes,
  formatOutcome,
  formatSummary,
  HubtestRunError,
  reportJson,
  runHubTests,
} from '../hubtest/index.ts';
import type { CliIo } from './io.ts';

interface RunFlags {
  hub: string;
  tests?: string;
  json?: string;
  parsersOnly?: boolean;
  now?: string;
  dataDir?: string;
  minPass?: string;
}

/** Adds the `hubtest` command group to `program`. */
export function registerHubtestCommands(program: Command, io: CliIo): void {
  const hubtest = program.command('hubtest').description('run CrowdSec-format hub tests (.tests/<name>/)');
  hubtest
    .command('run')
    .description('run hub tests and check their parser and scenario assertions')
    .argument('[names...]', 'tests to run (directory names); default: all')
    .requiredOption('--hub <dir>', 'hub directory (CrowdSec hub layout)')
    .option('--tests <dir>', 'directory of the tests (default: <hub>/.tests)')
    .option('--data-dir <dir>', 'data files directory (default: <hub>/data)')
    .option('--json <file>', 'also write a JSON report {passed, failed, skipped} to this file')
    .option('--parsers-only', 'only the parser part counts; tests without parser assertions are skipped')
    .option('--now <time>', 'pin the clock (RFC 3339 or YYYY-MM-DD, UTC) for year-less dates')
    .option(
      '--min-pass <percent>',
      'exit 0 when at least this share of the tests run (passed + failed) passed, instead of requiring all',
    )
    .action(async (names: string[], flags: RunFlags, cmd: Command) => {
      let now: GoTime | undefined;
      if (flags.now !== undefined) {
        now = parseNow(flags.now);
        if (!now)
          cmd.error(`error: --now: cannot read "${flags.now}" as a date`, {
            exitCode: 2,
            code: 'palisade.hubtest.badNow',
          });
      }
      const minPass = flags.minPass === undefined ? 100 : Number(flags.minPass);
      if (!(minPass >= 0 && minPass <= 100))
        cmd.error(`error: --min-pass: "${flags.minPass}" is not a percentage between 0 and 100`, {
          exitCode: 2,
          code: 'palisade.hubtest.badMinPass',
        });
      let report: Awaited<ReturnType<typeof runHubTests>>;
      try {
        report = await runHubTests({
          hubDir: flags.hub,
          testsDir: flags.tests,
          dataDir: flags.dataDir,
          names,
          parsersOnly: flags.parsersOnly ?? false,
          now,
          onOutcome: (o) => io.out(`${formatOutcome(o)}\n`),
        });
      } catch (err) {
        if (err instanceof HubtestRunError)
          cmd.error(`error: ${err.message}`, { exitCode: 2, code: 'palisade.hubtest.badInput' });
        throw err;
      }
      io.out(`${formatSummary(report)}\n`);
      if (flags.json) writeFileSync(flags.json, `${JSON.stringify(reportJson(report), null, 2)}\n`);
      const { passed, failed } = countOutcomes(report);
      const rate = passed + failed === 0 ? 100 : (100 * passed) / (passed + failed);
      if (failed > 0 && rate < minPass) {
        if (minPass < 100) io.err(`pass rate ${rate.toFixed(1)}% is under --min-pass ${minPass}%\n`);
        throw new CommanderError(1, 'palisade.hubtest.failed', '');
      }
    });
}

/** `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp; undefined when neither. */
export function parseNow(text: string): GoTime | undefined {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(iso)) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : GoTime.fromDate(new Date(ms), UTC);
}
