/**
 * The per-suite environment: a temp dir, a clean-up stack, and `palisade lapi` on the chosen
 * database. Each interop test file opens one stack per backend in `before` and closes it in
 * `after`, which runs the clean-up even when a test (or `before` itself) failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cleanup } from './cleanup.ts';
import { type BackendName, type Lapi, startLapi } from './palisade.ts';
import { postgresSkipReason } from './postgres.ts';
import { assertBinariesInstalled, interopSkipReason } from './preconditions.ts';

/** Every backend the suite covers, in run order. */
export const BACKENDS: readonly BackendName[] = ['sqlite', 'postgresql'];

/**
 * The skip reason for one backend's suite (undefined ⇒ run): the whole-suite reasons first,
 * then, for PostgreSQL, whether the server answers.
 */
export async function backendSkipReason(backend: BackendName): Promise<string | undefined> {
  const suite = interopSkipReason();
  if (suite) return suite;
  if (backend === 'postgresql') return postgresSkipReason();
  return undefined;
}

/** One suite's environment. */
export interface Stack {
  readonly dir: string;
  readonly cleanup: Cleanup;
  readonly lapi: Lapi;
  /** Runs every clean-up step (processes, namespace, database, temp dir). */
  close(): Promise<void>;
}

/**
 * Creates the temp dir (`palisade-interop-<label>-…`) and starts the LAPI. The temp dir is
 * removed on close unless PALISADE_INTEROP_KEEP=1 (then its logs stay for inspection).
 */
export async function openStack(backend: BackendName, label: string): Promise<Stack> {
  assertBinariesInstalled();
  const dir = mkdtempSync(join(tmpdir(), `palisade-interop-${label}-${backend}-`));
  const cleanup = new Cleanup();
  if (process.env.PALISADE_INTEROP_KEEP !== '1') {
    cleanup.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  }
  let lapi: Lapi;
  try {
    lapi = await startLapi(dir, backend, cleanup);
  } catch (err) {
    await cleanup.run().catch(() => {});
    throw err;
  }
  return { dir, cleanup, lapi, close: () => cleanup.run() };
}
