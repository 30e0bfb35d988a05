/**
 * Child processes of the interop suite: the LAPI, the bouncers, the agent, the namespace relay.
 *
 * Each one runs in its own process group (so `ip netns exec` wrappers and anything the program
 * forks are stopped together), its output goes to a log file in the test's temp dir (kept for
 * post-mortems) and a bounded in-memory tail (quoted in failure messages). Every process started
 * here is remembered until it exits, and an `exit` hook SIGKILLs whatever is left, so a test
 * runner that is torn down mid-test leaves no program behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const TAIL_LIMIT = 16 * 1024;

// A deadline for a race with a process exit. Unref'd: a pending deadline must not keep the test
// process alive after the race was won (a 120 s agent bound would otherwise delay the exit).
function deadline(ms: number): Promise<undefined> {
  return sleep(ms, undefined, { ref: false });
}
const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of live) p.killGroup('SIGKILL');
  });
}

/** How a managed process ended. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Options of `startProcess`. */
export interface StartOptions {
  /** A short name used in messages ("palisade lapi", "custom bouncer"). */
  name: string;
  /** File receiving stdout and stderr. */
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** A started program: its output, its exit, and a bounded stop. */
export class ManagedProcess {
  readonly name: string;
  readonly logFile: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitStatus>;
  #tail = '';
  #status: ExitStatus | undefined;

  constructor(command: string, args: readonly string[], options: StartOptions) {
    this.name = options.name;
    this.logFile = options.logFile;
    const log = createWriteStream(options.logFile, { flags: 'a' });
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const collect = (chunk: Buffer): void => {
      log.write(chunk);
      this.#tail = (this.#tail + chunk.toString('utf8')).slice(-TAIL_LIMIT);
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    live.add(this);
    installExitHook();
    this.exited = new Promise((resolve) => {
      const done = (status: ExitStatus): void => {
        if (this.#status) return;
        this.#status = status;
        live.delete(this);
        log.end();
        resolve(status);
      };
      this.child.on('exit', (code, signal) => done({ code, signal }));
      this.child.on('error', (err) => {
        this.#tail += `\n[spawn error: ${err.message}]`;
        done({ code: null, signal: null });
      });
    });
  }

  /** The process id (undefined if spawning failed). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The exit status once the process has ended, else undefined. */
  get status(): ExitStatus | undefined {
    return this.#status;
  }

  /** The last ~16 KiB of combined stdout/stderr. */
  output(): string {
    return this.#tail;
  }

  /** A failure-message block: name, exit status and output tail. */
  describe(): string {
    const state = this.#status
      ? `exited (code ${this.#status.code}, signal ${this.#status.signal})`
      : 'running';
    return `--- ${this.name} [${state}], log ${this.logFile}:\n${this.#tail.slice(-4000)}`;
  }

  /** Sends `signal` to the whole process group (only ours: the group id is our child's pid). */
  killGroup(signal: NodeJS.Signals): void {
    if (this.#status || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // Already gone.
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  async stop(graceMs = 5_000): Promise<ExitStatus> {
    if (this.#status) return this.#status;
    this.killGroup('SIGTERM');
    const first = await Promise.race([this.exited, deadline(graceMs)]);
    if (first) return first;
    this.killGroup('SIGKILL');
    const second = await Promise.race([this.exited, deadline(5_000)]);
    if (!second) throw new Error(`${this.name} (pid ${this.child.pid}) did not exit after SIGKILL`);
    return second;
  }

  /** Waits at most `timeoutMs` for the process to exit by itself; throws with its output otherwise. */
  async waitExit(timeoutMs: number): Promise<ExitStatus> {
    const status = await Promise.race([this.exited, deadline(timeoutMs)]);
    if (status) return status;
    await this.stop(1_000);
    throw new Error(`${this.name} did not finish within ${timeoutMs} ms\n${this.describe()}`);
  }
}

/** Starts `command args…` as a managed process. */
export function startProcess(
  command: string,
  args: readonly string[],
  options: StartOptions,
): ManagedProcess {
  return new ManagedProcess(command, args, options);
}

/** Result of `runCommand`. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a short command to completion (bounded by `timeoutMs`, then killed) and returns its exit
 * code and output. Never rejects for a non-zero exit: callers decide.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs ?? 60_000} ms]`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}\n[spawn error: ${err.message}]` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (child.stdin) {
      // A command may exit before reading its input: that EPIPE is not our failure.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
  });
}
