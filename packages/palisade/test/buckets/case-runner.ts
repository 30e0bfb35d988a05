/**
 * Runs one data-driven bucket case (test/buckets/testdata/<case>/):
 *   scenarios/<file>.yaml   scenario items (item name `test/<file>`), loaded in name order
 *   contexts/<file>.yaml    optional alert-context items
 *   data/                   optional data files
 *   case.yaml               the events and the overflows they must give (see CaseFile)
 * Overflows with `Reprocess` are poured again after the event that produced them, like the agent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { type BucketLimits, loadScenarioSet } from '../../src/buckets/index.ts';
import type { Event } from '../../src/event/index.ts';
import { logEvent } from './harness.ts';

/** One expected overflow. */
export interface CaseOverflow {
  /** Index of the input event whose pour produced it. */
  at: number;
  scenario: string;
  sources?: string[];
  events_count?: number;
  message?: string;
  /** Dotted paths on the overflow event (`Overflow.Alert.Source.Range`) → value. */
  fields?: Record<string, unknown>;
}

/** `case.yaml`. */
export interface CaseFile {
  limits?: Partial<BucketLimits>;
  /** Substrings expected in the load errors, in order. */
  errors?: string[];
  events: { time?: string; meta?: Record<string, string>; enriched?: Record<string, string> }[];
  overflows: CaseOverflow[];
}

function list(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
    : [];
}

/** Problems found while running the case in `dir` (empty when it passed). */
export function runCase(dir: string): string[] {
  const spec = parseYaml(readFileSync(join(dir, 'case.yaml'), 'utf8')) as CaseFile;
  const item = (kind: string) => (file: string) => ({
    name: `test/${file.replace(/\.yaml$/, '')}`,
    path: `${kind}/test/${file}`,
    absPath: join(dir, kind, file),
  });
  const { set, errors } = loadScenarioSet({
    items: list(join(dir, 'scenarios')).map(item('scenarios')),
    contexts: list(join(dir, 'contexts')).map(item('contexts')),
    dataDir: join(dir, 'data'),
    limits: spec.limits,
  });
  const problems: string[] = [];
  const errorText = errors.map((e) => e.format());
  const wanted = spec.errors ?? [];
  if (errorText.length !== wanted.length || wanted.some((w, i) => !errorText[i]?.includes(w)))
    problems.push(`load errors: ${JSON.stringify(errorText)}, expected ${JSON.stringify(wanted)}`);

  const got: { at: number; evt: Event }[] = [];
  spec.events.forEach((e, at) => {
    const queue: Event[] = [logEvent(e)];
    while (queue.length > 0) {
      for (const o of set.pour(queue.shift() as Event)) {
        got.push({ at, evt: o });
        if (o.Overflow.Reprocess) queue.push(o);
      }
    }
  });
  set.shutdown();
  if (got.length !== spec.overflows.length) {
    const summary = got.map((g) => `${g.at}:${g.evt.Overflow.Alert?.Scenario}`);
    problems.push(`${got.length} overflows (${summary.join(' ')}), expected ${spec.overflows.length}`);
  }
  spec.overflows.forEach((want, i) => {
    const g = got[i];
    if (g === undefined) return;
    const alert = g.evt.Overflow.Alert;
    const check = (what: string, actual: unknown, expected: unknown) => {
      if (expected !== undefined && !isDeepStrictEqual(actual, expected))
        problems.push(
          `overflow ${i} ${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
        );
    };
    check('at', g.at, want.at);
    check('scenario', alert?.Scenario, want.scenario);
    check('sources', g.evt.Overflow.GetSources(), want.sources);
    check('events_count', alert?.EventsCount, want.events_count);
    check('message', alert?.Message, want.message);
    for (const [path, value] of Object.entries(want.fields ?? {})) check(path, dig(g.evt, path), value);
  });
  return problems;
}

function dig(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
