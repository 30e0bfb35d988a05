/**
 * A `regexp` data file as a matcher (`RegexpInFile`: does any pattern match?), which avoids
 * running most of the patterns on a string (bad_user_agents.regex.txt has ~600 of them, and every
 * HTTP event is tested against it).
 *
 * Two pre-checks, both exact (a skipped pattern cannot match; the others really run):
 * - a pattern of the form `\bWORD<sep>…` (WORD made of ASCII word characters, then a word boundary
 *   or a literal non-word character, no `|` anywhere) can only match where WORD is a whole word of
 *   the string: RE2's `\b` is ASCII, so the match starts at the start of a word, and the character
 *   after WORD is not a word character. Such patterns are indexed by WORD and only tried for the
 *   words the string contains;
 * - any other pattern is only tried when the string contains its required literal
 *   (`requiredLiteral`, '' when none is known).
 */
import { requiredLiteral } from '../regex/index.ts';

/** Regex metacharacters of RE2 outside classes: never a literal separator when unescaped. */
const META = new Set(['.', '[', ']', '(', ')', '{', '}', '*', '+', '?', '^', '$', '|', '\\']);

/** True for an ASCII word character code (`[0-9A-Za-z_]`). */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * WORD when `pattern` is `\bWORD` followed by `\b` or by one literal non-word character that is
 * not made optional by a quantifier; undefined otherwise.
 */
export function leadingWord(pattern: string): string | undefined {
  if (!pattern.startsWith('\\b') || pattern.includes('|')) return undefined;
  let i = 2;
  while (i < pattern.length && isWordCode(pattern.charCodeAt(i))) i++;
  if (i === 2 || i >= pattern.length) return undefined;
  const word = pattern.slice(2, i);
  let next: number;
  if (pattern[i] === '\\') {
    const e = pattern[i + 1];
    if (e === 'b') return word;
    // An escaped punctuation character is that literal character.
    if (e === undefined || isWordCode(e.charCodeAt(0)) || e.charCodeAt(0) > 127) return undefined;
    next = i + 2;
  } else {
    const c = pattern[i] as string;
    if (META.has(c) || c.charCodeAt(0) > 127) return undefined;
    next = i + 1;
  }
  const q = pattern[next];
  if (q === '?' || q === '*' || q === '{') return undefined;
  return word;
}

interface Tried {
  readonly re: RegExp;
  readonly literal: string;
}

/** The compiled patterns of one regexp data file. */
export class RegexpList {
  readonly #byWord = new Map<string, RegExp[]>();
  readonly #others: Tried[] = [];

  /** `patterns[i]` is the RE2 source of `compiled[i]`. */
  constructor(patterns: readonly string[], compiled: readonly RegExp[]) {
    patterns.forEach((p, i) => {
      const re = compiled[i] as RegExp;
      const word = leadingWord(p);
      if (word !== undefined) {
        const list = this.#byWord.get(word);
        if (list === undefined) this.#byWord.set(word, [re]);
        else list.push(re);
        return;
      }
      let literal = '';
      try {
        literal = requiredLiteral(p);
      } catch {
        literal = '';
      }
      this.#others.push({ re, literal });
    });
  }

  /** True when any pattern matches `s` (the same answer as trying every pattern). */
  test(s: string): boolean {
    const others = this.#others;
    for (let i = 0; i < others.length; i++) {
      const o = others[i] as Tried;
      if ((o.literal === '' || s.includes(o.literal)) && o.re.test(s)) return true;
    }
    const byWord = this.#byWord;
    if (byWord.size === 0) return false;
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (!isWordCode(s.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      while (i < n && isWordCode(s.charCodeAt(i))) i++;
      const list = byWord.get(s.slice(start, i));
      if (list !== undefined) {
        for (let k = 0; k < list.length; k++) if ((list[k] as RegExp).test(s)) return true;
      }
    }
    return false;
  }
}
