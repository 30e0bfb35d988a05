/**
 * One `palisade replay` in a child process, so that its CPU time and peak RSS are the replay's
 * alone: the child writes them with `--stats-json`, its alerts (JSON lines) go straight to a file.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayStats } from '../../packages/palisade/src/cli/replay-stats.ts';
import type { LogSpec } from './logs.ts';

/** Where a replay reads and writes. */
export interface ReplayChildRequest {
  readonly repoRoot: string;
  readonly hubDir: string;
  readonly spec: LogSpec;
  readonly logPath: string;
  /** Alerts of the run, one JSON object per line (overwritten). */
  readonly alertsPath: string;
  /** The `--stats-json` file (overwritten). */
  readonly statsPath: string;
  /** When set, the child runs under `--cpu-prof` writing into this directory. */
  readonly cpuProfileDir?: string;
}

/** What one replay measured. */
export interface ReplayChildResult {
  readonly stats: ReplayStats;
  /** Wall time seen by the parent, spawn to exit (node start-up and exit included). */
  readonly parentWallMs: number;
  /** The summary the child printed on stderr. */
  readonly stderr: string;
}

/** Flags every Palisade process that matches logs runs with (as `bin/palisade.ts` declares). */
const NODE_FLAGS = [
  '--enable-experimental-regexp-engine-on-excessive-backtracks',
  '--disable-warning=ExperimentalWarning',
  '--max-semi-space-size=8',
  '--heap-growing-percent=100',
];
/** Keep at most this much of the child's stderr (it is only shown on failure and as summary). */
const STDERR_LIMIT = 64 * 1024;

/** The node arguments of the child (exported for the report: the exact command). */
export function replayArgs(request: ReplayChildRequest): string[] {
  const { spec } = request;
  const profile = request.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${request.cpuProfileDir}`] : [];
  return [
    ...NODE_FLAGS,
    ...profile,
    join(request.repoRoot, 'packages', 'palisade', 'bin', 'palisade.ts'),
    'replay',
    '--file',
    request.logPath,
    '--type',
    spec.type,
    '--hub',
    request.hubDir,
    ...spec.collections.flatMap((c) => ['--collection', c]),
    '--stats-json',
    request.statsPath,
  ];
}

/** Runs the replay; rejects when the child fails (with the end of its stderr). */
export async function runReplayChild(request: ReplayChildRequest): Promise<ReplayChildResult> {
  const out = openSync(request.alertsPath, 'w');
  const started = performance.now();
  let stderr = '';
  let code: number | null;
  let signal: NodeJS.Signals | null;
  try {
    const child = spawn(process.execPath, replayArgs(request), {
      cwd: request.repoRoot,
      stdio: ['ignore', out, 'pipe'],
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > STDERR_LIMIT) stderr = stderr.slice(-STDERR_LIMIT);
    });
    [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c, s) => resolve([c, s]));
    });
  } finally {
    closeSync(out);
  }
  const parentWallMs = performance.now() - started;
  if (code !== 0) {
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    throw new Error(`palisade replay of ${request.logPath} failed (${how}):\n${stderr.trim()}`);
  }
  const stats = JSON.parse(readFileSync(request.statsPath, 'utf8')) as ReplayStats;
  return { stats, parentWallMs, stderr };
}
