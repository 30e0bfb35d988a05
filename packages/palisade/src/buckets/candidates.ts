/**
 * Which scenarios an event may enter: an index over the filter guards (filter-guard.ts). For each
 * guarded field, value → scenarios whose guard accepts it; scenarios without guard are always
 * candidates. The candidates of an event are the union, in pour order. Skipping the others is
 * equivalent to evaluating their filters to false (see filter-guard.ts), as long as nothing
 * modifies the event meanwhile: the caller re-checks guards one by one after a scenario that may.
 */
import type { Event } from '../event/index.ts';
import type { ScenarioFactory } from './factory.ts';
import { fieldName, type GuardField, readField } from './filter-guard.ts';

/** Distinct tuples of field values remembered (values come from logs: keep the cache bounded). */
const CACHE_LIMIT = 4096;

interface FieldIndex {
  readonly field: GuardField;
  readonly byValue: Map<string, number[]>;
  /** Every scenario guarded by this field (when it cannot be read). */
  readonly all: number[];
}

/**
 * The cache of candidate lists: a tree with one level per guarded field, keyed by the field's
 * value (null: unreadable), so that a lookup costs one Map probe per field and builds no key.
 */
interface CacheNode {
  readonly next: Map<string | null, CacheNode>;
  result: Int32Array | undefined;
}

function newNode(): CacheNode {
  return { next: new Map(), result: undefined };
}

/** The candidate index of a scenario list. */
export class CandidateIndex {
  readonly #fields: FieldIndex[] = [];
  readonly #unguarded: number[] = [];
  #cache: CacheNode = newNode();
  #cached = 0;
  readonly #values: (string | null)[];

  constructor(factories: readonly ScenarioFactory[]) {
    const byName = new Map<string, FieldIndex>();
    factories.forEach((f, i) => {
      if (f.guard === null) {
        this.#unguarded.push(i);
        return;
      }
      const name = fieldName(f.guard.field);
      let fi = byName.get(name);
      if (fi === undefined) {
        fi = { field: f.guard.field, byValue: new Map(), all: [] };
        byName.set(name, fi);
        this.#fields.push(fi);
      }
      fi.all.push(i);
      for (const v of f.guard.values) {
        let list = fi.byValue.get(v);
        if (list === undefined) fi.byValue.set(v, (list = []));
        list.push(i);
      }
    });
    this.#values = new Array(this.#fields.length).fill(null);
  }

  /** Indexes (ascending) of the scenarios whose filter may accept `evt`. */
  candidates(evt: Event): Int32Array {
    const fields = this.#fields;
    const values = this.#values;
    let node: CacheNode | undefined = this.#cache;
    for (let i = 0; i < fields.length; i++) {
      const v = readField(evt, (fields[i] as FieldIndex).field);
      values[i] = v;
      if (node !== undefined) node = node.next.get(v);
    }
    if (node?.result !== undefined) return node.result;
    const lists: number[][] = [this.#unguarded];
    for (let i = 0; i < fields.length; i++) {
      const fi = fields[i] as FieldIndex;
      const v = values[i] as string | null;
      const list = v === null ? fi.all : fi.byValue.get(v);
      if (list !== undefined) lists.push(list);
    }
    const merged = Int32Array.from(new Set(lists.flat())).sort();
    this.#remember(merged);
    return merged;
  }

  #remember(merged: Int32Array): void {
    if (this.#cached >= CACHE_LIMIT) {
      this.#cache = newNode();
      this.#cached = 0;
    }
    let node = this.#cache;
    for (const v of this.#values) {
      let child = node.next.get(v);
      if (child === undefined) {
        child = newNode();
        node.next.set(v, child);
      }
      node = child;
    }
    node.result = merged;
    this.#cached++;
  }
}
