/**
 * Case folding for `(?i)`: RE2 matches a code point case-insensitively against its whole
 * Unicode simple-case-folding orbit (k, K and U+212A KELVIN SIGN are all equal). The translator
 * expands every case-insensitive literal and class into explicit alternatives because V8's
 * linear-time engine refuses the `i` flag and `(?i:…)` modifiers.
 */
import { type CodePointRange, CodePointSet } from './charset.ts';

/** Highest code point with a case mapping in current Unicode (Adlam ends at U+1E94x). */
const LAST_CASED = 0x1ffff;

/** Sorted code points that have a non-trivial orbit, and each one's orbit. Built on first use. */
let foldingCodePoints: number[] | undefined;
let orbits: Map<number, readonly number[]> | undefined;

/** Code point -> orbit for ASCII letters, with the two non-ASCII members RE2 includes. */
function asciiOrbit(cp: number): readonly number[] | undefined {
  const lower = cp | 0x20;
  if (lower < 0x61 || lower > 0x7a) return undefined;
  const upper = lower & ~0x20;
  if (lower === 0x6b) return [upper, lower, 0x212a]; // k K KELVIN SIGN
  if (lower === 0x73) return [upper, lower, 0x17f]; // s S LATIN SMALL LETTER LONG S
  return [upper, lower];
}

function singleCodePoint(s: string): number {
  const cp = s.codePointAt(0)!;
  return s.length === (cp > 0xffff ? 2 : 1) ? cp : -1;
}

/**
 * Builds the orbit table from the runtime's own Unicode data: candidates come from
 * toLowerCase/toUpperCase (single code point results only), and membership is confirmed with a
 * `/x/iu` test, which the ECMAScript spec defines through simple case folding, as RE2 does.
 */
function buildOrbits(): void {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const join = (a: number, b: number): void => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (let cp = 0; cp <= LAST_CASED; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    const lower = singleCodePoint(s.toLowerCase());
    const upper = singleCodePoint(s.toUpperCase());
    if (lower >= 0 && lower !== cp) join(cp, lower);
    if (upper >= 0 && upper !== cp) join(cp, upper);
  }
  const components = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const root = find(cp);
    const list = components.get(root);
    if (list) list.push(cp);
    else components.set(root, [cp]);
  }
  orbits = new Map();
  for (const members of components.values()) {
    for (const cp of members) {
      const re = new RegExp(`^\\u{${cp.toString(16)}}$`, 'iu');
      const orbit = members.filter((d) => re.test(String.fromCodePoint(d))).sort((a, b) => a - b);
      if (orbit.length > 1) orbits.set(cp, orbit);
    }
  }
  foldingCodePoints = [...orbits.keys()].sort((a, b) => a - b);
}

/** The simple case folding orbit of `cp` (including `cp`), sorted; `[cp]` when it has none. */
export function foldOrbit(cp: number): readonly number[] {
  if (cp < 0x80) return asciiOrbit(cp) ?? [cp];
  if (orbits === undefined) buildOrbits();
  return orbits!.get(cp) ?? [cp];
}

/** Adds to `set` every code point that is case-equivalent to one of its members. */
export function foldSet(set: CodePointSet): CodePointSet {
  const extra: CodePointRange[] = [];
  const asciiOnly = set.ranges.every((range) => range[1] < 0x80);
  if (asciiOnly) {
    for (const [lo, hi] of set.ranges) {
      for (let cp = lo; cp <= hi; cp++) {
        for (const d of asciiOrbit(cp) ?? []) extra.push([d, d]);
      }
    }
    return extra.length === 0 ? set : set.union(new CodePointSet(extra));
  }
  if (orbits === undefined) buildOrbits();
  const points = foldingCodePoints!;
  for (const [lo, hi] of set.ranges) {
    let i = lowerBound(points, lo);
    for (; i < points.length && points[i]! <= hi; i++) {
      for (const d of orbits!.get(points[i]!)!) extra.push([d, d]);
    }
  }
  return extra.length === 0 ? set : set.union(new CodePointSet(extra));
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
