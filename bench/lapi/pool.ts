/**
 * Bounded concurrency: `concurrency` workers take task numbers 0, 1, 2, … until `total` tasks
 * were started or the deadline passed. Every loop of the benchmark is bounded in count and time.
 */

/** Options of runBounded. */
export interface BoundedOptions {
  /** The most tasks started. */
  readonly total: number;
  readonly concurrency: number;
  /** No task starts after this time (epoch ms); default: none. */
  readonly deadline?: number;
  /** After this many failed tasks the run stops and rejects (default 20). */
  readonly maxErrors?: number;
}

/** What a bounded run did. */
export interface BoundedResult {
  /** Tasks that resolved. */
  readonly done: number;
  readonly errors: number;
  readonly elapsedMs: number;
}

/**
 * Runs `task(i)` for i = 0 … total-1 with at most `concurrency` in flight. Rejects with the first
 * error once `maxErrors` tasks have failed (the tasks in flight are awaited first).
 */
export async function runBounded(
  options: BoundedOptions,
  task: (i: number) => Promise<void>,
): Promise<BoundedResult> {
  const maxErrors = options.maxErrors ?? 20;
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const start = performance.now();
  let next = 0;
  let done = 0;
  let errors = 0;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (next < options.total && errors < maxErrors && Date.now() < deadline) {
      const i = next++;
      try {
        await task(i);
        done++;
      } catch (err) {
        errors++;
        firstError ??= err;
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(options.concurrency, options.total); w++) workers.push(worker());
  await Promise.all(workers);
  const elapsedMs = performance.now() - start;
  if (errors >= maxErrors) {
    const why = firstError instanceof Error ? firstError.message : String(firstError);
    throw new Error(`${errors} requests failed; the first: ${why}`);
  }
  return { done, errors, elapsedMs };
}
