/**
 * A compiled grok pattern: one native RegExp (translated from the expanded RE2 text, built once)
 * plus the semantic names bound to capture group indices.
 */
import { compileForLinearEngine, compileRe2, requiredLiteral } from '../regex/index.ts';

/**
 * Lines at least this long skip the backtracking engine and run on V8's linear-time engine
 * directly: a backtracking attempt on a long adversarial line burns up to the fallback threshold
 * per start position before V8 switches engines, which costs far more than the linear run.
 */
export const LINEAR_ENGINE_MIN_LENGTH = 2048;

/** Names bound to capture groups. Iteration order = order of first binding. */
export type GrokBindings = ReadonlyMap<string, number>;

/** A grok pattern ready to match log lines. */
export class GrokPattern {
  /** Registered name for `name:` groks, undefined for inline patterns. */
  readonly name: string | undefined;
  /** The grok text as written. */
  readonly text: string;
  /** Fully expanded RE2 text (every `%{…}` replaced by its capturing group). */
  readonly expanded: string;
  /** The ECMAScript regexp that runs it (no `g`/`y`: `exec` keeps no state). */
  readonly regexp: RegExp;
  /** Bound semantic names, parallel to `groupIndices`. */
  readonly semantics: readonly string[];
  /** Capture group index of each semantic name (after "last binding wins"). */
  readonly groupIndices: readonly number[];
  /** Text every match contains (checked with indexOf before running the regexp), or ''. */
  readonly requiredText: string;
  /** Linear-engine twin of `regexp` (built on first long line); null if unsupported. */
  private linear: RegExp | null | undefined;

  constructor(name: string | undefined, text: string, expanded: string, bindings: GrokBindings) {
    this.name = name;
    this.text = text;
    this.expanded = expanded;
    this.regexp = compileRe2(expanded);
    this.semantics = [...bindings.keys()];
    this.groupIndices = [...bindings.values()];
    this.requiredText = requiredLiteral(expanded);
  }

  /**
   * Unanchored leftmost-first search, like Go's FindStringSubmatch. Returns every bound name with
   * its captured text ('' when its group did not participate), or null when the regexp does not
   * match or when the pattern binds no name at all (CrowdSec treats such a grok as failed).
   * The result has no prototype, so a semantic named `__proto__` is an ordinary key.
   */
  match(text: string): Record<string, string> | null {
    if (this.semantics.length === 0) return null;
    if (this.requiredText !== '' && !text.includes(this.requiredText)) return null;
    let regexp = this.regexp;
    if (text.length >= LINEAR_ENGINE_MIN_LENGTH) {
      if (this.linear === undefined)
        this.linear = compileForLinearEngine(this.regexp.source, this.regexp.flags);
      if (this.linear !== null) regexp = this.linear;
    }
    const m = regexp.exec(text);
    if (m === null) return null;
    const out: Record<string, string> = Object.create(null);
    for (let i = 0; i < this.semantics.length; i++) out[this.semantics[i]!] = m[this.groupIndices[i]!] ?? '';
    return out;
  }
}
