/**
 * Errors of the expression language, located in the expression text like expr-lang's `file.Error`:
 * the message, then ` (line:column)`, then the offending source line and a caret under the column.
 *
 * ```text
 * unknown name foo (1:6)
 *  | 1 + foo
 *  | ....^
 * ```
 */

/** Where an error happened: 1-based line, 1-based column (in code points), and the caret snippet. */
export interface Location {
  readonly line: number;
  readonly column: number;
  readonly snippet: string;
}

/**
 * Computes line, column and snippet for a UTF-16 offset in `source`. The column counts code points,
 * as Go counts runes. The caret line is omitted when a non-ASCII character precedes the column,
 * because its display width is unknown (expr-lang does the same).
 */
export function locate(source: string, offset: number): Location {
  let line = 1;
  let column = 0;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), source.length);
  for (let i = 0; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      line++;
      column = 0;
      lineStart = i + 1;
    } else if (c < 0xdc00 || c > 0xdfff) {
      column++;
    }
  }
  let lineEnd = source.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = source.length;
  const text = source.slice(lineStart, lineEnd).replaceAll('\t', ' ');
  let snippet = `\n | ${text}`;
  const before = text.slice(0, end - lineStart);
  const at = text.codePointAt(end - lineStart);
  if (/^[\x00-\x7f]*$/.test(before) && (at === undefined || at < 0x80)) {
    snippet += `\n | ${'.'.repeat(column)}^`;
  }
  return { line, column: column + 1, snippet };
}

function render(message: string, where: Location | undefined): string {
  return where ? `${message} (${where.line}:${where.column})${where.snippet}` : message;
}

/**
 * A load-time error: syntax error, unknown name, type error, invalid regular expression. `message`
 * is the full rendered text; `reason` is the bare message without position. `line`/`column` are 0
 * when the error concerns the whole expression (e.g. its result type).
 */
export class ExprError extends Error {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly snippet: string;
  constructor(reason: string, source?: string, offset?: number, options?: { cause?: unknown }) {
    const where = source !== undefined && offset !== undefined ? locate(source, offset) : undefined;
    super(render(reason, where), options);
    this.name = 'ExprError';
    this.reason = reason;
    this.line = where?.line ?? 0;
    this.column = where?.column ?? 0;
    this.snippet = where?.snippet ?? '';
  }
}

/**
 * An error raised while evaluating a compiled expression (nil dereference, index out of range,
 * failing helper, …), located at the node that failed. `cause` holds the helper's own error.
 */
export class ExprRuntimeError extends Error {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly snippet: string;
  constructor(reason: string, source: string, offset: number, options?: { cause?: unknown }) {
    const where = locate(source, offset);
    super(render(reason, where), options);
    this.name = 'ExprRuntimeError';
    this.reason = reason;
    this.line = where.line;
    this.column = where.column;
    this.snippet = where.snippet;
  }
}

/**
 * Internal: thrown by runtime operations with the offset of the failing node; `Program.run` turns
 * it into an `ExprRuntimeError`. Not exported from the package.
 */
export class Fault extends Error {
  readonly pos: number;
  constructor(message: string, pos: number, options?: { cause?: unknown }) {
    super(message, options);
    this.pos = pos;
  }
}
