/**
 * A server under test as a child process: own process group, output to a log file, a bounded
 * stop, and what /proc says about it (peak and current RSS, CPU time).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const live = new Set<ServerProcess>();
/** Temp dirs to remove should the benchmark be interrupted (they are removed normally otherwise). */
const abortDirs = new Set<string>();

/** Registers (`keep` false) or forgets (`keep` true) a temp dir to remove on Ctrl-C / SIGTERM. */
export function removeOnAbort(dir: string, remove: boolean): void {
  if (remove) abortDirs.add(dir);
  else abortDirs.delete(dir);
}
let exitHookInstalled = false;

/** Peak and current resident set of a process, in MiB, and its CPU seconds so far. */
export interface ProcStats {
  readonly peakRssMiB: number;
  readonly rssMiB: number;
  readonly cpuS: number;
}

/** A started server. */
export class ServerProcess {
  readonly name: string;
  readonly logFile: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  readonly exited: Promise<number | null>;
  #done = false;
  #spawnError = '';

  constructor(
    name: string,
    command: string,
    args: readonly string[],
    logFile: string,
    env?: NodeJS.ProcessEnv,
  ) {
    this.name = name;
    this.logFile = logFile;
    // The output goes straight to the file: piping it through this process would cost the
    // client CPU that the server under test shares.
    const fd = openSync(logFile, 'a');
    this.child = spawn(command, args, {
      env: env ?? process.env,
      stdio: ['ignore', fd, fd],
      // Its own process group: a stop reaches whatever it forks, and nothing else.
      detached: true,
    });
    closeSync(fd);
    live.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // A benchmark interrupted mid-run must not leave servers behind.
      process.on('exit', () => {
        for (const p of live) p.signal('SIGKILL');
      });
      // The servers run in their own process groups, so a Ctrl-C on the terminal does not reach
      // them: stop them here, then end as the signal would have.
      for (const sig of ['SIGINT', 'SIGTERM'] as const) {
        process.once(sig, () => {
          for (const p of live) p.signal('SIGKILL');
          for (const d of abortDirs) rmSync(d, { recursive: true, force: true });
          process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
        });
      }
    }
    this.exited = new Promise((resolve) => {
      const done = (code: number | null): void => {
        if (this.#done) return;
        this.#done = true;
        live.delete(this);
        resolve(code);
      };
      this.child.on('exit', (code) => done(code));
      this.child.on('error', (err) => {
        this.#spawnError = err.message;
        done(null);
      });
    });
  }

  /** The process id; throws when spawning failed. */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name}: not started ${this.#spawnError}`);
    return this.child.pid;
  }

  /** Whether the process has ended. */
  get ended(): boolean {
    return this.#done;
  }

  /** The last lines of its output, for error messages. */
  tail(): string {
    return `${this.#spawnError}${fileTail(this.logFile, 3000)}`;
  }

  /** Sends `signal` to the process group (ours only: its id is our child's pid). */
  signal(signal: NodeJS.Signals): void {
    if (this.#done || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // Already gone.
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code once it has exited. */
  async stop(graceMs = 15_000): Promise<number | null> {
    if (this.#done) return this.exited;
    this.signal('SIGTERM');
    const first = await Promise.race([this.exited, sleep(graceMs).then(() => 'timeout' as const)]);
    if (first !== 'timeout') return first;
    this.signal('SIGKILL');
    const second = await Promise.race([this.exited, sleep(5_000).then(() => 'timeout' as const)]);
    if (second === 'timeout') throw new Error(`${this.name} (pid ${this.child.pid}) survived SIGKILL`);
    return second;
  }

  /** Peak RSS (VmHWM), current RSS and CPU time, from /proc. */
  stats(): ProcStats {
    return procStats(this.pid);
  }

  /**
   * Resets the peak RSS to the current RSS (Linux `clear_refs` 5), so that the next reading
   * covers one workload only. Returns false where the kernel does not allow it.
   */
  resetPeak(): boolean {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** Peak and current RSS and CPU seconds (user + system) of process `pid`, from /proc. */
export function procStats(pid: number): ProcStats {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string): number => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) : 0;
  };
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which is in parentheses and may hold spaces).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { peakRssMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024, cpuS: ticks / CLOCK_TICKS };
}

/** The last `bytes` bytes of a file ('' when it cannot be read). */
function fileTail(path: string, bytes: number): string {
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, bytes);
      const buf = Buffer.alloc(length);
      readSync(fd, buf, 0, length, size - length);
      return buf.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}
