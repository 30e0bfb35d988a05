/**
 * A RegExp whose `exec` (and therefore `test`, `String.prototype.match`…) has RE2 semantics: the
 * search of a `Re2Matcher` (prefilter, linear-time engine on long lines, RE2's loop captures).
 * Code that only knows RegExp (`regexp.exec(line)`) gets the right answer without knowing more.
 */
import type { Re2Match, Re2Matcher } from './matcher.ts';

/** A flag-less RegExp driven by a `Re2Matcher`; `lastIndex` is ignored, as without `g`/`y`. */
export class Re2RegExp extends RegExp {
  /** The matcher doing the work. */
  readonly matcher: Re2Matcher;

  constructor(matcher: Re2Matcher) {
    super(matcher.source);
    this.matcher = matcher;
  }

  /** Derived regexps (split, replace…) are ordinary RegExps of the plain translation. */
  static override get [Symbol.species](): RegExpConstructor {
    return RegExp;
  }

  /** Like RegExp#exec, group numbering = RE2's. */
  override exec(text: string): RegExpExecArray | null {
    const m: Re2Match | null = this.matcher.exec(String(text));
    if (m === null) return null;
    const out = m as unknown as RegExpExecArray;
    if (out.input === undefined) Object.assign(out, { input: text, groups: undefined });
    return out;
  }
}
