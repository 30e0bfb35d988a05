/**
 * Splitting grok text into literal regexp text and `%{NAME}` / `%{NAME:sem}` references, and
 * counting the capturing groups of literal text (needed to know which group a reference becomes).
 */

/** A reference: exactly `%{NAME}` or `%{NAME:sem}` with word-character name and sem. */
const REFERENCE = /%\{(\w+)(?::(\w+))?\}/g;

/** One `%{…}` reference. */
export interface GrokReference {
  readonly name: string;
  /** Semantic (capture name), undefined for `%{NAME}`. */
  readonly sem: string | undefined;
}

/** Grok text split so that `literals[i]` precedes `refs[i]` (literals has one more entry). */
export interface SplitGrok {
  readonly literals: readonly string[];
  readonly refs: readonly GrokReference[];
}

/**
 * Splits grok text. Anything that is not exactly a reference (`%{INT:port:int}`, `%{DATA:a-b}`)
 * stays literal regexp text, as in CrowdSec, where RE2 then reads the braces literally.
 */
export function splitReferences(text: string): SplitGrok {
  const literals: string[] = [];
  const refs: GrokReference[] = [];
  let last = 0;
  for (const m of text.matchAll(REFERENCE)) {
    literals.push(text.slice(last, m.index));
    refs.push({ name: m[1]!, sem: m[2] });
    last = m.index + m[0].length;
  }
  literals.push(text.slice(last));
  return { literals, refs };
}

/**
 * Number of capturing groups opened in a fragment of RE2 text (which may have unbalanced
 * parentheses). Escapes, `\Q…\E` and character classes are skipped; `(?:`, `(?i)`, `(?i:` do not
 * capture; `(?P<n>` and `(?<n>` do.
 */
export function countCaptureGroups(fragment: string): number {
  let count = 0;
  let i = 0;
  while (i < fragment.length) {
    const c = fragment[i];
    if (c === '\\') {
      if (fragment[i + 1] === 'Q') {
        const end = fragment.indexOf('\\E', i + 2);
        i = end < 0 ? fragment.length : end + 2;
      } else {
        i += 2;
      }
    } else if (c === '[') {
      i = skipClass(fragment, i);
    } else if (c === '(') {
      if (fragment[i + 1] !== '?' || /^\(\?P?<\w/.test(fragment.slice(i, i + 5))) count++;
      i++;
    } else {
      i++;
    }
  }
  return count;
}

/** Index just after the character class starting at `start` (RE2 rules: `]` first is literal). */
function skipClass(text: string, start: number): number {
  let i = start + 1;
  if (text[i] === '^') i++;
  if (text[i] === ']') i++;
  while (i < text.length && text[i] !== ']') {
    if (text[i] === '\\') i += 2;
    else if (text.startsWith('[:', i)) {
      const end = text.indexOf(':]', i + 2);
      i = end < 0 ? i + 1 : end + 2;
    } else i++;
  }
  return i + 1;
}
