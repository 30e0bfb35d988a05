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
import { type SplitItem, splitLineBatches } from './split-lines.ts';

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
  const { signal } = options;
  const now = options.now ?? utcNow;
  try {
    for await (const items of batchesOf(bytes, options)) {
      // Lazily, one line at a time: counters and problems follow what the consumer pulled.
      for (const item of items) {
        if (signal?.aborted) return;
        const evt = toEvent(item, now, options);
        if (evt !== undefined) yield evt;
      }
    }
  } catch (err) {
    if (signal?.aborted) return;
    throw err instanceof AcquisitionError ? err : ioError(options.src, err);
  }
}

/**
 * `replayLines`, one non-empty array of events per chunk read, so that a consumer processes a
 * chunk synchronously (no await per line). The lines of a chunk are counted (and too long ones
 * reported) when the chunk is turned into events; a consumer that may stop in the middle of a
 * batch checks `signal` itself.
 */
export async function* replayLineBatches(
  bytes: AsyncIterable<Uint8Array | string>,
  options: ReplayOptions,
): AsyncGenerator<Event[]> {
  const { signal } = options;
  const now = options.now ?? utcNow;
  try {
    for await (const items of batchesOf(bytes, options)) {
      if (signal?.aborted) return;
      const events: Event[] = [];
      for (const item of items) {
        const evt = toEvent(item, now, options);
        if (evt !== undefined) events.push(evt);
      }
      if (events.length > 0) yield events;
    }
  } catch (err) {
    if (signal?.aborted) return;
    throw err instanceof AcquisitionError ? err : ioError(options.src, err);
  }
}

function batchesOf(bytes: AsyncIterable<Uint8Array | string>, options: ReplayOptions) {
  const { counters } = options;
  return splitLineBatches(maybeGunzip(untilAborted(bytes, options.signal)), {
    maxLineBytes: options.maxLineBytes,
    onChunk: (n) => {
      counters.bytes += n;
    },
  });
}

/** The event of one split item (counted), or undefined for an empty or too long line (reported). */
function toEvent(item: SplitItem, now: () => EventTime, options: ReplayOptions): Event | undefined {
  const { counters } = options;
  if (item.kind === 'too-long') {
    counters.linesRejected++;
    options.onProblem?.(
      new AcquisitionError(
        'line-too-long',
        `${options.src}:${item.lineNo}`,
        `line of ${item.length} bytes is longer than the limit of ${options.maxLineBytes} bytes, skipped`,
      ),
    );
    return undefined;
  }
  if (item.bytes.length === 0) return undefined;
  counters.linesRead++;
  return makeEvent(item.bytes.toString('utf8'), now(), options);
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
