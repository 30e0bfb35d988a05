import type { BinaryNode, Node } from '../ast/nodes.ts';
import type { Compiled } from '../compile/scope.ts';
import type { Frame } from '../runtime/frame.ts';
import type { Type } from '../types.ts';
import type { BuiltinCall, Closure } from './context.ts';

/**
 * A fast path for the hub's favourite way of testing a value against a data file:
 *
 *   any(File("backdoors.txt"), { evt.Parsed.file_name == # })
 *   any(File("sqli_probe_patterns.txt"), { Upper(evt.Parsed.http_args) contains Upper(#) })
 *
 * i.e. a quantifier over a list that is the same array on every evaluation (a data file or a
 * constant array), whose predicate compares, with `==`, `contains`, `startsWith` or `endsWith`,
 * a side that does not depend on the element (the probe, `H`) with a side computed from the
 * element alone (`P(#)`). Evaluated naively, `H` and `P(#)` are recomputed for every element of
 * every event. Here `P(#)` is computed once per element of the array (kept while the call site
 * sees the same array), `H` once per evaluation, and the test runs as a native string loop (a Set
 * for `==` under `any`/`none`).
 *
 * Exactness: both sides are built only from side-effect-free nodes (names, field accesses,
 * literals, operators and pure helpers), so evaluating them fewer times, in another order, is
 * invisible. The fast path only decides when every value involved is a string; anything else (an
 * error while computing a side, a non-string value) falls back to the ordinary loop, which then
 * produces exactly the result or the error it always did.
 */

/** Returned by a scan that cannot decide (the ordinary loop must run). */
export const FALLBACK = -1;

const OPERATORS = new Set(['==', 'contains', 'startsWith', 'endsWith']);

/**
 * Plans the scan of the quantifier `call` (list argument 0, predicate argument 1) whose closure
 * was compiled as `c` over elements of type `elem`. Returns a function giving the number of
 * matching elements (`needAll`: all of them counted; otherwise it may stop at the first match
 * and return 1), or FALLBACK; undefined when the call does not have the shape described above.
 */
export function planStringScan(
  call: BuiltinCall,
  c: Closure,
  elem: Type,
  needAll: boolean,
): ((f: Frame, arr: unknown[]) => number) | undefined {
  const list = call.args[0];
  const pred = call.args[1];
  if (list === undefined || pred?.kind !== 'PredicateNode') return undefined;
  if (!isInvariantList(list)) return undefined;
  const body = pred.node;
  if (body.kind !== 'BinaryNode' || !OPERATORS.has(body.operator)) return undefined;
  const functions = call.scope.unit.functions;
  const leftIsElem = elementOnly(body.left, functions);
  const rightIsElem = elementOnly(body.right, functions);
  let probeNode: Node;
  let elemNode: Node;
  if (rightIsElem && probeOnly(body.left, functions)) {
    probeNode = body.left;
    elemNode = body.right;
  } else if (leftIsElem && probeOnly(body.right, functions)) {
    probeNode = body.right;
    elemNode = body.left;
  } else return undefined;
  const inner = call.scope.withPointer({
    elem: c.elemSlot,
    index: c.indexSlot,
    acc: c.accSlot,
    elemType: elem,
    accType: undefined,
  });
  const probe = inner.compile(probeNode);
  const elemSide = inner.compile(elemNode);
  const count = orientedCount(body, probeNode === body.left);
  return makeScan(probe, elemSide, c.elemSlot, c.indexSlot, count, body.operator === '==', needAll);
}

function makeScan(
  probe: Compiled,
  elemSide: Compiled,
  elemSlot: number,
  indexSlot: number,
  count: Count,
  equality: boolean,
  needAll: boolean,
): (f: Frame, arr: unknown[]) => number {
  const h = probe.ev;
  const p = elemSide.ev;
  // The element side of the last array seen (data files and constants keep their identity).
  let lastArr: unknown[] | null = null;
  let lastMapped: string[] | null = null;
  let lastSet: Set<string> | null = null;
  const mappedOf = (f: Frame, arr: unknown[]): string[] | null => {
    if (arr === lastArr) return lastMapped;
    const slots = f.slots;
    const saveElem = slots[elemSlot];
    const saveIndex = slots[indexSlot];
    let out: string[] | null = new Array(arr.length);
    try {
      for (let i = 0; i < arr.length; i++) {
        slots[elemSlot] = arr[i];
        slots[indexSlot] = i;
        const v = p(f);
        if (typeof v !== 'string') {
          out = null;
          break;
        }
        out[i] = v;
      }
    } catch {
      out = null;
    } finally {
      slots[elemSlot] = saveElem;
      slots[indexSlot] = saveIndex;
    }
    lastArr = arr;
    lastMapped = out;
    lastSet = null;
    return out;
  };
  return (f, arr) => {
    if (arr.length === 0) return FALLBACK;
    let probeValue: unknown;
    try {
      probeValue = h(f);
    } catch {
      return FALLBACK;
    }
    if (typeof probeValue !== 'string') return FALLBACK;
    const mapped = mappedOf(f, arr);
    if (mapped === null) return FALLBACK;
    if (equality && !needAll) {
      if (lastSet === null) lastSet = new Set(mapped);
      return lastSet.has(probeValue) ? 1 : 0;
    }
    return count(probeValue, mapped, needAll);
  };
}

/**
 * Counts the elements `p` for which the predicate holds with probe `h` (stops at 1 unless
 * `needAll`). One loop per operator and orientation, so that the string test is a direct call.
 */
type Count = (h: string, mapped: readonly string[], needAll: boolean) => number;

function orientedCount(body: BinaryNode, probeIsLeft: boolean): Count {
  const counter =
    (test: (h: string, p: string) => boolean): Count =>
    (h, mapped, needAll) => {
      let n = 0;
      for (let i = 0; i < mapped.length; i++) {
        if (test(h, mapped[i] as string)) {
          if (!needAll) return 1;
          n++;
        }
      }
      return n;
    };
  switch (body.operator) {
    case '==':
      return counter((h, p) => h === p);
    case 'contains':
      return probeIsLeft ? containedIn() : counter((h, p) => p.includes(h));
    case 'startsWith':
      return probeIsLeft ? counter((h, p) => h.startsWith(p)) : counter((h, p) => p.startsWith(h));
    default:
      return probeIsLeft ? counter((h, p) => h.endsWith(p)) : counter((h, p) => p.endsWith(h));
  }
}

/**
 * `h contains p` for each element: the hub's most frequent scan (payload lists such as
 * `${jndi:`, `<script`, `../`). Each pattern is filed under its least common character (a
 * pattern can only occur in `h` if that character does), so one `indexOf` per distinct key
 * character rules out whole groups: most requests contain no `$` and skip every log4j pattern.
 * The grouping is built once per array of patterns.
 */
function containedIn(): Count {
  let lastMapped: readonly string[] | null = null;
  let groups: { readonly key: string; readonly patterns: readonly string[] }[] = [];
  return (h, mapped, needAll) => {
    if (mapped !== lastMapped) {
      groups = groupByKeyChar(mapped);
      lastMapped = mapped;
    }
    let n = 0;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as { readonly key: string; readonly patterns: readonly string[] };
      if (group.key !== '' && !h.includes(group.key)) continue;
      const patterns = group.patterns;
      for (let i = 0; i < patterns.length; i++) {
        if (h.includes(patterns[i] as string)) {
          if (!needAll) return 1;
          n++;
        }
      }
    }
    return n;
  };
}

/** Patterns grouped by key character ('' for the empty pattern, which every string contains). */
function groupByKeyChar(patterns: readonly string[]): { key: string; patterns: string[] }[] {
  const byKey = new Map<string, string[]>();
  for (const p of patterns) {
    const key = keyChar(p);
    let list = byKey.get(key);
    if (list === undefined) byKey.set(key, (list = []));
    list.push(p);
  }
  return [...byKey].map(([key, list]) => ({ key, patterns: list }));
}

/** The character of `p` least likely in a log field: punctuation, then digits, then letters. */
function keyChar(p: string): string {
  let best = '';
  let bestRank = 4;
  for (const ch of p) {
    const c = ch.codePointAt(0) as number;
    const rank =
      (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
        ? 3
        : c >= 0x30 && c <= 0x39
          ? 2
          : c === 0x2f || c === 0x2e || c === 0x20 || c === 0x2d || c === 0x5f
            ? 1
            : 0;
    if (rank < bestRank) {
      best = ch;
      bestRank = rank;
      if (rank === 0) break;
    }
  }
  return best;
}

/** A list that is the same array at every evaluation: `File("literal")` or a literal array. */
function isInvariantList(node: Node): boolean {
  if (node.kind === 'CallNode') {
    return (
      node.callee.kind === 'IdentifierNode' &&
      node.callee.value === 'File' &&
      node.arguments.length === 1 &&
      node.arguments[0]?.kind === 'StringNode'
    );
  }
  if (node.kind === 'ArrayNode') return node.nodes.every((n) => n.kind === 'StringNode');
  return false;
}

type Functions = BuiltinCall['scope']['unit']['functions'];

/** Built from `#` itself, literals and pure helpers only: a function of the element alone. */
function elementOnly(node: Node, functions: Functions): boolean {
  switch (node.kind) {
    case 'PointerNode':
      return node.name === '';
    case 'StringNode':
    case 'IntegerNode':
      return true;
    case 'CallNode':
      return pureCall(node, functions) && node.arguments.every((a) => elementOnly(a, functions));
    default:
      return false;
  }
}

/** Free of side effects and of any reference to the closure (`#`, `#index`, `#acc`). */
function probeOnly(node: Node, functions: Functions): boolean {
  switch (node.kind) {
    case 'IdentifierNode':
    case 'StringNode':
    case 'IntegerNode':
    case 'FloatNode':
    case 'BoolNode':
    case 'NilNode':
      return true;
    case 'MemberNode':
      return !node.method && probeOnly(node.node, functions) && probeOnly(node.property, functions);
    case 'ChainNode':
      return probeOnly(node.node, functions);
    case 'UnaryNode':
      return probeOnly(node.node, functions);
    case 'BinaryNode':
      return probeOnly(node.left, functions) && probeOnly(node.right, functions);
    case 'CallNode':
      return pureCall(node, functions) && node.arguments.every((a) => probeOnly(a, functions));
    default:
      return false;
  }
}

function pureCall(node: Node & { kind: 'CallNode' }, functions: Functions): boolean {
  return node.callee.kind === 'IdentifierNode' && functions.get(node.callee.value)?.pure === true;
}
