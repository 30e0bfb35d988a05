/**
 * `palisade hub …`: commands about hub content. `hub lint --hub DIR [--json]` compiles every
 * expression and grok pattern of a hub directory and prints one line per failure.
 */
import { statSync } from 'node:fs';
import { type Command, CommanderError } from 'commander';
import { createLintCompilers } from '../hub/compilers.ts';
import { formatFailure, formatSummary, type LintReport, lintHub, lintPassed } from '../hub/lint.ts';
import type { CliIo } from './io.ts';

/** Adds the `hub` command group to `program`. */
export function registerHubCommands(program: Command, io: CliIo): void {
  const hub = program.command('hub').description('work with hub content (parsers, scenarios, …)');
  hub
    .command('lint')
    .description('compile every expression and grok pattern of a hub directory')
    .requiredOption('--hub <dir>', 'hub directory (CrowdSec hub layout)')
    .option('--json', 'print a JSON report instead of text')
    .option('--verbose', 'also print warnings (on stderr), e.g. a pattern_syntax name redefined')
    .action(async (options: { hub: string; json?: boolean; verbose?: boolean }, cmd: Command) => {
      const dir = options.hub;
      const problem = checkDirectory(dir);
      if (problem) cmd.error(`error: ${problem}`, { exitCode: 2, code: 'palisade.hub.badDir' });
      const report = lintHub(dir, createLintCompilers());
      if (options.verbose) for (const w of report.warnings) io.err(`warning: ${w}\n`);
      if (options.json) io.out(`${JSON.stringify(toJson(dir, report), null, 2)}\n`);
      else {
        for (const f of report.failures) io.out(`${formatFailure(f)}\n`);
        io.out(`${formatSummary(report)}\n`);
      }
      if (!lintPassed(report)) throw new CommanderError(1, 'palisade.hub.lintFailed', '');
    });
}

function checkDirectory(dir: string): string | undefined {
  try {
    if (!statSync(dir).isDirectory()) return `hub path is not a directory: ${dir}`;
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `hub directory not found: ${dir}`
      : `cannot access hub directory ${dir}: ${code}`;
  }
}

function toJson(dir: string, r: LintReport): object {
  return {
    hub: dir,
    passed: lintPassed(r),
    expressions: r.expressions,
    grokPatterns: r.grok,
    items: r.items,
    failures: r.failures,
    warnings: r.warnings,
  };
}
