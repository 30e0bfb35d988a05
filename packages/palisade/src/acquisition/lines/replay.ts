/**
 * Turns a byte stream into LOG events, one per non-empty line (hub-compat §9, CrowdSec's file
 * datasource in cat mode): gzip is detected by its magic, one CR before LF is stripped, a line
 * longer than the limit is counted, reported and skipped (reading goes on), a last line without
 * LF still counts. `Line.Time` and `Time` are the acquisition time. Shared by every replay-style
 * source (`file`, `stdin`).
 */
import { type Event, type EventTime, mapFrom, newEvent } from '../../event/index.ts';
import { GoTime } from '../../expr/values/time.ts';
import { AcquisitionError, ioError } from '../errors.ts';
import type { SourceCounters } from '../types.ts';
import { untilAborted } from './abort.ts';
import { maybeGunzip } from './decompress.ts';
import { splitLines } from './split-lines.ts';

/** CrowdSec's default `bufio.Scanner` buffer: the longest line a file source accepts. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/** What every event of one replay carries. */
export interface ReplayOptions {
  /** `Line.Src`: the path as given (or `stdin`); also the location in problem reports. */
  readonly src: string;
  /** `Line.Module`: the datasource name. */
  readonly module: string;
  /** Copied into each event's own `Line.Labels` map. */
  readonly labels: Readonly<Record<string, string>>;
  /** `ExpectMode` TIMEMACHINE (replays) rather than LIVE. */
  readonly timeMachine: boolean;
  readonly maxLineBytes: number;
  /** Updated as the stream is read. */
  readonly counters: SourceCounters;
  readonly now?: () => EventTime;
  readonly onProblem?: (problem: AcquisitionError) => void;
  readonly signal?: AbortSignal;
}

/** Go `time.Now().UTC()`. */
export function utcNow(): EventTime {
  return GoTime.now().UTC();
}

/**
 * Yields the events of `bytes` (see the file comment). An aborted signal ends the iteration
 * quietly; a read failure throws an `AcquisitionError` (kind `io`) located at `src`.
 */
export async function* replayLines(
  bytes: AsyncIterable<Uint8Array | string>,
  options: ReplayOptions,
): AsyncGenerator<Event> {
  const { counters, signal } = options;
  const now = options.now ?? utcNow;
  const lines = splitLines(maybeGunzip(untilAborted(bytes, signal)), {
    maxLineBytes: options.maxLineBytes,
    onChunk: (n) => {
      counters.bytes += n;
    },
  });
  try {
    for await (const item of lines) {
      if (signal?.aborted) return;
      if (item.kind === 'too-long') {
        counters.linesRejected++;
        options.onProblem?.(
          new AcquisitionError(
            'line-too-long',
            `${options.src}:${item.lineNo}`,
            `line of ${item.length} bytes is longer than the limit of ${options.maxLineBytes} bytes, skipped`,
          ),
        );
        continue;
      }
      if (item.bytes.length === 0) continue;
      counters.linesRead++;
      yield makeEvent(item.bytes.toString('utf8'), now(), options);
    }
  } catch (err) {
    if (signal?.aborted) return;
    throw err instanceof AcquisitionError ? err : ioError(options.src, err);
  }
}

function makeEvent(raw: string, time: EventTime, options: ReplayOptions): Event {
  const evt = newEvent({ timeMachine: options.timeMachine, process: true });
  evt.Line.Raw = raw;
  evt.Line.Src = options.src;
  evt.Line.Labels = mapFrom(options.labels);
  evt.Line.Module = options.module;
  evt.Line.Time = time;
  evt.Line.Process = true;
  // hub-compat §7.2: a replayed event carries the acquisition time in both Line.Time and Time
  // (the parser only sets Time when it is zero; ParseDate replaces it in time-machine mode).
  evt.Time = time;
  return evt;
}
