/**
 * Bounded polling: every wait in the interop suite has a deadline, so a program that never
 * delivers makes the test fail with a message naming what was awaited, never hang.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Options of `waitFor`. */
export interface WaitOptions {
  /** Give up after this many milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Pause between two probes (default 250 ms). */
  intervalMs?: number;
  /** Extra text for the timeout error, e.g. the tail of a program's log (evaluated at timeout). */
  context?: () => string;
}

/**
 * Calls `probe` until it returns a value other than `undefined` and returns that value. A probe
 * that throws counts as "not yet" (the last error is reported on timeout). Throws an Error
 * naming `what` when the deadline passes.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 250;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  const parts = [`timed out after ${timeoutMs} ms waiting for ${what}`];
  if (lastError !== undefined)
    parts.push(`last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
  if (options.context) parts.push(options.context());
  throw new Error(parts.join('\n'));
}
