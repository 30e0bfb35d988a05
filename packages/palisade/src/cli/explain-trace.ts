/**
 * What `palisade explain` records while one event goes through the parsers: for each top-level
 * node that ran, its success and what it changed in the event (a diff of the fields parsers
 * write between the snapshot before and after the node), plus the engine's finer details.
 */
import type { Event } from '../event/index.ts';
import { formatValue } from '../expr/values/format.ts';
import { byteCompare } from '../hub/layout.ts';
import { cloneEvent, type ParseTrace } from '../parser/index.ts';

/** One change of one field: added, changed or removed. */
export interface FieldChange {
  readonly op: '+' | '~' | '-';
  /** `Parsed.program`, `Unmarshaled.a.b`, `StrTime`, `Whitelisted`… */
  readonly field: string;
  /** The new value (the old one for a removal). */
  readonly value: string;
  /** The old value of a change. */
  readonly old?: string;
}

/** A detail reported by the engine inside a node (`grok … did not match`, `filter is false`). */
export interface TraceDetail {
  /** Node path from the top-level node name down; empty for stage-level events. */
  readonly path: readonly string[];
  readonly what: string;
}

/** One top-level node that ran. */
export interface NodeStep {
  readonly stage: string;
  readonly node: string;
  readonly success: boolean;
  readonly changes: readonly FieldChange[];
  readonly details: readonly TraceDetail[];
}

/** Everything explain knows about one line. */
export interface LineExplanation {
  /** 1-based number of the event in the input. */
  readonly index: number;
  readonly raw: string;
  readonly steps: readonly NodeStep[];
  /** Details reported after the last node (a parse aborted by a static). */
  readonly trailing: readonly TraceDetail[];
  /** `evt.Process` after parsing. */
  readonly parsed: boolean;
  /** The stage the event was in at the end (where it stopped when not parsed). */
  readonly finalStage: string;
  readonly whitelisted: boolean;
  readonly whitelistReason: string;
}

/** The `parse` of a ParserSet (kept structural so that tests can drive the collector). */
export type ParseFunction = (evt: Event, trace: ParseTrace) => boolean;

/** Runs `parse` on `evt` (in place) and collects its explanation. */
export function explainEvent(parse: ParseFunction, evt: Event, index: number): LineExplanation {
  const collector = new StepCollector(evt);
  const parsed = parse(evt, collector);
  return {
    index,
    raw: evt.Line.Raw,
    steps: collector.steps,
    trailing: collector.takePending(),
    parsed,
    finalStage: evt.Stage,
    whitelisted: evt.Whitelisted,
    whitelistReason: evt.WhitelistReason,
  };
}

/** A ParseTrace that keeps one snapshot (the previous node's) and the diffs. */
export class StepCollector implements ParseTrace {
  readonly steps: NodeStep[] = [];
  #before: Event;
  #pending: TraceDetail[] = [];

  constructor(start: Event) {
    this.#before = cloneEvent(start);
  }

  node(stage: string, nodeName: string, evt: Event, success: boolean): void {
    const after = cloneEvent(evt);
    this.steps.push({
      stage,
      node: nodeName,
      success,
      changes: diffEvents(this.#before, after),
      details: this.takePending(),
    });
    this.#before = after;
  }

  detail(_stage: string, path: readonly string[], what: string): void {
    // Details arrive while a node runs, before its `node` call: they belong to the next step.
    this.#pending.push({ path: [...path], what });
  }

  /** The details not yet attached to a step (and forgets them). */
  takePending(): TraceDetail[] {
    const out = this.#pending;
    this.#pending = [];
    return out;
  }
}

/**
 * What changed from `before` to `after` in the fields parsers write: Parsed, Meta, Enriched,
 * Unmarshaled (flattened to dotted paths), StrTime, StrTimeFormat, MarshaledTime, Whitelisted,
 * WhitelistReason. Map keys in byte order. `Stage` and `Time` are left out: the engine sets them
 * before the first node, and the stage moves are reported as details.
 */
export function diffEvents(before: Event, after: Event): FieldChange[] {
  const out: FieldChange[] = [];
  diffMaps('Parsed', before.Parsed, after.Parsed, out);
  diffMaps('Meta', before.Meta, after.Meta, out);
  diffMaps('Enriched', before.Enriched, after.Enriched, out);
  diffMaps('Unmarshaled', flatten(before.Unmarshaled), flatten(after.Unmarshaled), out);
  diffScalar('StrTime', before.StrTime, after.StrTime, out);
  diffScalar('StrTimeFormat', before.StrTimeFormat, after.StrTimeFormat, out);
  diffScalar('MarshaledTime', before.MarshaledTime, after.MarshaledTime, out);
  diffScalar('Whitelisted', String(before.Whitelisted), String(after.Whitelisted), out);
  diffScalar('WhitelistReason', before.WhitelistReason, after.WhitelistReason, out);
  return out;
}

function diffMaps(
  name: string,
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
  out: FieldChange[],
): void {
  const b = before ?? {};
  const a = after ?? {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  for (const key of [...keys].sort(byteCompare)) {
    const had = Object.hasOwn(b, key);
    const has = Object.hasOwn(a, key);
    const field = `${name}.${key}`;
    if (!had) out.push({ op: '+', field, value: show(a[key]) });
    else if (!has) out.push({ op: '-', field, value: show(b[key]) });
    else {
      const was = show(b[key]);
      const now = show(a[key]);
      if (was !== now) out.push({ op: '~', field, value: now, old: was });
    }
  }
}

function diffScalar(field: string, before: string, after: string, out: FieldChange[]): void {
  if (before === after) return;
  if (before === '' || (field === 'Whitelisted' && before === 'false'))
    out.push({ op: '+', field, value: after });
  else if (after === '') out.push({ op: '-', field, value: before });
  else out.push({ op: '~', field, value: after, old: before });
}

/** Nested maps up to this depth are flattened; deeper values print as one Go `%v`. */
const MAX_FLATTEN_DEPTH = 6;

function flatten(m: Readonly<Record<string, unknown>> | null): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  const walk = (prefix: string, v: Readonly<Record<string, unknown>>, depth: number) => {
    for (const k of Object.keys(v)) {
      const value = v[k];
      const key = prefix === '' ? k : `${prefix}.${k}`;
      if (isPlainMap(value) && depth < MAX_FLATTEN_DEPTH && Object.keys(value).length > 0) {
        walk(key, value, depth + 1);
      } else out[key] = value;
    }
  };
  if (m) walk('', m, 0);
  return out;
}

function isPlainMap(v: unknown): v is Readonly<Record<string, unknown>> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : formatValue(v);
}
