/**
 * Sets of Unicode code points stored as sorted, non-overlapping, non-adjacent inclusive ranges.
 *
 * RE2 character classes are sets of code points; keeping them as explicit ranges lets the
 * translator apply case folding and negation itself and then emit a class that needs neither
 * the `i` nor the `u` flag (V8's linear-time engine rejects both).
 */

/** Highest Unicode code point. */
export const MAX_CODE_POINT = 0x10ffff;

/** Inclusive code point range. */
export type CodePointRange = readonly [lo: number, hi: number];

/** Immutable set of code points as normalized ranges (sorted, disjoint, non-adjacent). */
export class CodePointSet {
  readonly ranges: readonly CodePointRange[];

  /** Builds a set from arbitrary (possibly overlapping, unsorted) ranges. */
  constructor(ranges: readonly CodePointRange[]) {
    this.ranges = normalize(ranges);
  }

  /** The empty set. */
  static empty(): CodePointSet {
    return new CodePointSet([]);
  }

  /** The set of the given single code points. */
  static of(...codePoints: number[]): CodePointSet {
    return new CodePointSet(codePoints.map((c) => [c, c] as const));
  }

  /** Union of this set and `other`. */
  union(other: CodePointSet): CodePointSet {
    return new CodePointSet([...this.ranges, ...other.ranges]);
  }

  /** Complement relative to [0, MAX_CODE_POINT]. */
  negate(): CodePointSet {
    const out: CodePointRange[] = [];
    let next = 0;
    for (const [lo, hi] of this.ranges) {
      if (lo > next) out.push([next, lo - 1]);
      next = hi + 1;
    }
    if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
    return new CodePointSet(out);
  }

  /** Intersection of this set and `other`. */
  intersect(other: CodePointSet): CodePointSet {
    return this.negate().union(other.negate()).negate();
  }

  /** Whether `cp` is in the set (binary search). */
  has(cp: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.ranges[mid]!;
      if (cp < r[0]) hi = mid - 1;
      else if (cp > r[1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Whether the set contains every code point in [lo, hi]. */
  covers(lo: number, hi: number): boolean {
    return this.ranges.some((r) => r[0] <= lo && r[1] >= hi);
  }

  /** Whether the set is a single code point (returns it) or not (returns -1). */
  single(): number {
    if (this.ranges.length === 1 && this.ranges[0]![0] === this.ranges[0]![1]) return this.ranges[0]![0];
    return -1;
  }

  /** Whether the set is empty. */
  isEmpty(): boolean {
    return this.ranges.length === 0;
  }
}

function normalize(ranges: readonly CodePointRange[]): CodePointRange[] {
  const sorted = ranges.filter((r) => r[0] <= r[1]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) {
      if (hi > last[1]) last[1] = hi;
    } else {
      out.push([lo, hi]);
    }
  }
  return out;
}

const r = (lo: string, hi: string = lo): CodePointRange => [lo.codePointAt(0)!, hi.codePointAt(0)!];

/** Perl classes as RE2 defines them (ASCII only). */
export const PERL_CLASSES: Readonly<Record<string, CodePointSet>> = {
  d: new CodePointSet([r('0', '9')]),
  s: new CodePointSet([r('\t', '\n'), r('\f', '\r'), r(' ')]),
  w: new CodePointSet([r('0', '9'), r('A', 'Z'), r('a', 'z'), r('_')]),
};

/** POSIX bracket classes (`[[:alpha:]]`) as RE2 defines them (ASCII only). */
export const POSIX_CLASSES: Readonly<Record<string, CodePointSet>> = {
  alnum: new CodePointSet([r('0', '9'), r('A', 'Z'), r('a', 'z')]),
  alpha: new CodePointSet([r('A', 'Z'), r('a', 'z')]),
  ascii: new CodePointSet([[0, 0x7f]]),
  blank: new CodePointSet([r('\t'), r(' ')]),
  cntrl: new CodePointSet([
    [0, 0x1f],
    [0x7f, 0x7f],
  ]),
  digit: new CodePointSet([r('0', '9')]),
  graph: new CodePointSet([r('!', '~')]),
  lower: new CodePointSet([r('a', 'z')]),
  print: new CodePointSet([r(' ', '~')]),
  punct: new CodePointSet([r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~')]),
  space: new CodePointSet([r('\t', '\r'), r(' ')]),
  upper: new CodePointSet([r('A', 'Z')]),
  word: new CodePointSet([r('0', '9'), r('A', 'Z'), r('a', 'z'), r('_')]),
  xdigit: new CodePointSet([r('0', '9'), r('A', 'F'), r('a', 'f')]),
};
