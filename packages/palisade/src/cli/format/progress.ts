/**
 * Progress of a long operation (decisions import) on stderr. On a terminal it is one bar redrawn
 * in place; otherwise (a log file, a pipe, CI) it is a plain line at every tenth of the way, so
 * logs stay readable and short. Redraws are driven by progress, not by a clock.
 */

/** Reports how far an operation of `total` steps has come. */
export interface Progress {
  /** `done` steps are complete (monotonic, at most `total`). */
  update(done: number): void;
  /** Ends the report (the bar gets its newline). */
  finish(): void;
}

/** What a progress report is drawn with. */
export interface ProgressOptions {
  readonly total: number;
  readonly label: string;
  /** Whether the destination is a terminal (bar) or not (periodic lines). */
  readonly tty: boolean;
  readonly write: (text: string) => void;
  /** Characters of the bar itself (default 30). */
  readonly barWidth?: number;
}

/** Creates a progress report; with `total` 0 it prints nothing. */
export function createProgress(options: ProgressOptions): Progress {
  const { total, label, tty, write } = options;
  const barWidth = options.barWidth ?? 30;
  let lastShown = -1;
  let drawn = false;
  const percent = (done: number) => (total === 0 ? 100 : Math.floor((done * 100) / total));
  return {
    update(done: number) {
      if (total === 0) return;
      const p = percent(Math.min(done, total));
      if (tty) {
        if (p === lastShown) return;
        lastShown = p;
        const filled = Math.round((p / 100) * barWidth);
        write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${done}/${total} (${p}%)`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(p / 10);
      if (tenth === lastShown) return;
      lastShown = tenth;
      write(`${label}: ${Math.min(done, total)}/${total} (${p}%)\n`);
    },
    finish() {
      if (tty && drawn) write('\n');
    },
  };
}
