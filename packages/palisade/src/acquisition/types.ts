/**
 * The datasource contract (hub-compat §9, code-anchors §7.3). A datasource module is one folder of
 * `sources/` exposing a `DataSourceModule`: a pure config parser, an optional DSN parser, and an
 * async `configure` that turns a parsed config into a running `DataSource` (the only step that
 * touches the file system or the network).
 *
 * Capabilities are separate: `oneShot` reads a finite input and ends (cat mode, `-dsn` replays);
 * `stream` follows an input until aborted (tail mode). The orchestrator owns the output queue and
 * the restarts, so a datasource never retries on its own.
 */
import type { Event, EventTime } from '../event/index.ts';
import type { AcquisitionError } from './errors.ts';

/** `cat`: read once then finish; `tail`: follow the input. */
export type AcquisitionMode = 'cat' | 'tail';

/** The keys every datasource config has (CrowdSec `DataSourceCommonCfg`). */
export interface CommonSourceConfig {
  /** The datasource name (`file`, `stdin`, …): the registry key and `Line.Module`. */
  readonly source: string;
  readonly mode: AcquisitionMode;
  /** Labels copied into every event's `Line.Labels`; `type` is what parsers test. */
  readonly labels: Readonly<Record<string, string>>;
  /** Optional display name of this acquisition entry. */
  readonly name: string;
  /** Tail mode only: produce TIMEMACHINE events anyway. */
  readonly useTimeMachine: boolean;
  /** Where the config came from (`acquis.yaml:12`, `-dsn`), for error messages. */
  readonly where: string;
}

/** Counters of one datasource (exposable as metrics). They only grow. */
export interface SourceCounters {
  /** Non-empty lines turned into events. */
  linesRead: number;
  /** Lines rejected (longer than the line limit); each one was also reported. */
  linesRejected: number;
  /** Bytes read from the input after decompression (line terminators and empty lines included). */
  bytes: number;
}

/** What `configure` receives besides the config. */
export interface AcquisitionContext {
  /** Non-fatal problems (a rejected line…), already counted; default: ignored. */
  readonly onProblem?: (problem: AcquisitionError) => void;
  /** The clock for `Line.Time` (default: Go `time.Now().UTC()`); injected by tests and replays. */
  readonly now?: () => EventTime;
  /** Standard input, for the `stdin` source (default `process.stdin`). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
}

/** A configured datasource. */
export interface DataSource {
  readonly name: string;
  readonly mode: AcquisitionMode;
  readonly counters: SourceCounters;
  /**
   * Reads the whole input once and yields one LOG event per non-empty line, then ends. Pulling
   * drives the reading (backpressure: nothing is read ahead of the consumer beyond one chunk).
   * An aborted `signal` ends the iteration quietly. I/O failures (missing file, unreadable gzip)
   * throw an `AcquisitionError`.
   */
  oneShot?(signal?: AbortSignal): AsyncIterable<Event>;
  /**
   * `oneShot` in batches: the events of each chunk read, as one non-empty array, so that the
   * consumer handles a chunk without awaiting per line. Lines are counted per batch; a consumer
   * that stops inside a batch checks `signal` itself. Optional (fall back on `oneShot`).
   */
  oneShotBatches?(signal?: AbortSignal): AsyncIterable<Event[]>;
  /** Follows the input until `signal` is aborted (tail mode). */
  stream?(signal: AbortSignal): AsyncIterable<Event>;
}

/** A datasource implementation, as found in the registry. */
export interface DataSourceModule<Config extends CommonSourceConfig = CommonSourceConfig> {
  readonly name: string;
  /**
   * Validates a decoded YAML document (one `acquis.yaml` entry). Pure: no I/O. Throws an
   * `AcquisitionError` naming the field.
   */
  parseConfig(raw: unknown, where: string): Config;
  /**
   * Builds a config from a one-shot DSN (`file:///var/log/auth.log`) plus the `-type`/`-label`
   * labels. Pure. Absent when the source has no DSN form.
   */
  parseDsn?(dsn: string, labels: Readonly<Record<string, string>>): Config;
  /** Prepares the source (expands globs, checks files). Throws an `AcquisitionError`. */
  configure(config: Config, ctx?: AcquisitionContext): Promise<DataSource>;
}

/** Fresh zeroed counters. */
export function newCounters(): SourceCounters {
  return { linesRead: 0, linesRejected: 0, bytes: 0 };
}
