/**
 * Command-line options of the detection benchmark (`npm run bench -- …`).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LOG_NAMES, type LogName } from './logs.ts';

/** Usage text, printed by `--help` and after a bad option. */
export const USAGE = `usage: npm run bench -- [options]

  --lines N          lines per generated log (default 1000000)
  --seed S           generator seed (default 1)
  --attackers N      attacker IPs per log (default: the generator's, 300); small --lines need fewer
  --runs K           timed replays per log; wall, CPU and RSS are medians (default 3)
  --logs LIST        which logs: nginx,ssh (default both)
  --profile          one more replay per log under --cpu-prof, summarised (top self-time functions)
  --profile-top N    functions listed per profile (default 15)
  --data-dir DIR     cache of generated logs, alerts, profiles and results (default <repo>/.bench-data)
  --hub DIR          CrowdSec hub (default <repo>/../shared/crowdsec-hub)
  --generator FILE   gen-logs.mjs (default <repo>/../shared/bench/gen-logs.mjs)
`;

/** Parsed options, paths absolute. */
export interface BenchOptions {
  readonly lines: number;
  readonly seed: number;
  readonly attackers: number | undefined;
  readonly runs: number;
  readonly logs: readonly LogName[];
  readonly profile: boolean;
  readonly profileTop: number;
  readonly dataDir: string;
  readonly hubDir: string;
  readonly generator: string;
  readonly repoRoot: string;
}

/** A bad option; the message names it. */
export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionError';
  }
}

/**
 * Parses `argv` (without the node and script paths). Returns undefined for `--help`. Throws
 * OptionError for an unknown option or a value out of range.
 */
export function parseBenchOptions(argv: readonly string[], repoRoot: string): BenchOptions | undefined {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        lines: { type: 'string', default: '1000000' },
        seed: { type: 'string', default: '1' },
        attackers: { type: 'string' },
        runs: { type: 'string', default: '3' },
        logs: { type: 'string', default: LOG_NAMES.join(',') },
        profile: { type: 'boolean', default: false },
        'profile-top': { type: 'string', default: '15' },
        'data-dir': { type: 'string', default: join(repoRoot, '.bench-data') },
        hub: { type: 'string', default: join(repoRoot, '..', 'shared', 'crowdsec-hub') },
        generator: { type: 'string', default: join(repoRoot, '..', 'shared', 'bench', 'gen-logs.mjs') },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new OptionError((err as Error).message);
  }
  if (values.help) return undefined;
  const logs = String(values.logs)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const log of logs) {
    if (!(LOG_NAMES as readonly string[]).includes(log)) {
      throw new OptionError(`--logs: unknown log '${log}' (known: ${LOG_NAMES.join(', ')})`);
    }
  }
  if (logs.length === 0) throw new OptionError('--logs: name at least one log');
  return {
    lines: integer(values.lines, '--lines', 1),
    seed: integer(values.seed, '--seed', 0),
    attackers: values.attackers === undefined ? undefined : integer(values.attackers, '--attackers', 1),
    runs: integer(values.runs, '--runs', 1),
    logs: [...new Set(logs)] as LogName[],
    profile: values.profile === true,
    profileTop: integer(values['profile-top'], '--profile-top', 1),
    dataDir: resolve(String(values['data-dir'])),
    hubDir: resolve(String(values.hub)),
    generator: resolve(String(values.generator)),
    repoRoot,
  };
}

function integer(value: unknown, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    throw new OptionError(`${flag}: expected an integer ≥ ${min}, got '${String(value)}'`);
  }
  return n;
}
