/**
 * Figures of one timed replay, from the child's `--stats-json`, and their medians over runs.
 */
import type { ReplayStats } from '../../packages/palisade/src/cli/replay-stats.ts';

/** One timed replay. */
export interface RunMeasure {
  readonly lines: number;
  /** Child wall time, process start to end of replay. */
  readonly wallS: number;
  /** Parent-side wall time, spawn to exit. */
  readonly parentWallS: number;
  readonly cpuUserS: number;
  readonly cpuSystemS: number;
  readonly cpuS: number;
  /** CPU spent before the first event came out of the parsers (node start-up, hub loading). */
  readonly startupCpuS: number;
  readonly startupWallS: number;
  readonly peakRssMiB: number;
  readonly linesPerCpuS: number;
  /** Lines per CPU-second once loaded (CPU after the first event). */
  readonly linesPerCpuSAfterStartup: number;
  readonly alerts: number;
  /** Quality digest of the run's alerts (equal across runs ⇔ same detections). */
  readonly digest: string;
}

/** The figures of one run. */
export function measureRun(stats: ReplayStats, parentWallMs: number, digest: string): RunMeasure {
  const cpuS = (stats.end.cpuUserMs + stats.end.cpuSystemMs) / 1000;
  const first = stats.firstEvent;
  const startupCpuS = first ? (first.cpuUserMs + first.cpuSystemMs) / 1000 : cpuS;
  const lines = stats.counts.linesRead;
  return {
    lines,
    wallS: stats.end.wallMs / 1000,
    parentWallS: parentWallMs / 1000,
    cpuUserS: stats.end.cpuUserMs / 1000,
    cpuSystemS: stats.end.cpuSystemMs / 1000,
    cpuS,
    startupCpuS,
    startupWallS: first ? first.wallMs / 1000 : stats.end.wallMs / 1000,
    peakRssMiB: stats.maxRssKiB / 1024,
    linesPerCpuS: cpuS > 0 ? lines / cpuS : 0,
    linesPerCpuSAfterStartup: cpuS - startupCpuS > 0 ? lines / (cpuS - startupCpuS) : 0,
    alerts: stats.counts.alerts,
    digest,
  };
}

/** The numeric fields of RunMeasure, medians over runs. */
export type MedianMeasure = Omit<RunMeasure, 'digest'>;

/** Median of each figure over `runs` (non-empty). */
export function medianMeasure(runs: readonly RunMeasure[]): MedianMeasure {
  if (runs.length === 0) throw new Error('medianMeasure: no runs');
  const m = (pick: (r: RunMeasure) => number) => median(runs.map(pick));
  return {
    lines: m((r) => r.lines),
    wallS: m((r) => r.wallS),
    parentWallS: m((r) => r.parentWallS),
    cpuUserS: m((r) => r.cpuUserS),
    cpuSystemS: m((r) => r.cpuSystemS),
    cpuS: m((r) => r.cpuS),
    startupCpuS: m((r) => r.startupCpuS),
    startupWallS: m((r) => r.startupWallS),
    peakRssMiB: m((r) => r.peakRssMiB),
    linesPerCpuS: m((r) => r.linesPerCpuS),
    linesPerCpuSAfterStartup: m((r) => r.linesPerCpuSAfterStartup),
    alerts: m((r) => r.alerts),
  };
}

/** Median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
