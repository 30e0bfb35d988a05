/**
 * Test helpers for the bucket engine: load scenarios written inline (into a temporary directory)
 * and build events the way parsers leave them (Meta, Enriched, MarshaledTime, time-machine mode).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ContextItemFile,
  loadScenarioSet,
  type ScenarioSet,
  type ScenarioSetOptions,
} from '../../src/buckets/index.ts';
import { type Event, newEvent } from '../../src/event/index.ts';
import { RFC3339 } from '../../src/expr/values/time-layout.ts';
import { parseTime } from '../../src/expr/values/time-parse.ts';
import type { HubError } from '../../src/hub/errors.ts';

/** A loaded set with what loading reported. */
export interface Loaded {
  readonly set: ScenarioSet;
  readonly errors: HubError[];
  readonly warnings: string[];
  readonly dir: string;
}

/** Loads `yaml` (one item file, possibly several documents) named `test/<name>`. */
export function loadInline(
  yaml: string,
  options: Partial<ScenarioSetOptions> & { contextYaml?: string; name?: string; version?: string } = {},
): Loaded {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-buckets-'));
  const name = options.name ?? 'scenario';
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  const contexts: ContextItemFile[] = [];
  if (options.contextYaml !== undefined) {
    const ctx = join(dir, 'context.yaml');
    writeFileSync(ctx, options.contextYaml);
    contexts.push({ path: 'contexts/test/context.yaml', absPath: ctx, name: 'test/context' });
  }
  const warnings: string[] = [];
  const { set, errors } = loadScenarioSet({
    dataDir: dir,
    onWarning: (m) => warnings.push(m),
    contexts,
    ...options,
    items: options.items ?? [
      {
        path: `scenarios/test/${name}.yaml`,
        absPath: file,
        name: `test/${name}`,
        version: options.version,
      },
    ],
  });
  return { set, errors, warnings, dir };
}

/** What an input event carries. */
export interface EventSpec {
  /** RFC 3339 log time (MarshaledTime); absent ⇒ none. */
  time?: string;
  meta?: Record<string, string>;
  enriched?: Record<string, string>;
  /** Live mode instead of time-machine. */
  live?: boolean;
  /** `evt.Time` (RFC 3339); default: `time`, else a fixed acquisition time (2026-06-01). */
  evtTime?: string;
}

const ACQUISITION_TIME = '2026-06-01T00:00:00Z';

/** A parsed log event. */
export function logEvent(spec: EventSpec): Event {
  const e = newEvent({ timeMachine: !spec.live, process: true });
  for (const [k, v] of Object.entries(spec.meta ?? {})) e.Meta[k] = v;
  for (const [k, v] of Object.entries(spec.enriched ?? {})) e.Enriched[k] = v;
  if (spec.time !== undefined) e.MarshaledTime = spec.time;
  // Parsers always set evt.Time (an alert event needs a timestamp).
  e.Time = parseTime(RFC3339, spec.evtTime ?? spec.time ?? ACQUISITION_TIME);
  return e;
}

/** Pours every event, returning the overflows with the index of the pour that produced them. */
export function pourAll(set: ScenarioSet, events: readonly Event[]): { at: number; evt: Event }[] {
  const out: { at: number; evt: Event }[] = [];
  events.forEach((e, at) => {
    for (const evt of set.pour(e)) out.push({ at, evt });
  });
  return out;
}

/** `2026-01-01T10:MM:SSZ` from seconds after 10:00:00. */
export function at(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `2026-01-01T${pad(10 + Math.floor(m / 60))}:${pad(m % 60)}:${pad(s)}Z`;
}

/** A source-ip event at `seconds` after 10:00:00. */
export function ipEvent(ip: string, seconds: number, meta: Record<string, string> = {}): Event {
  return logEvent({ time: at(seconds), meta: { log_type: 'test', source_ip: ip, ...meta } });
}
