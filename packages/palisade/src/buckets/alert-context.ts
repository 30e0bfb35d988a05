/**
 * Alert context (hub-compat §2.7 `meta`): the `contexts/` items map keys to expressions; at
 * overflow each expression is evaluated on every queued event and the distinct non-empty results
 * of a key become one meta item, a JSON list truncated to 4000 bytes.
 */
import { readFileSync } from 'node:fs';
import { ENV_CONTEXT, type Event, type MetaItem, newMap } from '../event/index.ts';
import { goJsonString } from '../expr/helpers/go-json.ts';
import type { ExprFunction, Program } from '../expr/index.ts';
import { formatValue } from '../expr/values/format.ts';
import { readContextDocument } from '../hub/context-item.ts';
import { Decoder } from '../hub/decode.ts';
import { HubError } from '../hub/errors.ts';
import { byteCompare } from '../hub/layout.ts';
import { YamlSource } from '../hub/yaml-source.ts';
import type { ContextItemFile } from './api.ts';
import { compileSite } from './compile-expr.ts';

/** Maximum length (bytes) of one context value (CrowdSec `MaxContextValueLen`). */
export const MAX_CONTEXT_VALUE_LEN = 4000;

/** How a context expression's result becomes strings (by its static type, as Go's type switch). */
type ResultKind = 'string' | 'strings' | 'int' | 'ints' | 'other';

interface ContextProgram {
  readonly program: Program;
  readonly kind: ResultKind;
}

/** Compiled context: key → programs, keys sorted. */
export class AlertContext {
  readonly #keys: readonly string[];
  readonly #programs: ReadonlyMap<string, readonly ContextProgram[]>;
  /** Run-time evaluation errors. */
  errors = 0;

  constructor(programs: Map<string, ContextProgram[]>) {
    this.#programs = programs;
    this.#keys = [...programs.keys()].sort(byteCompare);
  }

  /** True when no context is configured (alerts then have no meta). */
  get empty(): boolean {
    return this.#keys.length === 0;
  }

  /** The meta items of an alert built from `events`. */
  evaluate(events: readonly Event[]): MetaItem[] {
    if (this.#keys.length === 0) return [];
    const values = new Map<string, string[]>();
    const vars: Record<string, unknown> = { evt: null, match: newMap(), req: EMPTY_REQUEST };
    for (const evt of events) {
      vars.evt = evt;
      for (const key of this.#keys) {
        let list = values.get(key);
        if (list === undefined) values.set(key, (list = []));
        for (const p of this.#programs.get(key) as readonly ContextProgram[]) {
          let out: unknown;
          try {
            out = p.program.run(vars);
          } catch {
            this.errors++;
            continue;
          }
          for (const v of toStrings(out, p.kind)) if (v !== '' && !list.includes(v)) list.push(v);
        }
      }
    }
    const metas: MetaItem[] = [];
    for (const key of this.#keys) {
      const list = values.get(key);
      if (list === undefined || list.length === 0) continue;
      metas.push({ Key: key, Value: truncateContext(list, MAX_CONTEXT_VALUE_LEN) });
    }
    return metas;
  }
}

const EMPTY_REQUEST = Object.freeze({});

function toStrings(out: unknown, kind: ResultKind): string[] {
  switch (kind) {
    case 'string':
      return typeof out === 'string' ? [out] : [formatValue(out)];
    case 'strings':
    case 'ints':
      return Array.isArray(out) ? out.map((v) => (typeof v === 'string' ? v : formatValue(v))) : [];
    case 'int':
      return [formatValue(out)];
    default:
      if (typeof out === 'string') return [out];
      return [formatValue(out)];
  }
}

/** Go `TruncateContext`: drop trailing values, then halve the last one, until the JSON fits. */
export function truncateContext(values: readonly string[], maxLen: number): string {
  let list = [...values];
  let json = jsonList(list);
  while (Buffer.byteLength(json) > maxLen) {
    if (list.length === 1) {
      // Go halves the byte length; a cut UTF-8 sequence becomes U+FFFD when encoded.
      const bytes = Buffer.from(list[0] as string);
      list = [`${bytes.subarray(0, Math.floor(bytes.length / 2)).toString()}...`];
    } else list = list.slice(0, -1);
    json = jsonList(list);
  }
  return json;
}

/** Go `json.Marshal` of a []string (HTML-safe escaping). */
function jsonList(list: readonly string[]): string {
  return `[${list.map(goJsonString).join(',')}]`;
}

function kindOf(program: Program): ResultKind {
  const t = program.type;
  if (t.kind === 'string') return 'string';
  if (t.kind === 'int') return 'int';
  if (t.kind === 'array' && t.elem.kind === 'string') return 'strings';
  if (t.kind === 'array' && t.elem.kind === 'int') return 'ints';
  return 'other';
}

/**
 * Loads context items: keys merged over items (expressions appended, duplicates ignored). A bad
 * item is reported and skipped.
 */
export function loadAlertContext(
  items: readonly ContextItemFile[],
  functions: readonly ExprFunction[],
  errors: HubError[],
): AlertContext {
  const programs = new Map<string, ContextProgram[]>();
  const sources = new Map<string, Set<string>>();
  for (const item of [...items].sort((a, b) => byteCompare(a.name, b.name) || byteCompare(a.path, b.path))) {
    let text: string;
    try {
      text = readFileSync(item.absPath, 'utf8');
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? String(err);
      errors.push(new HubError({ file: item.path, line: 0, column: 0 }, `cannot read file: ${reason}`));
      continue;
    }
    const { source, errors: yamlErrors } = YamlSource.parse(item.path, text);
    if (yamlErrors.length > 0) {
      errors.push(...yamlErrors);
      continue;
    }
    const dec = new Decoder(source);
    const sites = readContextDocument(dec, source.documents[0]?.root ?? null, item.name);
    if (dec.errors.length > 0) {
      errors.push(...dec.errors);
      continue;
    }
    const compiled: { key: string; source: string; program: Program }[] = [];
    try {
      for (const site of sites) {
        const key = site.path.slice('context.'.length).replace(/\[\d+\]$/, '');
        compiled.push({ key, source: site.source, program: compileSite(site, ENV_CONTEXT, functions) });
      }
    } catch (err) {
      errors.push(err as HubError);
      continue;
    }
    for (const c of compiled) {
      let seen = sources.get(c.key);
      if (seen === undefined) sources.set(c.key, (seen = new Set()));
      if (seen.has(c.source)) continue;
      seen.add(c.source);
      let list = programs.get(c.key);
      if (list === undefined) programs.set(c.key, (list = []));
      list.push({ program: c.program, kind: kindOf(c.program) });
    }
  }
  return new AlertContext(programs);
}
