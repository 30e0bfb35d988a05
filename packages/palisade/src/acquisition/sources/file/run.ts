/**
 * The `file` datasource at run time: resolves its paths and globs once (at configure time), then
 * in cat mode reads each file in turn, streaming, through the shared replay (gzip, CR, line limit).
 */
import { createReadStream } from 'node:fs';
import { glob, stat } from 'node:fs/promises';
import type { Event } from '../../../event/index.ts';
import { compileRe2 } from '../../../regex/index.ts';
import { AcquisitionError, ioError } from '../../errors.ts';
import { type ReplayOptions, replayLineBatches, replayLines } from '../../lines/replay.ts';
import type { AcquisitionContext, DataSource, SourceCounters } from '../../types.ts';
import { newCounters } from '../../types.ts';
import type { FileSourceConfig } from './config.ts';

const GLOB_CHARS = /[*?[]/;

/**
 * The files a config names, in order, without duplicates or excluded paths. A literal path must
 * exist and be a regular file; a glob must match at least one file.
 */
export async function resolveFiles(config: FileSourceConfig): Promise<string[]> {
  const excludes = config.excludeRegexps.map((p, i) => {
    try {
      return compileRe2(p);
    } catch (err) {
      throw new AcquisitionError('config', `${config.where}: exclude_regexps[${i}]`, (err as Error).message);
    }
  });
  const seen = new Set<string>();
  const out: string[] = [];
  for (const pattern of config.filenames) {
    const candidates = GLOB_CHARS.test(pattern) ? await expandGlob(pattern) : [pattern];
    if (candidates.length === 0) throw new AcquisitionError('io', pattern, 'no file matches this pattern');
    for (const path of candidates) {
      if (seen.has(path) || excludes.some((re) => re.test(path))) continue;
      await checkRegularFile(path, candidates.length === 1);
      seen.add(path);
      out.push(path);
    }
  }
  return out;
}

async function expandGlob(pattern: string): Promise<string[]> {
  const found: string[] = [];
  for await (const path of glob(pattern)) found.push(path);
  // Go's filepath.Glob returns matches in lexical order; fs.glob does not promise an order.
  const files: string[] = [];
  for (const path of found.sort()) {
    const s = await stat(path).catch(() => undefined);
    if (s?.isFile()) files.push(path);
  }
  return files;
}

async function checkRegularFile(path: string, strict: boolean): Promise<void> {
  try {
    const s = await stat(path);
    if (!s.isFile() && strict) throw new AcquisitionError('io', path, 'not a regular file');
  } catch (err) {
    throw err instanceof AcquisitionError ? err : ioError(path, err);
  }
}

/** A configured `file` source in cat mode. */
export class FileSource implements DataSource {
  readonly name = 'file';
  readonly mode = 'cat' as const;
  readonly counters: SourceCounters = newCounters();
  readonly files: readonly string[];
  readonly #config: FileSourceConfig;
  readonly #ctx: AcquisitionContext;

  constructor(config: FileSourceConfig, files: readonly string[], ctx: AcquisitionContext) {
    this.#config = config;
    this.files = files;
    this.#ctx = ctx;
  }

  /** Reads every file once, in order; `Line.Src` is each path as resolved. */
  async *oneShot(signal?: AbortSignal): AsyncGenerator<Event> {
    for (const path of this.files) {
      if (signal?.aborted) return;
      yield* replayLines(createReadStream(path), this.#replayOptions(path, signal));
    }
  }

  /** `oneShot`, one array of events per chunk read. */
  async *oneShotBatches(signal?: AbortSignal): AsyncGenerator<Event[]> {
    for (const path of this.files) {
      if (signal?.aborted) return;
      yield* replayLineBatches(createReadStream(path), this.#replayOptions(path, signal));
    }
  }

  #replayOptions(path: string, signal: AbortSignal | undefined): ReplayOptions {
    return {
      src: path,
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
