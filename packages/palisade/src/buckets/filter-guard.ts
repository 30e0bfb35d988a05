/**
 * A cheap pre-check of scenario filters, provably equivalent to evaluating them when it says "no".
 *
 * Most hub filters start with a test of one string field of the event, e.g.
 * `evt.Meta.log_type == 'ssh_failed-auth' && …` or `evt.Meta.service in ['http', 'tcp'] && …`.
 * When the leftmost conjunct of a filter is such a test and it is false, expr-lang's short-circuit
 * makes the whole filter false without evaluating anything else: no error, no side effect. The
 * guard extracts that test (a field of a `map[string]string` of the event, and the set of string
 * literals it must equal), so that the engine can skip the scenario with one set lookup per
 * event and field instead of running the filter. Anything else yields no guard.
 */
import type { Event } from '../event/index.ts';
import type { Node } from '../expr/ast/nodes.ts';
import { parse } from '../expr/parser/parser.ts';

/** Maps of the event whose values are strings (a missing key reads as ''). */
const STRING_MAPS = new Set(['Meta', 'Parsed', 'Enriched']);

/** The field a guard tests: `Meta.log_type`, `Line.Labels.type`, … */
export interface GuardField {
  /** Path of the map from the event (`['Meta']`, `['Line', 'Labels']`). */
  readonly map: readonly string[];
  readonly key: string;
}

/** A filter guard: the filter is false whenever the field's value is not in `values`. */
export interface FilterGuard {
  readonly field: GuardField;
  readonly values: ReadonlySet<string>;
}

/** The guard of a filter, or null when its leftmost conjunct is not a plain field test. */
export function guardOf(source: string, functionNames: ReadonlySet<string>): FilterGuard | null {
  let ast: Node;
  try {
    ast = parse(source, { overrides: functionNames });
  } catch {
    return null;
  }
  return guardOfNode(ast);
}

function guardOfNode(node: Node): FilterGuard | null {
  // `if C { A } else { false }` and `C ? A : false`: false whenever C is.
  if (node.kind === 'ConditionalNode') {
    return node.exp2.kind === 'BoolNode' && node.exp2.value === false ? guardOfNode(node.cond) : null;
  }
  if (node.kind !== 'BinaryNode') return null;
  const op = node.operator;
  if (op === '&&' || op === 'and') return guardOfNode(node.left);
  if (op === '||' || op === 'or') {
    const l = guardOfNode(node.left);
    const r = guardOfNode(node.right);
    if (l === null || r === null || fieldName(l.field) !== fieldName(r.field)) return null;
    return { field: l.field, values: new Set([...l.values, ...r.values]) };
  }
  if (op === '==') {
    const lf = fieldOf(node.left);
    if (lf !== null && node.right.kind === 'StringNode')
      return { field: lf, values: new Set([node.right.value]) };
    const rf = fieldOf(node.right);
    if (rf !== null && node.left.kind === 'StringNode')
      return { field: rf, values: new Set([node.left.value]) };
    return null;
  }
  if (op === 'in') {
    const f = fieldOf(node.left);
    if (f === null || node.right.kind !== 'ArrayNode') return null;
    const values = new Set<string>();
    for (const item of node.right.nodes) {
      if (item.kind !== 'StringNode') return null;
      values.add(item.value);
    }
    return { field: f, values };
  }
  return null;
}

/** `evt.<Map>.<key>`, `evt.<Map>['key']` or `evt.Line.Labels.<key>`, without `?.`. */
function fieldOf(node: Node): GuardField | null {
  if (node.kind !== 'MemberNode' || node.optional || node.method) return null;
  if (node.property.kind !== 'StringNode') return null;
  const key = node.property.value;
  const path = mapPath(node.node);
  if (path === null) return null;
  return { map: path, key };
}

function mapPath(node: Node): string[] | null {
  if (node.kind !== 'MemberNode' || node.optional || node.method || node.property.kind !== 'StringNode')
    return null;
  const name = node.property.value;
  const base = node.node;
  if (base.kind === 'IdentifierNode' && base.value === 'evt') return STRING_MAPS.has(name) ? [name] : null;
  if (name !== 'Labels' || base.kind !== 'MemberNode' || base.optional || base.method) return null;
  if (base.property.kind !== 'StringNode' || base.property.value !== 'Line') return null;
  const root = base.node;
  return root.kind === 'IdentifierNode' && root.value === 'evt' ? ['Line', 'Labels'] : null;
}

/** A stable name of a field (`Meta.log_type`). */
export function fieldName(f: GuardField): string {
  return `${f.map.join('.')}\u0000${f.key}`;
}

/**
 * Reads a guarded field the way the compiled filter does: a missing key or a nil map reads as ''.
 * Null when a struct on the way is nil (the filter would fail: it must then really run).
 */
export function readField(evt: Event, f: GuardField): string | null {
  let m: unknown = evt;
  const last = f.map.length - 1;
  for (let i = 0; i <= last; i++) {
    m = (m as Record<string, unknown>)[f.map[i] as string];
    if (m == null) return i === last ? '' : null;
  }
  const v = (m as Record<string, unknown>)[f.key];
  return typeof v === 'string' ? v : '';
}
