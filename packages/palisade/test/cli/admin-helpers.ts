/**
 * Shared by the admin CLI tests: runs `palisade …` in-process through `main` with a captured io,
 * against a SQLite database in a fresh temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo, main } from '../../src/cli/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';

/** What a command printed and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary database and a way to run commands on it. */
export interface AdminFixture {
  dir: string;
  dbPath: string;
  /** Runs `palisade <args…> --db-path <db>` (the db flag is appended to the last subcommand). */
  run(...args: string[]): Promise<CliRun>;
  /** Opens the same database directly, to check what the commands stored. */
  withStore<T>(work: (store: Store) => Promise<T>): Promise<T>;
  cleanup(): void;
}

/** Runs `palisade <args…>` in-process and captures its output. */
export async function runCli(args: string[]): Promise<CliRun> {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  } satisfies CliIo & { stdout: string; stderr: string };
  const code = await main(['node', 'palisade', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** A fresh fixture (call `cleanup` in `after`). */
export function adminFixture(): AdminFixture {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-admin-'));
  const dbPath = join(dir, 'palisade.db');
  return {
    dir,
    dbPath,
    run: (...args: string[]) => runCli([...args, '--db-path', dbPath]),
    async withStore(work) {
      const store = await openStore({ type: 'sqlite', db_path: dbPath });
      try {
        return await work(store);
      } finally {
        await store.close();
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
