/**
 * A replay (CrowdSec's `crowdsec -dsn file://… -type T`, hub-compat §7.2 step 6 and §9): reads a
 * log file (or standard input) once as TIMEMACHINE events and runs each one through the whole
 * detection pipeline, alerts coming out in input order. At the end of the input nothing is
 * flushed: buckets still pending produce nothing (hub-compat §2.5 "End of input").
 */

import type { AcquisitionContext, DataSource } from '../acquisition/index.ts';
import { AcquisitionError, loadSource, replayLabels } from '../acquisition/index.ts';
import type { Alert, Event } from '../event/index.ts';
import type { HubError } from '../hub/errors.ts';
import { DetectionPipeline, type PipelineCounters, type PipelineHooks } from './detection.ts';
import { hubPatternsDir, loadPipeline, type PipelineContent } from './load.ts';

/** The content failed to load: CrowdSec does not start then. `errors` are located (file:line). */
export class PipelineLoadError extends Error {
  readonly errors: readonly HubError[];

  constructor(errors: readonly HubError[]) {
    const first = errors[0]?.format() ?? 'unknown error';
    super(errors.length > 1 ? `${first} (+${errors.length - 1} more)` : first);
    this.name = 'PipelineLoadError';
    this.errors = errors;
  }
}

/** Options of `runReplay`. */
export interface ReplayOptions
  extends Omit<PipelineContent, 'onTimerOverflow' | 'patternsDir'>,
    Omit<PipelineHooks, 'onAlert'> {
  /** A file path, or `-` for standard input. */
  readonly source: string;
  /** The log type (the `type` label parsers test). */
  readonly type: string;
  /** Extra acquisition labels (`type` always wins). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Hub directory: its `patterns/` are the grok patterns (unless `patternsDir` is given). */
  readonly hubDir?: string;
  readonly patternsDir?: string;
  /** Standard input for `source: '-'` (default `process.stdin`). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** Each alert, in emission order. */
  onAlert(alert: Alert, overflow: Event): void;
  /** Acquisition problems (a line over the length limit, skipped). */
  onProblem?(problem: AcquisitionError): void;
  /** True to run with the items that loaded when some did not (errors go to `onWarning`). */
  readonly allowLoadErrors?: boolean;
  /** Stops the replay early (the summary covers what was read). */
  readonly signal?: AbortSignal;
}

/** What a replay did. */
export interface ReplaySummary extends PipelineCounters {
  /** Non-empty lines read. */
  readonly linesRead: number;
  /** Lines skipped because they were too long. */
  readonly linesRejected: number;
  /** Bytes read (after decompression). */
  readonly bytes: number;
  /** Bucket instances created. */
  readonly bucketsCreated: number;
  /** Bucket instances still pending at the end (they produce nothing). */
  readonly bucketsPending: number;
}

/**
 * Runs the replay. Throws PipelineLoadError when the content does not load (unless
 * `allowLoadErrors`), and AcquisitionError when the input cannot be opened or read.
 */
export async function runReplay(options: ReplayOptions): Promise<ReplaySummary> {
  let pipeline: DetectionPipeline | undefined;
  const loaded = loadPipeline({
    ...options,
    patternsDir: options.patternsDir ?? (options.hubDir ? hubPatternsDir(options.hubDir) : undefined),
    // Live timers (buckets of reprocessed overflows) may fire between two reads.
    onTimerOverflow: (ov) => pipeline?.handleOverflows([ov]),
  });
  try {
    if (loaded.errors.length > 0) {
      if (!options.allowLoadErrors) throw new PipelineLoadError(loaded.errors);
      for (const e of loaded.errors) options.onWarning?.(e.format());
    }
    pipeline = new DetectionPipeline(loaded.stages, options);
    const source = await openSource(options);
    const p = pipeline;
    const signal = options.signal;
    if (source.oneShotBatches) {
      // A chunk's events go through the pipeline synchronously: one await per chunk, not per line.
      batches: for await (const batch of source.oneShotBatches(signal)) {
        for (let i = 0; i < batch.length; i++) {
          if (signal?.aborted) break batches;
          p.process(batch[i] as Event);
        }
      }
    } else {
      const events = (source.oneShot as NonNullable<DataSource['oneShot']>).call(source, signal);
      for await (const evt of events) p.process(evt);
    }
    const stats = loaded.stages.scenarios.stats();
    return {
      ...p.counters,
      linesRead: source.counters.linesRead,
      linesRejected: source.counters.linesRejected,
      bytes: source.counters.bytes,
      bucketsCreated: stats.created,
      bucketsPending: stats.live,
    };
  } finally {
    loaded.shutdown();
  }
}

/** The `file` (cat mode) or `stdin` datasource for `options.source`. */
async function openSource(options: ReplayOptions): Promise<DataSource> {
  const labels = replayLabels(options.type, options.labels ?? {});
  const ctx: AcquisitionContext = {
    now: options.now,
    stdin: options.stdin,
    onProblem: options.onProblem,
  };
  const where = 'replay source';
  let source: DataSource;
  if (options.source === '-') {
    const stdin = await loadSource('stdin', where);
    source = await stdin.configure(stdin.parseConfig({ labels }, where), ctx);
  } else {
    const files = await loadSource('file', where);
    source = await files.configure(
      files.parseConfig({ filename: options.source, mode: 'cat', labels }, where),
      ctx,
    );
  }
  if (!source.oneShot)
    throw new AcquisitionError('config', where, `datasource ${source.name} cannot be replayed`);
  return source;
}
