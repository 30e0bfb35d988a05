/**
 * The `stdin` datasource: standard input read once, exactly like a file in cat mode. Its events
 * say `Line.Module = file` and `Line.Src = stdin`, so that parsers which look at the module (the
 * syslog parsers copy it into `Meta.datasource_type`) treat piped lines as a replayed file.
 */
import type { Event } from '../../../event/index.ts';
import { type ReplayOptions, replayLineBatches, replayLines } from '../../lines/replay.ts';
import type { AcquisitionContext, DataSource, DataSourceModule, SourceCounters } from '../../types.ts';
import { newCounters } from '../../types.ts';
import { parseStdinConfig, parseStdinDsn, type StdinSourceConfig } from './config.ts';

export type { StdinSourceConfig } from './config.ts';

/** `Line.Src` of events read from standard input. */
export const STDIN_SRC = 'stdin';

/** A configured `stdin` source. */
export class StdinSource implements DataSource {
  readonly name = 'stdin';
  readonly mode = 'cat' as const;
  readonly counters: SourceCounters = newCounters();
  readonly #config: StdinSourceConfig;
  readonly #ctx: AcquisitionContext;

  constructor(config: StdinSourceConfig, ctx: AcquisitionContext) {
    this.#config = config;
    this.#ctx = ctx;
  }

  /** Reads standard input (or `ctx.stdin`) to its end. */
  async *oneShot(signal?: AbortSignal): AsyncGenerator<Event> {
    yield* replayLines(this.#ctx.stdin ?? process.stdin, this.#replayOptions(signal));
  }

  /** `oneShot`, one array of events per chunk read. */
  async *oneShotBatches(signal?: AbortSignal): AsyncGenerator<Event[]> {
    yield* replayLineBatches(this.#ctx.stdin ?? process.stdin, this.#replayOptions(signal));
  }

  #replayOptions(signal: AbortSignal | undefined): ReplayOptions {
    return {
      src: STDIN_SRC,
      module: 'file',
      labels: this.#config.labels,
      timeMachine: true,
      maxLineBytes: this.#config.maxLineBytes,
      counters: this.counters,
      now: this.#ctx.now,
      onProblem: this.#ctx.onProblem,
      signal,
    };
  }
}

/** The `stdin` datasource module. */
export const stdinSource: DataSourceModule<StdinSourceConfig> = {
  name: 'stdin',
  parseConfig: parseStdinConfig,
  parseDsn: parseStdinDsn,
  async configure(config: StdinSourceConfig, ctx: AcquisitionContext = {}): Promise<DataSource> {
    return new StdinSource(config, ctx);
  },
};

export default stdinSource;
