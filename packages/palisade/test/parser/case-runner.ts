/**
 * Runs one data-driven parser case (test/parser/testdata/<case>/):
 *   <kind>/<stage>/<file>.yaml   the nodes (kind = parsers or postoverflows)
 *   patterns/                    optional grok pattern files
 *   data/                        optional data files (`data:` entries)
 *   case.yaml                    the events and what each must give (see CaseFile)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Alert, AlertSource, EVENT_OVERFLOW, type Event, newEvent } from '../../src/event/index.ts';
import { type EnricherRegistry, loadParserSet, type ParserItemFile } from '../../src/parser/index.ts';

/** One input event of a case and its expectations. */
export interface CaseEvent {
  raw?: string;
  labels?: Record<string, string>;
  stage?: string;
  overflow?: boolean;
  sources?: string[];
  meta?: Record<string, string>;
  expect: {
    process?: boolean;
    /** Every top-level node evaluated: `stage/name=ok|ko`. */
    trail?: string[];
    /** Dotted paths on the event (`Meta.x`, `StrTime`, `Overflow.Alert.Source.Value`) → value. */
    fields?: Record<string, unknown>;
    /** Dotted paths that must not exist (map keys). */
    absent?: string[];
  };
}

/** `case.yaml`. */
export interface CaseFile {
  kind?: 'parsers' | 'postoverflows';
  labels?: Record<string, string>;
  /** Substrings expected in the load errors (formatted `file:line: message`), in order. */
  errors?: string[];
  /** Substrings expected among the warnings. */
  warnings?: string[];
  /** Enrichers to register: name → fixed result (test doubles). */
  enrichers?: Record<string, Record<string, string>>;
  events: CaseEvent[];
}

/** A problem found while running a case (empty when it passed). */
export function runCase(dir: string): string[] {
  const spec = parseYaml(readFileSync(join(dir, 'case.yaml'), 'utf8')) as CaseFile;
  const kind = spec.kind ?? 'parsers';
  const items: ParserItemFile[] = [];
  const kindDir = join(dir, kind);
  for (const stage of safeList(kindDir)) {
    for (const file of safeList(join(kindDir, stage))) {
      if (!file.endsWith('.yaml')) continue;
      items.push({
        stage,
        name: `test/${file.replace(/\.yaml$/, '')}`,
        path: `${kind}/${stage}/${file}`,
        absPath: join(kindDir, stage, file),
      });
    }
  }
  const warnings: string[] = [];
  const enrichers: EnricherRegistry = new Map(
    Object.entries(spec.enrichers ?? {}).map(([name, out]) => [
      name,
      (value: string) => ({ ...out, input: value }),
    ]),
  );
  const { set, errors } = loadParserSet({
    kind,
    items: items.reverse(), // any order: the loader sorts
    patternsDir: exists(join(dir, 'patterns')) ? join(dir, 'patterns') : undefined,
    dataDir: join(dir, 'data'),
    enrichers,
    onWarning: (m) => warnings.push(m),
  });
  const problems: string[] = [];
  const formatted = errors.map((e) => e.format());
  const wantErrors = spec.errors ?? [];
  if (formatted.length !== wantErrors.length || wantErrors.some((w, i) => !formatted[i]!.includes(w)))
    problems.push(`errors: got ${JSON.stringify(formatted)}, want ${JSON.stringify(wantErrors)}`);
  for (const w of spec.warnings ?? [])
    if (!warnings.some((m) => m.includes(w)))
      problems.push(`no warning containing ${JSON.stringify(w)} in ${JSON.stringify(warnings)}`);

  spec.events.forEach((input, i) => {
    const evt = makeEvent(input, spec.labels);
    const trail: string[] = [];
    const ok = set.parse(evt, {
      node: (s, n, _e, success) => trail.push(`${s}/${n}=${success ? 'ok' : 'ko'}`),
    });
    const at = `event ${i} (${input.raw ?? ''})`;
    const want = input.expect;
    if (ok !== evt.Process) problems.push(`${at}: parse returned ${ok} but Process is ${evt.Process}`);
    if (want.process !== undefined && ok !== want.process)
      problems.push(`${at}: process ${ok}, want ${want.process}`);
    if (want.trail && JSON.stringify(trail) !== JSON.stringify(want.trail))
      problems.push(`${at}: trail ${JSON.stringify(trail)}, want ${JSON.stringify(want.trail)}`);
    for (const [path, value] of Object.entries(want.fields ?? {})) {
      const got = lookup(evt, path);
      if (got.found !== true || got.value !== value)
        problems.push(
          `${at}: ${path} = ${got.found ? JSON.stringify(got.value) : '<absent>'}, want ${JSON.stringify(value)}`,
        );
    }
    for (const path of want.absent ?? []) {
      const got = lookup(evt, path);
      if (got.found) problems.push(`${at}: ${path} = ${JSON.stringify(got.value)}, want it absent`);
    }
  });
  return problems;
}

function makeEvent(input: CaseEvent, labels: Record<string, string> | undefined): Event {
  const evt = newEvent(input.overflow ? { type: EVENT_OVERFLOW } : {});
  evt.Line.Raw = input.raw ?? '';
  Object.assign(evt.Line.Labels, labels ?? {}, input.labels ?? {});
  Object.assign(evt.Meta, input.meta ?? {});
  if (input.stage) evt.Stage = input.stage;
  if (input.overflow) {
    evt.Overflow.Alert = new Alert();
    evt.Overflow.APIAlerts = [evt.Overflow.Alert];
    for (const s of input.sources ?? []) {
      const src = new AlertSource();
      src.Value = s;
      evt.Overflow.Sources[s] = src;
      if (evt.Overflow.Alert.Source.Value === '') evt.Overflow.Alert.Source.Value = s;
    }
  }
  return evt;
}

function lookup(root: unknown, path: string): { found: boolean; value?: unknown } {
  let cur: unknown = root;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return { found: false };
    cur = (cur as Record<string, unknown>)[seg];
  }
  return { found: true, value: cur };
}

function safeList(dir: string): string[] {
  return exists(dir) ? readdirSync(dir).sort() : [];
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
