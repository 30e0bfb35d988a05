/**
 * Where can a match start? One backward pass of a lazily built DFA answers it in linear time with
 * a small constant, which V8's engines cannot do for large patterns: the backtracking engine
 * retries every start position (quadratic on a failing 64 KiB line) and the linear-time engine
 * simulates thousands of NFA threads per character (hundreds of ms per 64 KiB line for a pattern
 * holding two IPv6 expressions).
 *
 * The DFA recognizes the reversed pattern (captures and priorities do not matter for "is there a
 * match starting here"); scanning the line from its end and adding the start state at every
 * position, it knows at each position whether some match starts there. The result is used only
 * as a bound: no match starts before `leftmostStart(text)` (and none at all when it returns -1),
 * so the real regexp runs from there, keeping exact RE2 semantics. The automaton over-approximates
 * where it simplifies (astral code points), which keeps the bound safe.
 *
 * Memory and time stay bounded: at most MAX_NFA_STATES states (else the pattern gets no finder),
 * and the DFA cache is flushed when it exceeds DFA_CACHE_BUDGET, so a line costs O(length × NFA
 * size) at worst, O(length) table look-ups in practice.
 */
import type { AssertionKind, RegexNode } from './ast.ts';
import { CodePointSet, MAX_CODE_POINT, PERL_CLASSES } from './charset.ts';

const MAX_NFA_STATES = 20_000;
/**
 * DFA cache budget per pattern, in stored numbers (transition slots + NFA ids of the states):
 * about 0.5 MB. Reached only by adversarial lines on large patterns; the cache is then flushed.
 */
const DFA_CACHE_BUDGET = 120_000;

const BMP_MAX = 0xffff;
const HIGH = new CodePointSet([[0xd800, 0xdbff]]);
const LOW = new CodePointSet([[0xdc00, 0xdfff]]);
const SURROGATES = new CodePointSet([[0xd800, 0xdfff]]);
const WORD = PERL_CLASSES['w']!;
const NEWLINE = CodePointSet.of(0x0a);

/** Bit of a DFA transition telling that a match starts at the position it leaves from. */
const MATCHED = 1 << 30;

/** A regexp that matches at once; running it flattens its subject string. */
const FLATTEN = /^/;

/** Context bits of one side of a position: the code unit there, or the text boundary. */
const IS_WORD = 1;
const IS_NEWLINE = 2;
const IS_EDGE = 4;

type NfaState =
  | { kind: 'unit'; set: CodePointSet; classes: Uint8Array | null; next: number }
  | { kind: 'split'; a: number; b: number }
  | { kind: 'assert'; what: AssertionKind; next: number }
  | { kind: 'match' };

/** Builds the NFA of the reversed pattern; throws TooBig when it exceeds MAX_NFA_STATES. */
class ReverseNfa {
  readonly states: NfaState[] = [{ kind: 'match' }];

  add(state: NfaState): number {
    if (this.states.length >= MAX_NFA_STATES) throw new TooBig();
    this.states.push(state);
    return this.states.length - 1;
  }

  /** A fragment recognizing the reverse of `node`, continuing at `next`. */
  build(node: RegexNode, next: number): number {
    switch (node.kind) {
      case 'empty':
        return next;
      case 'literal':
        return this.unitsOf(CodePointSet.of(node.cp), next);
      case 'class':
        return this.unitsOf(node.set, next);
      case 'assert':
        return this.add({ kind: 'assert', what: node.what, next });
      case 'group':
        return this.build(node.body, next);
      case 'concat': {
        let at = next;
        for (const item of node.items) at = this.build(item, at);
        return at;
      }
      case 'alt': {
        let at = this.build(node.items[node.items.length - 1]!, next);
        for (let i = node.items.length - 2; i >= 0; i--) {
          at = this.add({ kind: 'split', a: this.build(node.items[i]!, next), b: at });
        }
        return at;
      }
      case 'repeat': {
        let at = next;
        if (node.max === Number.POSITIVE_INFINITY) {
          const loop = this.add({ kind: 'split', a: -1, b: next });
          const body = this.build(node.body, loop);
          (this.states[loop] as { a: number }).a = body;
          at = loop;
        } else {
          // Optional copies: each one either matches the body and goes on, or stops here.
          for (let i = node.min; i < node.max; i++) {
            at = this.add({ kind: 'split', a: this.build(node.body, at), b: next });
          }
        }
        for (let i = 0; i < node.min; i++) at = this.build(node.body, at);
        return at;
      }
    }
  }

  /** Code units for a set of code points: BMP units, or (over-approximated) surrogate pairs. */
  private unitsOf(set: CodePointSet, next: number): number {
    const bmp = set.intersect(new CodePointSet([[0, BMP_MAX]]));
    const astral = !set.intersect(new CodePointSet([[0x10000, MAX_CODE_POINT]])).isEmpty();
    if (!astral) return this.add({ kind: 'unit', set: bmp, classes: null, next });
    // Reversed: the low surrogate comes first. A lone surrogate unit is also allowed, as the
    // emitted class may match one inside an unbounded run.
    const pair = this.add({
      kind: 'unit',
      set: LOW,
      classes: null,
      next: this.add({ kind: 'unit', set: HIGH, classes: null, next }),
    });
    const single = this.add({ kind: 'unit', set: bmp.union(SURROGATES), classes: null, next });
    return this.add({ kind: 'split', a: pair, b: single });
  }
}

class TooBig extends Error {}

/** Partition of code units into classes that every NFA set (and \w, \n) treats alike. */
function partition(sets: readonly CodePointSet[]): { bounds: Uint32Array; count: number } {
  const cuts = new Set<number>([0]);
  for (const set of [...sets, WORD, NEWLINE]) {
    for (const [lo, hi] of set.ranges) {
      if (lo <= BMP_MAX) cuts.add(lo);
      if (hi < BMP_MAX) cuts.add(hi + 1);
    }
  }
  const bounds = Uint32Array.from([...cuts].sort((a, b) => a - b));
  return { bounds, count: bounds.length };
}

/** Finds the leftmost position where a match of a parsed RE2 pattern can start. */
export class StartFinder {
  private readonly nfa: readonly NfaState[];
  private readonly start: number;
  /** Class of each ASCII unit; other units by binary search in `bounds`. */
  private readonly ascii = new Uint8Array(128);
  private readonly bounds: Uint32Array;
  /** Context bits of each class. */
  private readonly classBits: Uint8Array;
  private readonly edgeClass: number;
  private readonly width: number;
  /** DFA: NFA state lists, right-context bits, transitions (-1 unknown; bit 30 = match). */
  private dfaSets: number[][] = [];
  private dfaBits: number[] = [];
  private dfaNext: Int32Array[] = [];
  private dfaIndex = new Map<string, number>();
  /** Scratch space of `transition`. */
  private readonly seen: Int32Array;
  private readonly added: Int32Array;
  private readonly stack: number[] = [];
  private generation = 0;
  /** Numbers held by the DFA cache (see DFA_CACHE_BUDGET). */
  private cacheSize = 0;

  private constructor(nfa: ReverseNfa, start: number) {
    this.nfa = nfa.states;
    this.start = start;
    this.seen = new Int32Array(nfa.states.length);
    this.added = new Int32Array(nfa.states.length);
    const units = nfa.states.filter((s) => s.kind === 'unit');
    const { bounds, count } = partition(units.map((s) => s.set));
    this.bounds = bounds;
    this.edgeClass = count;
    this.width = count + 1;
    this.classBits = new Uint8Array(this.width);
    for (let c = 0; c < count; c++) {
      const unit = bounds[c]!;
      this.classBits[c] = (WORD.has(unit) ? IS_WORD : 0) | (unit === 0x0a ? IS_NEWLINE : 0);
    }
    this.classBits[this.edgeClass] = IS_EDGE;
    for (const s of units) {
      const classes = new Uint8Array(count);
      for (let c = 0; c < count; c++) classes[c] = s.set.has(bounds[c]!) ? 1 : 0;
      s.classes = classes;
    }
    for (let u = 0; u < 128; u++) this.ascii[u] = this.classOf(u);
  }

  /** A finder for the pattern tree `root`, or null when its automaton would be too large. */
  static build(root: RegexNode): StartFinder | null {
    const nfa = new ReverseNfa();
    try {
      const start = nfa.build(root, 0);
      return new StartFinder(nfa, start);
    } catch (error) {
      if (error instanceof TooBig) return null;
      throw error;
    }
  }

  private classOf(unit: number): number {
    const b = this.bounds;
    let lo = 0;
    let hi = b.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (b[mid]! <= unit) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The smallest index at which some match of the pattern starts in `text`, or -1 when the
   * pattern matches nowhere. Exact up to the documented over-approximation (a lower bound).
   */
  leftmostStart(text: string): number {
    // V8 flattens the subject of any regexp run; charCodeAt on an unflattened concatenation
    // (a cons string) would cost far more than the DFA step itself.
    FLATTEN.test(text);
    let state = this.stateOf([this.start], IS_EDGE);
    let leftmost = -1;
    for (let i = text.length; i >= 0; i--) {
      const cls = i === 0 ? this.edgeClass : this.classOfUnit(text.charCodeAt(i - 1));
      let t = this.dfaNext[state]![cls]!;
      if (t === -1) {
        t = this.transition(state, cls);
        if (this.cacheSize > DFA_CACHE_BUDGET) {
          // Flush the cache and rebuild the target state alone; linear time either way.
          const set = this.dfaSets[t & ~MATCHED]!;
          const bits = this.dfaBits[t & ~MATCHED]!;
          const matched = t & MATCHED;
          this.dfaSets = [];
          this.dfaBits = [];
          this.dfaNext = [];
          this.dfaIndex = new Map();
          this.cacheSize = 0;
          t = this.stateOf(set, bits) | matched;
        }
      }
      if (t & MATCHED) leftmost = i;
      state = t & ~MATCHED;
    }
    return leftmost;
  }

  private classOfUnit(unit: number): number {
    return unit < 128 ? this.ascii[unit]! : this.classOf(unit);
  }

  private stateOf(set: readonly number[], bits: number): number {
    const key = `${bits}|${set.join(',')}`;
    const known = this.dfaIndex.get(key);
    if (known !== undefined) return known;
    const id = this.dfaSets.length;
    this.dfaSets.push(set as number[]);
    this.dfaBits.push(bits);
    this.dfaNext.push(new Int32Array(this.width).fill(-1));
    this.dfaIndex.set(key, id);
    this.cacheSize += set.length + this.width;
    return id;
  }

  /**
   * From DFA state `state` (the units right of the position consumed), with the unit left of the
   * position in class `cls`: follows empty transitions whose assertions hold, notes whether a
   * match starts at this position, and consumes the unit (nothing to consume at the text start).
   */
  private transition(state: number, cls: number): number {
    const right = this.dfaBits[state]!;
    const left = this.classBits[cls]!;
    const nfa = this.nfa;
    // Generation stamps instead of fresh "seen" arrays: building a state costs O(states visited).
    const stamp = ++this.generation;
    const seen = this.seen;
    const added = this.added;
    const stack = this.stack;
    stack.length = 0;
    for (const id of this.dfaSets[state]!) stack.push(id);
    const next: number[] = [];
    let matched = false;
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen[id] === stamp) continue;
      seen[id] = stamp;
      const s = nfa[id]!;
      switch (s.kind) {
        case 'match':
          matched = true;
          break;
        case 'split':
          stack.push(s.b, s.a);
          break;
        case 'assert':
          if (holds(s.what, left, right)) stack.push(s.next);
          break;
        case 'unit':
          if (cls !== this.edgeClass && s.classes![cls] && added[s.next] !== stamp) {
            added[s.next] = stamp;
            next.push(s.next);
          }
          break;
      }
    }
    if (added[this.start] !== stamp) next.push(this.start);
    const target = this.stateOf(
      next.sort((a, b) => a - b),
      left,
    );
    const value = target | (matched ? MATCHED : 0);
    this.dfaNext[state]![cls] = value;
    return value;
  }
}

/** Whether an assertion holds between a left and a right context (IS_* bits). */
function holds(what: AssertionKind, left: number, right: number): boolean {
  switch (what) {
    case 'textStart':
      return (left & IS_EDGE) !== 0;
    case 'textEnd':
      return (right & IS_EDGE) !== 0;
    case 'lineStart':
      return (left & (IS_EDGE | IS_NEWLINE)) !== 0;
    case 'lineEnd':
      return (right & (IS_EDGE | IS_NEWLINE)) !== 0;
    case 'wordBoundary':
      return ((left & IS_WORD) !== 0) !== ((right & IS_WORD) !== 0);
    case 'notWordBoundary':
      return ((left & IS_WORD) !== 0) === ((right & IS_WORD) !== 0);
  }
}
