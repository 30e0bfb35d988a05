/**
 * Parser for Go/RE2 regexp syntax (the Perl-like flavour `regexp.Compile` accepts), producing a
 * flag-free tree (see ast.ts). It rejects what RE2 rejects (backreferences, lookaround, stacked
 * repetition, counts above 1000, unknown escapes) so that a pattern CrowdSec refuses is refused
 * here too.
 */
import type { ParsedRegex, RegexNode } from './ast.ts';
import { foldOrbit, foldSet } from './casefold.ts';
import { CodePointSet, MAX_CODE_POINT, PERL_CLASSES, POSIX_CLASSES } from './charset.ts';
import { RegexTranslationError } from './errors.ts';
import { unicodeClass } from './unicode-classes.ts';

/** RE2 flags in effect; `(?flags)` changes them until the end of the enclosing group. */
interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

/** RE2's limit on `{n,m}` counts. */
const MAX_REPEAT = 1000;

const ANY = new CodePointSet([[0, MAX_CODE_POINT]]);
const ANY_BUT_NEWLINE = CodePointSet.of(0x0a).negate();
const REPEAT_BRACES = /^\{(\d+)(,(\d*))?\}/;

/** Parses `pattern` (RE2 syntax) into a flag-free tree; throws RegexTranslationError. */
export function parseRe2(pattern: string): ParsedRegex {
  return new Re2Parser(pattern).parse();
}

class Re2Parser {
  private readonly src: string;
  private pos = 0;
  private groupCount = 0;
  private readonly groupNames: (string | undefined)[] = [undefined];

  constructor(src: string) {
    this.src = src;
  }

  parse(): ParsedRegex {
    const root = this.parseAlternation({ i: false, m: false, s: false, U: false });
    if (this.pos < this.src.length) this.fail(')', this.pos, 'unexpected )');
    return { root, groupCount: this.groupCount, groupNames: this.groupNames };
  }

  private fail(construct: string, offset: number, reason: string): never {
    throw new RegexTranslationError(this.src, construct, offset, reason);
  }

  /** Alternatives up to an unmatched `)` or the end. `flags` is this group's (mutable) state. */
  private parseAlternation(flags: Flags): RegexNode {
    const items: RegexNode[] = [this.parseConcatenation(flags)];
    while (this.src[this.pos] === '|') {
      this.pos++;
      items.push(this.parseConcatenation(flags));
    }
    return items.length === 1 ? items[0]! : { kind: 'alt', items };
  }

  private parseConcatenation(flags: Flags): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '|' || c === ')') break;
      const start = this.pos;
      const atom = this.parseAtom(flags);
      if (atom === null) continue; // a flag group such as (?i) or an empty \Q\E
      if (Array.isArray(atom)) {
        items.push(...atom.slice(0, -1));
        items.push(this.parseRepetitions(atom[atom.length - 1]!, flags, start));
      } else {
        items.push(this.parseRepetitions(atom, flags, start));
      }
    }
    if (items.length === 0) return { kind: 'empty' };
    return items.length === 1 ? items[0]! : { kind: 'concat', items };
  }

  /** Applies a following `*`, `+`, `?` or `{n,m}` (and `?` for laziness); rejects stacking. */
  private parseRepetitions(atom: RegexNode, flags: Flags, atomStart: number): RegexNode {
    const opStart = this.pos;
    const op = this.readRepeatOperator();
    if (op === null) return atom;
    let lazy = false;
    if (this.src[this.pos] === '?') {
      lazy = true;
      this.pos++;
    }
    const again = this.pos;
    if (this.readRepeatOperator() !== null) {
      this.fail(this.src.slice(opStart, this.pos), opStart, 'invalid nested repetition operator');
    }
    this.pos = again;
    if (
      op.min > MAX_REPEAT ||
      (op.max > MAX_REPEAT && op.max !== Number.POSITIVE_INFINITY) ||
      op.max < op.min
    ) {
      this.fail(this.src.slice(atomStart, this.pos), opStart, 'invalid repeat count');
    }
    return { kind: 'repeat', min: op.min, max: op.max, greedy: lazy === flags.U, body: atom };
  }

  private readRepeatOperator(): { min: number; max: number } | null {
    const c = this.src[this.pos];
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      return { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Number.POSITIVE_INFINITY };
    }
    if (c === '{') {
      const m = REPEAT_BRACES.exec(this.src.slice(this.pos, this.pos + 24));
      if (m === null) return null; // `{` that is not a repeat is a literal in RE2
      this.pos += m[0].length;
      const min = Number(m[1]);
      if (m[2] === undefined) return { min, max: min };
      return { min, max: m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]) };
    }
    return null;
  }

  /**
   * One atom. Returns null for constructs that only change state, or an array when `\Q…\E`
   * yields several literals (a following repetition applies to the last one only, as in RE2).
   */
  private parseAtom(flags: Flags): RegexNode | RegexNode[] | null {
    const start = this.pos;
    const c = this.src.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(c);
    switch (ch) {
      case '(':
        return this.parseGroup(flags);
      case '[':
        return this.parseClass(flags);
      case '.':
        this.pos++;
        return { kind: 'class', set: flags.s ? ANY : ANY_BUT_NEWLINE };
      case '^':
        this.pos++;
        return { kind: 'assert', what: flags.m ? 'lineStart' : 'textStart' };
      case '$':
        this.pos++;
        return { kind: 'assert', what: flags.m ? 'lineEnd' : 'textEnd' };
      case '*':
      case '+':
      case '?':
        this.fail(ch, start, 'missing argument to repetition operator');
        break;
      case '{':
        if (REPEAT_BRACES.test(this.src.slice(this.pos, this.pos + 24))) {
          this.fail(
            REPEAT_BRACES.exec(this.src.slice(this.pos))![0],
            start,
            'missing argument to repetition operator',
          );
        }
        break;
      case '\\':
        return this.parseEscape(flags);
    }
    this.pos += ch.length;
    return this.literal(c, flags);
  }

  private literal(cp: number, flags: Flags): RegexNode {
    if (!flags.i) return { kind: 'literal', cp };
    const orbit = foldOrbit(cp);
    if (orbit.length === 1) return { kind: 'literal', cp };
    return { kind: 'class', set: CodePointSet.of(...orbit) };
  }

  private parseGroup(outer: Flags): RegexNode | null {
    const start = this.pos;
    this.pos++; // (
    let capture = 0;
    let name: string | undefined;
    const flags: Flags = { ...outer };
    if (this.src[this.pos] === '?') {
      const rest = this.src.slice(this.pos);
      const named = /^\?P?<(\w+)>/.exec(rest);
      if (named !== null) {
        this.pos += named[0].length;
        capture = ++this.groupCount;
        name = named[1];
        this.groupNames[capture] = name;
      } else if (/^\?(P?<|P=|P>|=|!|<=|<!|>|\||#|\d|R|&)/.test(rest)) {
        const kind = /^\?(=|!|<=|<!)/.test(rest) ? 'lookaround' : 'Perl group syntax';
        this.fail(this.src.slice(start, start + 4), start, `${kind} is not supported by RE2`);
      } else {
        const m = /^\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
        if (
          m === null ||
          (m[2] !== undefined && m[2] === '') ||
          (m[1] === '' && m[2] === undefined && m[3] === ')')
        ) {
          this.fail(
            this.src.slice(start, start + 2 + (m?.[0].length ?? 1)),
            start,
            'invalid or unsupported Perl syntax',
          );
        }
        for (const f of m[1]!) flags[f as keyof Flags] = true;
        for (const f of m[2] ?? '') flags[f as keyof Flags] = false;
        this.pos += m[0].length;
        if (m[3] === ')') {
          // (?flags) changes the enclosing group's flags for the rest of that group.
          Object.assign(outer, flags);
          return null;
        }
      }
    } else {
      capture = ++this.groupCount;
      this.groupNames[capture] = undefined;
    }
    const body = this.parseAlternation(flags);
    if (this.src[this.pos] !== ')') this.fail(this.src.slice(start), start, 'missing closing )');
    this.pos++;
    return { kind: 'group', capture, name, body };
  }

  private parseEscape(flags: Flags): RegexNode | RegexNode[] | null {
    const start = this.pos;
    const c = this.src[this.pos + 1];
    if (c === undefined) this.fail('\\', start, 'trailing backslash at end of expression');
    switch (c) {
      case 'A':
        this.pos += 2;
        return { kind: 'assert', what: 'textStart' };
      case 'z':
        this.pos += 2;
        return { kind: 'assert', what: 'textEnd' };
      case 'b':
        this.pos += 2;
        return { kind: 'assert', what: 'wordBoundary' };
      case 'B':
        this.pos += 2;
        return { kind: 'assert', what: 'notWordBoundary' };
      case 'Q': {
        const end = this.src.indexOf('\\E', this.pos + 2);
        const text = this.src.slice(this.pos + 2, end < 0 ? undefined : end);
        this.pos = end < 0 ? this.src.length : end + 2;
        const items = [...text].map((ch) => this.literal(ch.codePointAt(0)!, flags));
        return items.length === 0 ? null : items;
      }
    }
    const set = this.parseClassEscape(flags);
    if (set !== null) return { kind: 'class', set };
    return this.literal(this.parseCharEscape(), flags);
  }

  /** `\d \s \w \D \S \W \pX \p{X} \PX \p{^X}` as a (folded) set, or null if not one of them. */
  private parseClassEscape(flags: Flags): CodePointSet | null {
    const start = this.pos;
    const c = this.src[this.pos + 1]!;
    const perl = PERL_CLASSES[c.toLowerCase()];
    if (perl !== undefined && (c === 'd' || c === 's' || c === 'w' || c === 'D' || c === 'S' || c === 'W')) {
      this.pos += 2;
      const set = flags.i ? foldSet(perl) : perl;
      return c === c.toUpperCase() ? set.negate() : set;
    }
    if (c !== 'p' && c !== 'P') return null;
    let name: string;
    if (this.src[this.pos + 2] === '{') {
      const end = this.src.indexOf('}', this.pos + 3);
      if (end < 0) this.fail(this.src.slice(start), start, 'invalid character class range');
      name = this.src.slice(this.pos + 3, end);
      this.pos = end + 1;
    } else {
      const cp = this.src.codePointAt(this.pos + 2);
      if (cp === undefined) this.fail(this.src.slice(start), start, 'invalid character class range');
      name = String.fromCodePoint(cp);
      this.pos += 2 + name.length;
    }
    let negated = c === 'P';
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const base = unicodeClass(name);
    if (base === null) this.fail(this.src.slice(start, this.pos), start, 'invalid character class range');
    const set = flags.i ? foldSet(base) : base;
    return negated ? set.negate() : set;
  }

  /** A single-character escape (`\n`, `\x41`, `\x{263a}`, `\101`, `\.`); returns its code point. */
  private parseCharEscape(): number {
    const start = this.pos;
    const c = this.src[this.pos + 1]!;
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (Object.hasOwn(simple, c)) {
      this.pos += 2;
      return simple[c]!;
    }
    if (c === 'x') {
      const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.src.slice(this.pos + 2, this.pos + 16));
      if (braced !== null) {
        const cp = Number.parseInt(braced[1]!, 16);
        if (braced[1]!.length > 8 || cp > MAX_CODE_POINT) {
          this.fail(`\\x${braced[0]}`, start, 'invalid escape sequence');
        }
        this.pos += 2 + braced[0].length;
        return cp;
      }
      const two = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.pos + 2, this.pos + 4));
      if (two === null) this.fail(this.src.slice(start, start + 4), start, 'invalid escape sequence');
      this.pos += 4;
      return Number.parseInt(two[0], 16);
    }
    if (c >= '0' && c <= '7') {
      // RE2: \0 and \1-\7 followed by another octal digit start an octal escape (up to three
      // digits); a lone \1-\7 would be a backreference, which RE2 does not support.
      const m = /^[0-7]{1,3}/.exec(this.src.slice(this.pos + 1, this.pos + 4))!;
      if (c !== '0' && m[0].length === 1)
        this.fail(`\\${c}`, start, 'backreferences are not supported by RE2');
      this.pos += 1 + m[0].length;
      return Number.parseInt(m[0], 8);
    }
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) {
      this.pos += 2;
      return cp; // any escaped ASCII punctuation is that character
    }
    const shown = String.fromCodePoint(this.src.codePointAt(this.pos + 1)!);
    return this.fail(`\\${shown}`, start, 'invalid escape sequence');
  }

  private parseClass(flags: Flags): RegexNode {
    const start = this.pos;
    this.pos++; // [
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    let set = CodePointSet.empty();
    let first = true;
    while (true) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail(this.src.slice(start), start, 'missing closing ]');
      if (c === ']' && !first) break;
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos, this.pos + 12));
      if (posix !== null) {
        const base = Object.hasOwn(POSIX_CLASSES, posix[2]!) ? POSIX_CLASSES[posix[2]!] : undefined;
        if (base === undefined) this.fail(posix[0], this.pos, 'invalid character class range');
        const folded = flags.i ? foldSet(base) : base;
        set = set.union(posix[1] === '^' ? folded.negate() : folded);
        this.pos += posix[0].length;
        continue;
      }
      if (c === '\\') {
        const classSet = this.parseClassEscape(flags);
        if (classSet !== null) {
          set = set.union(classSet);
          continue;
        }
      }
      const rangeStart = this.pos;
      const lo = this.parseClassChar();
      let hi = lo;
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        hi = this.parseClassChar();
        if (hi < lo)
          this.fail(this.src.slice(rangeStart, this.pos), rangeStart, 'invalid character class range');
      }
      const range = new CodePointSet([[lo, hi]]);
      set = set.union(flags.i ? foldSet(range) : range);
    }
    this.pos++; // ]
    return { kind: 'class', set: negated ? set.negate() : set };
  }

  private parseClassChar(): number {
    if (this.src[this.pos] === '\\') {
      if (this.pos + 1 >= this.src.length)
        this.fail('\\', this.pos, 'trailing backslash at end of expression');
      return this.parseCharEscape();
    }
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }
}
