/**
 * A compiled grok pattern: an RE2 matcher for the expanded text (built once) plus the semantic
 * names bound to capture group indices.
 */
import { Re2Matcher } from '../regex/matcher.ts';
import { Re2RegExp } from '../regex/re2-regexp.ts';

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
  /**
   * A RegExp with RE2 semantics: `regexp.exec(line)` is the full grok search (prefilter,
   * linear-time engine on long lines, RE2's captures in loops), groups numbered as in
   * `groupIndices`. `regexp.source` is the plain ECMAScript translation.
   */
  readonly regexp: RegExp;
  /** Bound semantic names, parallel to `groupIndices`. */
  readonly semantics: readonly string[];
  /** Capture group index of each semantic name (after "last binding wins"). */
  readonly groupIndices: readonly number[];
  /** Text every match contains (checked with `includes` before running the regexp), or ''. */
  readonly requiredText: string;
  private readonly matcher: Re2Matcher;

  constructor(name: string | undefined, text: string, expanded: string, bindings: GrokBindings) {
    this.name = name;
    this.text = text;
    this.expanded = expanded;
    this.semantics = [...bindings.keys()];
    this.groupIndices = [...bindings.values()];
    this.matcher = new Re2Matcher(expanded, { groups: this.groupIndices });
    this.regexp = new Re2RegExp(this.matcher);
    this.requiredText = this.matcher.requiredText;
  }

  /**
   * Unanchored leftmost-first search, like Go's FindStringSubmatch. Returns every bound name with
   * its captured text ('' when its group did not participate), or null when the regexp does not
   * match or when the pattern binds no name at all (CrowdSec treats such a grok as failed).
   * The result has no prototype, so a semantic named `__proto__` is an ordinary key.
   */
  match(text: string): Record<string, string> | null {
    if (this.semantics.length === 0) return null;
    const m = this.matcher.exec(text);
    if (m === null) return null;
    const out: Record<string, string> = Object.create(null);
    for (let i = 0; i < this.semantics.length; i++) out[this.semantics[i]!] = m[this.groupIndices[i]!] ?? '';
    return out;
  }
}
