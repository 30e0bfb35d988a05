/**
 * Running a translated RE2 pattern on attacker-controlled text: unanchored leftmost-first search
 * with RE2's capture values, without super-linear blow-ups on the lines we can foresee.
 *
 * - A literal every match must contain is checked with `includes` first (most lines fail there).
 * - Long lines are first scanned by a DFA (start-finder.ts) that rejects them or tells where the
 *   leftmost match starts; the backtracking engine then starts there. Patterns too large for the
 *   DFA run long lines on V8's linear-time engine directly.
 * - Loops whose captures RE2 and ECMAScript report differently are re-scanned (loop-captures.ts),
 *   only in patterns that have such loops.
 */
import { emitEcmaScript } from './emitter.ts';
import { compileForLinearEngine } from './linear-engine.ts';
import { type InstrumentedPart, planLoopCaptures, type Re2Groups, rescanLoops } from './loop-captures.ts';
import { parseRe2 } from './parser.ts';
import { requiredLiteral } from './required-literal.ts';
import { StartFinder } from './start-finder.ts';

/**
 * Lines at least this long are first scanned by the pattern's StartFinder (a lazily built DFA,
 * linear time): it rejects non-matching lines outright and tells where the leftmost match
 * starts, so the backtracking engine runs from there instead of retrying every start position
 * (quadratic on long lines). Below it, plain backtracking is cheaper than the scan (measured
 * with `npm run bench:redos -- --size 2000`: worst 14 ms with 2048 here, under 5 ms with 256).
 */
export const START_FINDER_MIN_LENGTH = 256;

/**
 * Lines at least this long use V8's linear-time engine where the DFA does not help: for loop
 * re-scans (RE2 captures in loops) and for patterns too large for a StartFinder.
 */
export const LINEAR_ENGINE_MIN_LENGTH = 2048;

/** Options of `Re2Matcher`. */
export interface Re2MatcherOptions {
  /**
   * RE2 group indices the caller reads. Loops are re-scanned for RE2's capture semantics only
   * when one of these groups needs it. Default: every group.
   */
  readonly groups?: Iterable<number>;
}

/** A match: values by RE2 group index (0 = whole match), `index` = where the match starts. */
export type Re2Match = Re2Groups & { index: number };

/** An RE2 pattern compiled for matching (see the module comment). */
export class Re2Matcher {
  /** The RE2 pattern. */
  readonly pattern: string;
  /** ECMAScript source of the plain translation (RE2 group numbering). */
  readonly source: string;
  /** Number of capturing groups. */
  readonly groupCount: number;
  /** Text every match contains ('' if none is known). */
  readonly requiredText: string;
  /** The regexp executed: the plain translation, or the instrumented one when loops need it. */
  private readonly regexp: RegExp;
  private linear: RegExp | null | undefined;
  /** `regexp` with the `g` flag, to search from a given index (built on the first long line). */
  private global: RegExp | undefined;
  /** DFA telling where matches can start (built on the first long line); null if too large. */
  private finder: StartFinder | null | undefined;
  private readonly loops: InstrumentedPart | null;

  /** Throws RegexTranslationError for invalid RE2. */
  constructor(pattern: string, options: Re2MatcherOptions = {}) {
    const parsed = parseRe2(pattern);
    this.pattern = pattern;
    this.source = emitEcmaScript(parsed).source;
    this.groupCount = parsed.groupCount;
    this.requiredText = requiredLiteral(pattern);
    const wanted = new Set<number>();
    if (options.groups === undefined) for (let g = 1; g <= parsed.groupCount; g++) wanted.add(g);
    else for (const g of options.groups) wanted.add(g);
    this.loops = planLoopCaptures(parsed, wanted);
    this.regexp = new RegExp(this.loops === null ? this.source : this.loops.source);
  }

  /** Whether RE2-semantics captures need a re-scan of loops after a match (diagnostics). */
  get rescansLoops(): boolean {
    return this.loops !== null;
  }

  /**
   * Unanchored leftmost-first search, like Go's FindStringSubmatch: null when there is no match,
   * else every group's value (undefined when it did not participate).
   */
  exec(text: string): Re2Match | null {
    if (this.requiredText !== '' && !text.includes(this.requiredText)) return null;
    const m = text.length >= START_FINDER_MIN_LENGTH ? this.execLong(text) : this.regexp.exec(text);
    if (m === null) return null;
    const loops = this.loops;
    if (loops === null) return m as unknown as Re2Match;
    const out: Re2Groups = new Array(this.groupCount + 1);
    for (let g = 0; g < m.length; g++) {
      const re2 = loops.re2Group[g]!;
      if (re2 !== 0 || g === 0) out[re2] = m[g];
    }
    rescanLoops(text, loops, m, m.index, out, text.length >= LINEAR_ENGINE_MIN_LENGTH);
    return Object.assign(out, { index: m.index });
  }

  private execLong(text: string): RegExpExecArray | null {
    // Parsed again rather than kept: most patterns never see a long line, and the trees of
    // patterns holding IPv6 expressions are large.
    if (this.finder === undefined) this.finder = StartFinder.build(parseRe2(this.pattern).root);
    if (this.finder === null) {
      if (this.linear === undefined) this.linear = compileForLinearEngine(this.regexp.source);
      const useLinear = text.length >= LINEAR_ENGINE_MIN_LENGTH && this.linear !== null;
      return (useLinear ? this.linear! : this.regexp).exec(text);
    }
    const from = this.finder.leftmostStart(text);
    if (from < 0) return null;
    if (this.global === undefined) this.global = new RegExp(this.regexp.source, 'g');
    // No match starts before `from`: searching from there gives the unanchored result.
    this.global.lastIndex = from;
    return this.global.exec(text);
  }
}
