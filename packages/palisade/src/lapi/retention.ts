/**
 * Retention (spec §5.1): the store's flush, every minute, when `db_config.flush` is set. Runs
 * never overlap: a slow flush delays the next one instead of piling up.
 */
import type { Logger } from 'pino';
import type { Store } from '../store/index.ts';

/** How often the flush runs. */
export const FLUSH_INTERVAL_MS = 60_000;

/** A running retention job; `stop()` waits for a flush in progress. */
export interface RetentionJob {
  stop(): Promise<void>;
}

/** Starts flushing `store` every `intervalMs`. */
export function startRetention(store: Store, log: Logger, intervalMs = FLUSH_INTERVAL_MS): RetentionJob {
  let running: Promise<void> | null = null;
  const tick = (): void => {
    if (running) return;
    running = store
      .flush()
      .then((report) => {
        const total = Object.values(report).reduce((a, b) => a + b, 0);
        if (total > 0) log.info({ flush: report }, 'retention flush');
      })
      .catch((err: unknown) => log.error({ err }, 'retention flush failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      if (running) await running;
    },
  };
}
