/**
 * The input flags `explain` and `replay` check the same way before reading any log: `--type`
 * (the log type label), `--hub` (the hub directory) and `--data` (its data files directory).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** The checked flags: the log type, the hub directory and the data directory to use. */
export interface HubInputs {
  readonly type: string;
  readonly hub: string;
  readonly dataDir: string;
}

/**
 * Checks `--type` (required, non-blank), `--hub` (required, an existing directory; `hubHelp` says
 * what it must hold) and `--data` (an existing directory when given, else `<hub>/data`). Each
 * problem goes to `bad`, which must not return.
 */
export function checkHubInputs(
  flags: { type?: string; hub?: string; data?: string },
  hubHelp: string,
  bad: (message: string) => never,
): HubInputs {
  if (flags.type === undefined || flags.type.trim() === '') {
    bad('--type is required: the log type of the lines (e.g. syslog), as the `type` label');
  }
  if (flags.hub === undefined) bad(`--hub is required: the hub directory holding the ${hubHelp}`);
  const hub = flags.hub;
  const hubProblem = directoryProblem(hub);
  if (hubProblem) bad(`--hub: ${hubProblem}`);
  const dataDir = flags.data ?? join(hub, 'data');
  if (flags.data !== undefined) {
    const problem = directoryProblem(dataDir);
    if (problem) bad(`--data: ${problem}`);
  }
  return { type: flags.type, hub, dataDir };
}

/** Why `dir` cannot be used as a directory (missing, not a directory, unreadable), or undefined. */
export function directoryProblem(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : `not a directory: ${dir}`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `directory not found: ${dir}` : `cannot access ${dir}: ${code}`;
  }
}
