/**
 * Builds the stages of a detection pipeline from installed item files: the parser set, the
 * postoverflow set, the scenario set and the output stage, sharing what CrowdSec shares between
 * them (data files, the stash, GeoIP databases, the clock). Load errors of every stage are
 * collected; CrowdSec refuses to start on any of them.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OverflowOutput } from '../alerts/postoverflows.ts';
import {
  type BucketLimits,
  type Clock,
  type ContextItemFile,
  loadScenarioSet,
  type ScenarioItemFile,
  systemClock,
} from '../buckets/index.ts';
import type { Event } from '../event/index.ts';
import { type HelperLogger, MemoryStash } from '../expr/helpers/index.ts';
import type { GoTime } from '../expr/values/time.ts';
import type { GoLocation } from '../expr/values/time-location.ts';
import { DataFileStore } from '../hub/data-files.ts';
import type { HubError } from '../hub/errors.ts';
import {
  createEnrichers,
  type GeoIpDatabasesLike,
  geoIpHelperDeps,
  openGeoIp,
  type ReverseResolver,
} from '../parser/enrichers/index.ts';
import { loadParserSet, type ParserDocumentText, type ParserItemFile } from '../parser/index.ts';
import type { PipelineStages } from './detection.ts';

/** What the pipeline is built from. */
export interface PipelineContent {
  /** Grok pattern directory (the hub's `patterns/`); absent ⇒ only the built-in base patterns. */
  readonly patternsDir?: string;
  /** Data files and GeoIP databases (`GeoLite2-City.mmdb`, `GeoLite2-ASN.mmdb`). */
  readonly dataDir: string;
  readonly parsers: readonly ParserItemFile[];
  /** Parser items given as text, sorted with the files (hubtest's generated `overrides` node). */
  readonly parserDocuments?: readonly ParserDocumentText[];
  readonly postoverflows?: readonly ParserItemFile[];
  readonly scenarios: readonly ScenarioItemFile[];
  /** Alert context items (`meta` of alerts). */
  readonly contexts?: readonly ContextItemFile[];
  /**
   * Pinned "now" (acquisition time, year of year-less dates, live buckets of reprocessed
   * overflows). Default: the wall clock.
   */
  readonly now?: () => GoTime;
  /**
   * Reverse DNS of the `reverse_dns` enricher (postoverflow `crowdsecurity/rdns`). Default: no
   * lookups (every address is unknown), so that a replay is offline and repeatable.
   */
  readonly dns?: ReverseResolver;
  /**
   * GeoIP databases already opened (they are read-only, so several pipelines may share them);
   * absent ⇒ opened from `dataDir`.
   */
  readonly geoip?: GeoIpDatabasesLike | null;
  /** Time zone of dates without one (`ParseDate`); default: the process's local zone. */
  readonly local?: GoLocation;
  /** Scenarios whose alerts are simulated. */
  readonly simulated?: (scenario: string) => boolean;
  /** Memory bounds of the bucket engine. */
  readonly limits?: Partial<BucketLimits>;
  /** Overflows produced by live-mode timers (outside a pour). */
  readonly onTimerOverflow?: (overflow: Event) => void;
  /** Non-fatal problems of every stage. */
  readonly onWarning?: (message: string) => void;
}

/** Loaded stages, or what prevented loading them. */
export interface LoadedPipeline {
  readonly stages: PipelineStages;
  /** Load errors of all stages (file:line each); an item with an error is left out. */
  readonly errors: HubError[];
  /** Stops the bucket engine's timers. */
  shutdown(): void;
}

const NO_DNS: ReverseResolver = Object.freeze({ reverseFromCacheOrSchedule: () => null });

/** Loads every stage of `content`. Never throws for content problems (they are in `errors`). */
export function loadPipeline(content: PipelineContent): LoadedPipeline {
  const warn = content.onWarning ?? (() => {});
  const logger: HelperLogger = {
    debug() {},
    info() {},
    warn: (m) => warn(m),
    error: (m) => warn(m),
  };
  const nowMs = content.now ? () => (content.now as () => GoTime)().UnixMilli() : undefined;
  const dataFiles = new DataFileStore({ dataDir: content.dataDir, logger, ...(nowMs ? { now: nowMs } : {}) });
  const stash = new MemoryStash({ logger, ...(nowMs ? { now: nowMs } : {}) });
  const geoip =
    content.geoip !== undefined ? content.geoip : openGeoIp({ dataDir: content.dataDir, onWarning: warn });
  const helperDeps = {
    logger,
    dataFiles,
    stash,
    geoip: geoIpHelperDeps(geoip),
    ...(nowMs ? { now: nowMs } : {}),
  };
  const enrichers = createEnrichers({
    dataDir: content.dataDir,
    geoip,
    now: content.now,
    local: content.local,
    dns: content.dns ?? NO_DNS,
    onWarning: warn,
  });
  const common = {
    patternsDir: content.patternsDir,
    dataDir: content.dataDir,
    helperDeps,
    enrichers,
    onWarning: warn,
    ...(content.now ? { now: content.now } : {}),
  };
  const parsers = loadParserSet({
    kind: 'parsers',
    items: content.parsers,
    extraDocuments: content.parserDocuments,
    ...common,
  });
  const postoverflowItems = content.postoverflows ?? [];
  const postoverflows = loadParserSet({
    kind: 'postoverflows',
    items: postoverflowItems,
    ...common,
    // Without items no node uses grok: loading the pattern files again would only cost time.
    patternsDir: postoverflowItems.length > 0 ? content.patternsDir : undefined,
  });
  const scenarios = loadScenarioSet({
    items: content.scenarios,
    dataDir: content.dataDir,
    helperDeps,
    contexts: content.contexts ?? [],
    clock: content.now ? pinnedClock(content.now) : systemClock,
    limits: content.limits,
    simulated: content.simulated,
    onOverflow: content.onTimerOverflow,
    onWarning: warn,
  });
  const output = new OverflowOutput(postoverflows.set.stages.length > 0 ? postoverflows.set : null);
  return {
    stages: { parsers: parsers.set, scenarios: scenarios.set, output },
    errors: [...parsers.errors, ...postoverflows.errors, ...scenarios.errors],
    shutdown: () => scenarios.set.shutdown(),
  };
}

/** The system timers with a pinned "now". */
function pinnedClock(now: () => GoTime): Clock {
  return { now, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
}

/** `<hubDir>/patterns` when it is a directory. */
export function hubPatternsDir(hubDir: string): string | undefined {
  const dir = join(hubDir, 'patterns');
  try {
    return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}
