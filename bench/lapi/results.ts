/**
 * The shape of the benchmark's results (what the JSON file holds and the report renders).
 */
import type { ProfileSummary } from '../detection/profile.ts';
import type { ServerName } from './options.ts';
import type { IngestResult, PollResult, PullResult } from './workloads.ts';

/** One server's run of one workload: its figures, or why it failed. */
export interface Measured<T> {
  readonly server: ServerName;
  readonly figures?: T;
  readonly error?: string;
  /** Peak RSS while the workload ran (VmHWM, reset when the timed phase began). */
  readonly peakRssMiB?: number;
  /** RSS when the timed phase began (server started, data loaded). */
  readonly startRssMiB?: number;
  /** False when the kernel refused to reset VmHWM: the peak then covers the process' life. */
  readonly peakIsWorkloadOnly?: boolean;
  /** Server CPU seconds (user + system) during the timed phase. */
  readonly serverCpuS?: number;
  /** Preparing the server: config, machine, bouncers, import (seconds). */
  readonly setupSeconds?: number;
  /** The bulk import of decisions alone (seconds), when the workload has one. */
  readonly importSeconds?: number;
}

/** Figures of one startup-stream size. */
export interface StreamFigures {
  readonly decisions: number;
  readonly runs: readonly PullResult[];
  readonly medianSeconds: number;
  readonly decisionsPerS: number;
}

/** Everything one benchmark run produced. */
export interface LapiBenchReport {
  readonly date: string;
  readonly node: string;
  machine: { readonly cpus: number; readonly loadAtStart: number; readonly loadAtEnd: number };
  readonly labels: Readonly<Record<ServerName, string>>;
  readonly servers: readonly ServerName[];
  readonly settings: {
    readonly alerts: number;
    readonly batch: number;
    readonly ingestConcurrency: readonly number[];
    readonly sizes: readonly number[];
    readonly streamRuns: number;
    readonly bouncers: number;
    readonly pollBase: number;
    readonly pollSeconds: number;
    readonly trickle: number;
    readonly concurrency: number;
    readonly profile: boolean;
  };
  readonly setupNotes: readonly string[];
  /** By POSTs in flight. */
  ingest?: Record<string, Partial<Record<ServerName, Measured<IngestResult>>>>;
  stream?: Record<string, Partial<Record<ServerName, Measured<StreamFigures>>>>;
  polls?: Partial<Record<ServerName, Measured<PollResult>>>;
  /** Palisade's CPU profiles (with --profile), by workload label. */
  profiles?: Record<string, ProfileSummary>;
}
