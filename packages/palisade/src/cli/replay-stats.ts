/**
 * `palisade replay --stats-json FILE`: what the replay cost this process (CPU, peak RSS, wall
 * time, all since the process started) and what it did (the summary counters, the items
 * installed), written once at the end. Benchmarks read it instead of wrapping the process in
 * `/usr/bin/time`, which is not everywhere, and get the loading phase apart for free.
 */
import type { ResolvedSelection } from '../hub/collections.ts';
import type { ReplaySummary } from '../pipeline/index.ts';

/** Resource usage at one moment, since the process started. */
export interface UsageSnapshot {
  /** Wall-clock milliseconds since the process started (`performance.now()`). */
  readonly wallMs: number;
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  /** Resident set size now, in KiB. */
  readonly rssKiB: number;
}

/** The content of the `--stats-json` file. */
export interface ReplayStats {
  /** Format version of this object. */
  readonly version: 1;
  /** At the end of the replay. */
  readonly end: UsageSnapshot;
  /** Peak resident set size of the process, in KiB (`getrusage` ru_maxrss). */
  readonly maxRssKiB: number;
  /**
   * When the first event came out of the parsers: the pipeline is loaded by then, so this is
   * (almost all) start-up cost. Absent when the input had no line.
   */
  readonly firstEvent?: UsageSnapshot;
  readonly counts: ReplaySummary;
  /** Names of the items installed, per type, and the collections walked. */
  readonly items: {
    readonly collections: readonly string[];
    readonly parsers: readonly string[];
    readonly postoverflows: readonly string[];
    readonly scenarios: readonly string[];
    readonly contexts: readonly string[];
  };
}

/** Records the usage at the first parsed event and builds the stats at the end. */
export class UsageRecorder {
  #firstEvent: UsageSnapshot | undefined;

  /** The `onParsed` hook of the pipeline: one comparison per event after the first. */
  readonly onParsed = (): void => {
    if (this.#firstEvent === undefined) this.#firstEvent = snapshot();
  };

  /** The stats object, taken now. */
  finish(counts: ReplaySummary, selection: ResolvedSelection): ReplayStats {
    const names = (items: readonly { name: string }[]) => items.map((i) => i.name);
    return {
      version: 1,
      end: snapshot(),
      maxRssKiB: process.resourceUsage().maxRSS,
      ...(this.#firstEvent ? { firstEvent: this.#firstEvent } : {}),
      counts,
      items: {
        collections: [...selection.collections],
        parsers: names(selection.parsers),
        postoverflows: names(selection.postoverflows),
        scenarios: names(selection.scenarios),
        contexts: names(selection.contexts),
      },
    };
  }
}

function snapshot(): UsageSnapshot {
  const usage = process.resourceUsage();
  return {
    wallMs: round(performance.now()),
    cpuUserMs: round(usage.userCPUTime / 1000),
    cpuSystemMs: round(usage.systemCPUTime / 1000),
    rssKiB: Math.round(process.memoryUsage.rss() / 1024),
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
