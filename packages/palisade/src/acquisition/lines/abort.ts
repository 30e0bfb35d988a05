/**
 * Ends an async iteration when an AbortSignal fires, even while the source is waiting for input
 * (stdin with no writer): the pending read is abandoned and the source iterator is returned.
 */

/** Yields the items of `source` until it ends or `signal` aborts (then it ends quietly). */
export async function* untilAborted<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  if (!signal) {
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  let finished = false;
  try {
    for (;;) {
      const next = it.next();
      // A read abandoned by an abort may reject later: that rejection is expected, not unhandled.
      next.catch(() => {});
      const r = await Promise.race([next, aborted]);
      if (r === 'aborted') return;
      if (r.done) {
        finished = true;
        return;
      }
      yield r.value;
      if (signal.aborted) return;
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    // Not awaited when aborted: a source blocked on a read may only settle later.
    if (!finished) Promise.resolve(it.return?.()).catch(() => {});
  }
}
