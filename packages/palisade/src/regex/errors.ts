/**
 * Raised when an RE2 pattern is invalid for RE2 itself or uses a construct that has no faithful
 * ECMAScript equivalent. `construct` is the offending source text and `offset` its UTF-16 index in
 * `pattern`, so callers can point at it (e.g. "grok pattern X, line 12, offset 34").
 */
export class RegexTranslationError extends Error {
  readonly pattern: string;
  readonly construct: string;
  readonly offset: number;
  readonly reason: string;

  constructor(pattern: string, construct: string, offset: number, reason: string) {
    super(`${reason}: \`${shorten(construct)}\` at offset ${offset} in regexp \`${shorten(pattern, 200)}\``);
    this.name = 'RegexTranslationError';
    this.pattern = pattern;
    this.construct = construct;
    this.offset = offset;
    this.reason = reason;
  }
}

/** Keeps messages readable when the construct is, e.g., an unclosed group spanning 2 KB. */
function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
