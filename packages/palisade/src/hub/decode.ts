/**
 * Strict decoding of YAML nodes into the shapes CrowdSec declares, with yaml.v2's rules:
 * an unknown key of a struct is an error, a scalar decodes into a string field from its source
 * text (so `filter: true` is the string "true"), `null` leaves the zero value, and a mapping or
 * sequence where a scalar is expected is an error. Errors are collected, never thrown, so one
 * bad value does not hide the others.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { HubError, type SourceLocation } from './errors.ts';
import type { YamlSource } from './yaml-source.ts';

/** A decoded key of a struct: its value node and where the key is. */
export interface Field {
  readonly key: string;
  readonly keyAt: SourceLocation;
  readonly value: Node | null;
}

/** Collects the errors of one file while decoding its nodes. */
export class Decoder {
  readonly source: YamlSource;
  readonly errors: HubError[] = [];

  constructor(source: YamlSource) {
    this.source = source;
  }

  /** Records an error at `node` (or at the given location). */
  fail(at: Node | SourceLocation | null | undefined, message: string): void {
    const where = at && 'file' in at ? at : this.source.at(at as Node | null | undefined);
    this.errors.push(new HubError(where, message));
  }

  /**
   * Decodes a mapping as a struct whose YAML keys are `allowed`. Unknown keys are errors naming
   * the key and `what` (e.g. "parser node"). Returns the known keys in file order; `null` input
   * yields an empty struct; a non-mapping is an error.
   */
  struct(node: Node | null, allowed: ReadonlySet<string>, what: string): Map<string, Field> {
    const out = new Map<string, Field>();
    if (node === null || isNull(node)) return out;
    if (!isMap(node)) {
      this.fail(node, `${what}: expected a mapping, found ${describe(node)}`);
      return out;
    }
    for (const pair of (node as YAMLMap).items as Pair<Node | null, Node | null>[]) {
      const keyNode = pair.key;
      const key = isScalar(keyNode) ? String(keyNode.source ?? keyNode.value) : '';
      const keyAt = this.source.at(keyNode);
      if (!allowed.has(key)) {
        this.fail(keyAt, `unknown key "${key}" in ${what}`);
        continue;
      }
      out.set(key, { key, keyAt, value: pair.value ?? null });
    }
    return out;
  }

  /** A string field: any scalar's text; `''` for null or absent; error for collections. */
  string(field: Field | undefined): string {
    if (!field || field.value === null || isNull(field.value)) return '';
    const v = field.value;
    if (isScalar(v)) return scalarText(v);
    this.fail(v, `field "${field.key}": cannot decode ${describe(v)} into a string`);
    return '';
  }

  /** A bool field (YAML 1.1 booleans); false for null or absent. */
  bool(field: Field | undefined): boolean {
    if (!field || field.value === null || isNull(field.value)) return false;
    const v = field.value;
    if (isScalar(v) && typeof v.value === 'boolean') return v.value;
    this.fail(v, `field "${field.key}": cannot decode ${describe(v)} into a bool`);
    return false;
  }

  /** An integer field; 0 for null or absent. */
  int(field: Field | undefined): number {
    if (!field || field.value === null || isNull(field.value)) return 0;
    const v = field.value;
    if (isScalar(v) && typeof v.value === 'number' && Number.isInteger(v.value)) return v.value;
    this.fail(v, `field "${field.key}": cannot decode ${describe(v)} into an int`);
    return 0;
  }

  /** A float field; 0 for null or absent. */
  float(field: Field | undefined): number {
    if (!field || field.value === null || isNull(field.value)) return 0;
    const v = field.value;
    if (isScalar(v) && typeof v.value === 'number') return v.value;
    this.fail(v, `field "${field.key}": cannot decode ${describe(v)} into a float`);
    return 0;
  }

  /** A sequence field: its item nodes; `[]` for null or absent; error for anything else. */
  list(field: Field | undefined): (Node | null)[] {
    if (!field || field.value === null || isNull(field.value)) return [];
    const v = field.value;
    if (isSeq(v)) return (v as YAMLSeq<Node | null>).items;
    this.fail(v, `field "${field.key}": cannot decode ${describe(v)} into a list`);
    return [];
  }

  /** A `[]string` field: the item scalars (collections inside are errors). */
  stringList(field: Field | undefined): { text: string; node: Node }[] {
    const out: { text: string; node: Node }[] = [];
    for (const item of this.list(field)) {
      if (item === null || isNull(item)) continue;
      if (isScalar(item)) out.push({ text: scalarText(item), node: item });
      else this.fail(item, `field "${field!.key}": cannot decode ${describe(item)} into a string`);
    }
    return out;
  }

  /**
   * An ordered mapping of string → any (`yaml.MapSlice`, `map[string]any`): its entries in file
   * order; error when the node is not a mapping.
   */
  entries(field: Field | undefined): { key: string; keyNode: Node | null; value: Node | null }[] {
    if (!field || field.value === null || isNull(field.value)) return [];
    const v = field.value;
    if (!isMap(v)) {
      this.fail(v, `field "${field.key}": cannot decode ${describe(v)} into a mapping`);
      return [];
    }
    return ((v as YAMLMap).items as Pair<Node | null, Node | null>[]).map((p) => ({
      key: isScalar(p.key) ? String(p.key.source ?? p.key.value) : '',
      keyNode: p.key,
      value: p.value ?? null,
    }));
  }
}

/** The text a scalar decodes to in a Go string field. */
export function scalarText(s: Scalar): string {
  if (typeof s.value === 'string') return s.value;
  if (s.value === null) return '';
  return s.source ?? String(s.value);
}

function isNull(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

function describe(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node))
    return `the ${typeof node.value === 'string' ? 'string' : 'scalar'} "${scalarText(node)}"`;
  return 'an alias';
}
