/**
 * Emits ECMAScript regexp source (no flags at all) for a parsed RE2 tree.
 *
 * Why no flags: V8's linear-time engine (used as the fallback on excessive backtracking, which is
 * what keeps attacker-controlled lines from causing ReDoS) refuses `i`, `u`, `v` and `(?i:…)`
 * modifiers, and it refuses quantifiers whose nested counts multiply past 16. So case folding is
 * expanded into classes, Unicode classes into explicit ranges, astral code points into surrogate
 * pairs, and large counted repetitions are unrolled when that is semantically neutral.
 *
 * Code points vs code units: without `u`, a class matches one UTF-16 code unit. A class that
 * contains astral code points is emitted as `(?:pair|[bmp])`, preferring a whole code point as RE2
 * (which works on UTF-8 runes) does. Under an unbounded repetition a class containing ALL astral
 * code points and all surrogates (`.`, `[^x]`, `\S`…) is emitted as the plain code-unit class: a
 * run of such code units is exactly a run of such code points, so `.*`/`[^ ]+` keep the fast,
 * simple form. Only a split inside a surrogate pair at the edge of such a run can differ from RE2,
 * which requires the next atom to match a lone low surrogate (practically never in logs).
 */
import { hasCapture, type ParsedRegex, type RegexNode } from './ast.ts';
import { CodePointSet, MAX_CODE_POINT } from './charset.ts';

/** V8 experimental engine: maximum product of nested quantifier counts it accepts. */
const LINEAR_ENGINE_MAX_REPLICATION = 16;

const BMP = new CodePointSet([[0, 0xffff]]);
const ASTRAL = new CodePointSet([[0x10000, MAX_CODE_POINT]]);
const SURROGATES = new CodePointSet([[0xd800, 0xdfff]]);
const ES_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Output of the emitter: source plus what it decided about named groups. */
export interface EmittedRegex {
  readonly source: string;
}

/** Emits ECMAScript source for `parsed`; the result is meant to be compiled without flags. */
export function emitEcmaScript(parsed: ParsedRegex): EmittedRegex {
  const usedNames = new Set<string>();
  return { source: emit(parsed.root, 1, false, usedNames) };
}

/**
 * @param factor product of the counts of enclosing native quantifiers (linear-engine budget)
 * @param inStar whether the node is directly repeated without upper bound
 */
function emit(node: RegexNode, factor: number, inStar: boolean, usedNames: Set<string>): string {
  switch (node.kind) {
    case 'empty':
      return '';
    case 'literal':
      return emitCodePoint(node.cp);
    case 'class':
      return emitClass(node.set, inStar);
    case 'assert':
      return ASSERTIONS[node.what];
    case 'concat':
      return node.items.map((item) => emit(item, factor, false, usedNames)).join('');
    case 'alt':
      return node.items.map((item) => emit(item, factor, false, usedNames)).join('|');
    case 'group': {
      const body = emit(node.body, factor, false, usedNames);
      if (node.capture === 0) return `(?:${body})`;
      // Named groups stay named when ECMAScript allows the name (unique identifier); grok does not
      // rely on names (it binds by index), other users get `.groups` when it is possible.
      if (node.name !== undefined && ES_IDENTIFIER.test(node.name) && !usedNames.has(node.name)) {
        usedNames.add(node.name);
        return `(?<${node.name}>${body})`;
      }
      return `(${body})`;
    }
    case 'repeat':
      return emitRepeat(node, factor, usedNames);
  }
}

function emitRepeat(
  node: Extract<RegexNode, { kind: 'repeat' }>,
  factor: number,
  usedNames: Set<string>,
): string {
  const { min, max, greedy, body } = node;
  const lazy = greedy ? '' : '?';
  const unbounded = max === Number.POSITIVE_INFINITY;
  const count = unbounded ? min : max;
  const fits = factor * Math.max(count, 1) <= LINEAR_ENGINE_MAX_REPLICATION;
  if (fits || hasCapture(body)) {
    // Unrolling a body with captures would duplicate groups; keep the native quantifier then.
    const inner = emit(body, factor * Math.max(count, 1), unbounded, usedNames);
    return atomize(inner, body) + quantifier(min, max) + lazy;
  }
  // Unroll: `x{3,5}` ⇒ `xxx(?:x(?:x)?)?`, `x{20,}` ⇒ 20 × x then `x*`; every quantifier left has
  // a count of at most 1, so the linear engine accepts it, and the language is unchanged.
  const one = atomize(emit(body, factor, false, usedNames), body);
  let out = one.repeat(min);
  if (unbounded) return out + atomize(emit(body, factor, true, usedNames), body) + '*' + lazy;
  let tail = '';
  for (let i = max - min; i > 0; i--) tail = `(?:${one}${tail})?${lazy}`;
  out += tail;
  return out;
}

function quantifier(min: number, max: number): string {
  if (max === Number.POSITIVE_INFINITY) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** Wraps emitted text in `(?:…)` unless it is already a single quantifiable atom. */
function atomize(text: string, node: RegexNode): string {
  if (node.kind === 'group') return text;
  if (node.kind === 'class' && text.startsWith('[') && text.endsWith(']') && !text.includes('|')) return text;
  if (node.kind === 'literal' && node.cp <= 0xffff) return text;
  return `(?:${text})`;
}

const ASSERTIONS: Record<Extract<RegexNode, { kind: 'assert' }>['what'], string> = {
  textStart: '^',
  textEnd: '$',
  // RE2's multi-line anchors only know `\n`; ECMAScript's `m` flag also breaks lines at `\r`,
  // U+2028 and U+2029, so these are spelled out (the linear engine cannot run them).
  lineStart: '(?:^|(?<=\\n))',
  lineEnd: '(?:$|(?=\\n))',
  wordBoundary: '\\b',
  notWordBoundary: '\\B',
};

const CONTROL_ESCAPES: Readonly<Record<number, string>> = {
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

function hex4(unit: number): string {
  if (Object.hasOwn(CONTROL_ESCAPES, unit)) return CONTROL_ESCAPES[unit]!;
  return `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A code point as pattern text outside a class (surrogate pair for astral ones). */
function emitCodePoint(cp: number): string {
  if (cp > 0xffff) {
    const s = String.fromCodePoint(cp);
    return hex4(s.charCodeAt(0)) + hex4(s.charCodeAt(1));
  }
  if (cp >= 0x20 && cp < 0x7f) {
    const ch = String.fromCharCode(cp);
    return /[\\^$.|?*+()[\]{}/]/.test(ch) ? `\\${ch}` : ch;
  }
  return hex4(cp);
}

/** A BMP code unit as text inside `[…]`. */
function emitClassUnit(cp: number): string {
  if (cp >= 0x20 && cp < 0x7f) {
    const ch = String.fromCharCode(cp);
    return /[\\\]^[-]/.test(ch) ? `\\${ch}` : ch;
  }
  return hex4(cp);
}

function emitBmpClass(set: CodePointSet): string {
  // Use whichever of `[…]` and `[^…]` is shorter; both are the same set of code units.
  const positive = set.ranges.map(emitUnitRange).join('');
  const complement = set.negate().intersect(BMP);
  const negative = complement.ranges.map(emitUnitRange).join('');
  if (negative.length < positive.length) return `[^${negative}]`;
  return `[${positive}]`;
}

function emitUnitRange([lo, hi]: readonly [number, number]): string {
  if (lo === hi) return emitClassUnit(lo);
  if (hi === lo + 1) return emitClassUnit(lo) + emitClassUnit(hi);
  return `${emitClassUnit(lo)}-${emitClassUnit(hi)}`;
}

function emitClass(set: CodePointSet, inStar: boolean): string {
  const single = set.single();
  if (single >= 0) return emitCodePoint(single);
  if (set.isEmpty()) return '[]';
  const bmp = set.intersect(BMP);
  const astral = set.intersect(ASTRAL);
  if (astral.isEmpty()) return emitBmpClass(bmp);
  const allAstral = astral.covers(0x10000, MAX_CODE_POINT);
  if (inStar && allAstral && bmp.covers(0xd800, 0xdfff)) return emitBmpClass(bmp);
  const parts = astralAlternatives(astral);
  const bmpPart = bmp.isEmpty() ? [] : [emitBmpClass(allAstral ? bmp.union(SURROGATES) : bmp)];
  return `(?:${[...parts, ...bmpPart].join('|')})`;
}

/**
 * UTF-16 encodings of astral ranges: one `\uH[lows]` alternative per high surrogate, with runs of
 * high surrogates whose low half is complete merged into `[\uH1-\uH2][\uDC00-\uDFFF]`.
 */
function astralAlternatives(astral: CodePointSet): string[] {
  const lowsByHigh = new Map<number, [number, number][]>();
  for (const [lo, hi] of astral.ranges) {
    for (let start = lo; start <= hi; ) {
      const [high, low] = surrogates(start);
      const end = Math.min(hi, start + (0xdfff - low));
      const list = lowsByHigh.get(high) ?? [];
      list.push([low, surrogates(end)[1]]);
      lowsByHigh.set(high, list);
      start = end + 1;
    }
  }
  const out: string[] = [];
  const highs = [...lowsByHigh.keys()];
  const isFull = (h: number): boolean => {
    const lows = lowsByHigh.get(h)!;
    return lows.length === 1 && lows[0]![0] === 0xdc00 && lows[0]![1] === 0xdfff;
  };
  for (let i = 0; i < highs.length; i++) {
    const high = highs[i]!;
    if (isFull(high)) {
      let j = i;
      while (j + 1 < highs.length && highs[j + 1] === highs[j]! + 1 && isFull(highs[j + 1]!)) j++;
      out.push(unitRange(high, highs[j]!) + unitRange(0xdc00, 0xdfff));
      i = j;
      continue;
    }
    const lows = lowsByHigh.get(high)!;
    const single = lows.length === 1 && lows[0]![0] === lows[0]![1];
    out.push(
      hex4(high) +
        (single
          ? hex4(lows[0]![0])
          : `[${lows.map(([a, b]) => (a === b ? hex4(a) : `${hex4(a)}-${hex4(b)}`)).join('')}]`),
    );
  }
  return out;
}

function surrogates(cp: number): [number, number] {
  const s = String.fromCodePoint(cp);
  return [s.charCodeAt(0), s.charCodeAt(1)];
}

function unitRange(lo: number, hi: number): string {
  return lo === hi ? hex4(lo) : `[${hex4(lo)}-${hex4(hi)}]`;
}
