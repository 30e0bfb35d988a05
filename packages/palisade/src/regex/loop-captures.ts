/**
 * RE2's captures inside repeated groups, on top of ECMAScript regexps.
 *
 * In RE2 (and Go, Perl, PCRE) a capture inside a loop keeps the value of the last iteration in
 * which it participated: `(?:(a)|b)*` on "ab" gives group 1 = "a". ECMAScript clears the captures
 * of a loop body at the start of every iteration, so it reports undefined. Grok patterns such as
 * the hub's `((…|%{AMAVIS_QUARANTINE}|…|%{DATA}), )*` depend on RE2's behaviour.
 *
 * How it is restored (only for patterns that need it; see `planLoopCaptures`):
 * - at compile time, every loop (`max > 1`) whose body contains a wanted capture that some body
 *   path skips gets wrapped in a synthetic capturing group, and the text before it (at every
 *   concatenation level up to the enclosing match or loop body) in synthetic segment groups; the
 *   sum of the segment lengths is the loop's offset. Plain lengths, not the `d` flag, because
 *   V8's linear-time engine (the ReDoS fallback) cannot run `d`.
 * - after a match, each such loop's span is re-scanned iteration by iteration with a sticky
 *   regexp of the loop body (leftmost-first for each iteration, which is the path a greedy or
 *   lazy loop takes when the rest of the pattern does not force backtracking into it), keeping the
 *   last defined value of each capture. Nested loops are handled the same way inside the body.
 * - when the re-scan does not reproduce the span exactly (the overall match needed a
 *   non-preferred iteration), the ECMAScript values are kept: the only approximation left.
 */
import type { ParsedRegex, RegexNode } from './ast.ts';
import { emitEcmaScript } from './emitter.ts';
import { compileForLinearEngine } from './linear-engine.ts';

type RepeatNode = Extract<RegexNode, { kind: 'repeat' }>;
type GroupNode = Extract<RegexNode, { kind: 'group' }>;

/** Capture number of synthetic groups (the emitter only distinguishes 0 from non-zero). */
const SYNTHETIC = -1;

/** A regexp (whole pattern or a loop body) instrumented for loop re-scans. */
export interface InstrumentedPart {
  /** ECMAScript source, group numbering includes the synthetic groups. */
  readonly source: string;
  /** For each ECMAScript group index, the RE2 group it is (0 for synthetic groups). */
  readonly re2Group: readonly number[];
  /** Loops to re-scan after this part matched. */
  readonly loops: readonly LoopPlan[];
}

/** One loop to re-scan. */
export interface LoopPlan {
  /** ECMAScript groups (in the enclosing part) whose lengths add up to the loop's offset. */
  readonly offsetGroups: readonly number[];
  /** ECMAScript group (in the enclosing part) spanning the whole loop. */
  readonly spanGroup: number;
  /** The loop body, compiled sticky. */
  readonly body: InstrumentedPart;
  /** Sticky regexp of the body (`y` flag); `bodyLinear` is its linear-engine twin or null. */
  readonly bodyRegexp: RegExp;
  bodyLinear: RegExp | null | undefined;
}

/**
 * The instrumented pattern, or null when no loop needs re-scanning for the `wanted` RE2 groups
 * (then the plain translation already has RE2's captures).
 */
export function planLoopCaptures(parsed: ParsedRegex, wanted: ReadonlySet<number>): InstrumentedPart | null {
  if (!containsLoop(parsed.root, wanted)) return null;
  return instrumentPart(parsed.root, wanted);
}

/** A loop whose body has a wanted capture that some iteration may skip. */
function needsRescan(node: RegexNode, wanted: ReadonlySet<number>): boolean {
  return node.kind === 'repeat' && node.max > 1 && hasOptionalCapture(node.body, wanted);
}

/** Whether a wanted capture in `node` can be skipped by some match of `node`. */
function hasOptionalCapture(node: RegexNode, wanted: ReadonlySet<number>): boolean {
  for (const group of wantedGroups(node, wanted)) if (!alwaysSets(node, group)) return true;
  return false;
}

function wantedGroups(node: RegexNode, wanted: ReadonlySet<number>): number[] {
  const out: number[] = [];
  const visit = (n: RegexNode): void => {
    if (n.kind === 'group') {
      if (wanted.has(n.capture)) out.push(n.capture);
      visit(n.body);
    } else if (n.kind === 'repeat') visit(n.body);
    else if (n.kind === 'concat' || n.kind === 'alt') n.items.forEach(visit);
  };
  visit(node);
  return out;
}

/** Whether every match of `node` sets `group` (so its last iteration always has a value). */
function alwaysSets(node: RegexNode, group: number): boolean {
  switch (node.kind) {
    case 'group':
      return node.capture === group || alwaysSets(node.body, group);
    case 'repeat':
      return node.min > 0 && alwaysSets(node.body, group);
    case 'concat':
      return node.items.some((item) => alwaysSets(item, group));
    case 'alt':
      return node.items.every((item) => alwaysSets(item, group));
    default:
      return false;
  }
}

/** Whether `node` contains a loop needing a re-scan that is not inside another such loop. */
function containsLoop(node: RegexNode, wanted: ReadonlySet<number>): boolean {
  if (needsRescan(node, wanted)) return true;
  switch (node.kind) {
    case 'group':
    case 'repeat':
      return containsLoop(node.body, wanted);
    case 'concat':
    case 'alt':
      return node.items.some((item) => containsLoop(item, wanted));
    default:
      return false;
  }
}

/** A loop found while instrumenting, with the synthetic nodes that locate it. */
interface PendingLoop {
  readonly loop: RepeatNode;
  readonly span: GroupNode;
  readonly offsets: readonly GroupNode[];
}

function synthetic(body: RegexNode): GroupNode {
  return { kind: 'group', capture: SYNTHETIC, name: undefined, body };
}

function instrumentPart(root: RegexNode, wanted: ReadonlySet<number>): InstrumentedPart {
  const pending: PendingLoop[] = [];
  const instrumented = instrument(root, [], wanted, pending);
  const esIndex = new Map<RegexNode, number>();
  const re2Group: number[] = [0];
  const number = (node: RegexNode): void => {
    if (node.kind === 'group') {
      if (node.capture !== 0) {
        esIndex.set(node, re2Group.length);
        re2Group.push(Math.max(node.capture, 0));
      }
      number(node.body);
    } else if (node.kind === 'repeat') number(node.body);
    else if (node.kind === 'concat' || node.kind === 'alt') node.items.forEach(number);
  };
  number(instrumented);
  const loops = pending.map((p): LoopPlan => {
    const body = instrumentPart(p.loop.body, wanted);
    return {
      offsetGroups: p.offsets.map((g) => esIndex.get(g)!),
      spanGroup: esIndex.get(p.span)!,
      body,
      bodyRegexp: new RegExp(body.source, 'y'),
      bodyLinear: undefined,
    };
  });
  const source = emitEcmaScript({ root: instrumented, groupCount: 0, groupNames: [] }).source;
  return { source, re2Group, loops };
}

/**
 * Rebuilds `node` with synthetic groups: a span group around each loop to re-scan, and segment
 * groups before it at each concatenation level. `offsets` are the segments preceding `node`.
 */
function instrument(
  node: RegexNode,
  offsets: readonly GroupNode[],
  wanted: ReadonlySet<number>,
  pending: PendingLoop[],
): RegexNode {
  if (needsRescan(node, wanted)) {
    const span = synthetic(node); // the body is re-scanned separately, the loop stays as it is
    pending.push({ loop: node as RepeatNode, span, offsets });
    return span;
  }
  if (!containsLoop(node, wanted)) return node;
  switch (node.kind) {
    case 'group':
      return { ...node, body: instrument(node.body, offsets, wanted, pending) };
    case 'repeat': // max <= 1 here: its body starts where it starts
      return { ...node, body: instrument(node.body, offsets, wanted, pending) };
    case 'alt':
      return { ...node, items: node.items.map((item) => instrument(item, offsets, wanted, pending)) };
    case 'concat': {
      const items: RegexNode[] = [];
      const segments: GroupNode[] = [...offsets];
      let run: RegexNode[] = [];
      const flush = (): void => {
        if (run.length === 0) return;
        const segment = synthetic(run.length === 1 ? run[0]! : { kind: 'concat', items: run });
        items.push(segment);
        segments.push(segment);
        run = [];
      };
      const lastRelevant = node.items.findLastIndex((item) => containsLoop(item, wanted));
      for (const [i, item] of node.items.entries()) {
        if (i > lastRelevant) {
          items.push(item);
        } else if (containsLoop(item, wanted)) {
          flush();
          const inner = instrument(item, [...segments], wanted, pending);
          // Later loops of this concatenation need this item's length too.
          const segment = inner.kind === 'group' && inner.capture === SYNTHETIC ? inner : synthetic(inner);
          items.push(segment);
          segments.push(segment);
        } else {
          run.push(item);
        }
      }
      return { kind: 'concat', items };
    }
    default:
      return node;
  }
}

/** Values by RE2 group index (index 0 = whole match). */
export type Re2Groups = (string | undefined)[];

/**
 * Fills `out` (RE2 numbering) with what RE2 reports for the loops of `part`, given `m` (the
 * ECMAScript result of `part`, matched at `start` in `text`). `useLinear` selects the
 * linear-time engine for the body re-scans (long lines).
 */
export function rescanLoops(
  text: string,
  part: InstrumentedPart,
  m: RegExpExecArray,
  start: number,
  out: Re2Groups,
  useLinear: boolean,
): void {
  for (const loop of part.loops) {
    const span = m[loop.spanGroup];
    if (span === undefined) continue;
    let from = start;
    for (const g of loop.offsetGroups) from += m[g]?.length ?? 0;
    const values = rescan(text, loop, from, from + span.length, useLinear);
    if (values === null) continue;
    for (const [group, value] of values) if (out[group] === undefined) out[group] = value;
  }
}

/** Last defined value of each body capture over the iterations in [from, to), or null. */
function rescan(
  text: string,
  loop: LoopPlan,
  from: number,
  to: number,
  useLinear: boolean,
): Map<number, string> | null {
  let regexp = loop.bodyRegexp;
  if (useLinear) {
    if (loop.bodyLinear === undefined) loop.bodyLinear = compileForLinearEngine(loop.body.source, 'y');
    if (loop.bodyLinear !== null) regexp = loop.bodyLinear;
  }
  const body = loop.body;
  const last = new Map<number, string>();
  let at = from;
  while (at < to) {
    regexp.lastIndex = at;
    const m = regexp.exec(text);
    if (m === null || m[0].length === 0 || at + m[0].length > to) return null;
    const iteration: Re2Groups = [];
    for (let g = 1; g < m.length; g++) {
      const re2 = body.re2Group[g]!;
      if (re2 !== 0) iteration[re2] = m[g];
    }
    if (body.loops.length > 0) rescanLoops(text, body, m, at, iteration, useLinear);
    for (let g = 0; g < iteration.length; g++) {
      const value = iteration[g];
      if (value !== undefined) last.set(g, value);
    }
    at += m[0].length;
  }
  return at === to ? last : null;
}
