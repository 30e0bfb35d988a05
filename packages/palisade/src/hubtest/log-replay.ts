/**
 * The test's log file as `crowdsec -dsn file://<abs path> -type <log_type>` reads it (hub-compat
 * §7.2 step 6): cat mode through the shared acquisition replay (gzip, CR stripping, empty lines
 * skipped), `Line.Src` = the absolute path, `Line.Module` = `file`, labels `{type} ∪ labels`,
 * TIMEMACHINE events, `Line.Time` and `Time` = the (pinned) clock.
 */
import { createReadStream } from 'node:fs';
import { DEFAULT_MAX_LINE_BYTES, replayLabels, replayLines } from '../acquisition/index.ts';
import { newCounters } from '../acquisition/types.ts';
import type { Event, EventTime } from '../event/index.ts';

/** What to replay. */
export interface LogReplayOptions {
  /** Absolute path of the log file. */
  readonly path: string;
  readonly logType: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly now: () => EventTime;
  /** A line the reader had to skip (longer than 64 KiB). */
  readonly onProblem?: (message: string) => void;
}

/** Yields one LOG event per non-empty line of the file. Throws when the file cannot be read. */
export async function* replayLogFile(options: LogReplayOptions): AsyncGenerator<Event> {
  const events = replayLines(createReadStream(options.path), {
    src: options.path,
    module: 'file',
    labels: replayLabels(options.logType, options.labels),
    timeMachine: true,
    maxLineBytes: DEFAULT_MAX_LINE_BYTES,
    counters: newCounters(),
    now: options.now,
    onProblem: (p) => options.onProblem?.(p.message),
  });
  for await (const evt of events) {
    // crowdsec stamps both times at acquisition; the parser keeps a non-zero Time.
    evt.Time = evt.Line.Time;
    yield evt;
  }
}
