/**
 * Errors about hub content. Each one knows where it came from (file relative to the hub dir,
 * 1-based line and column) so that the CLI can print it as one `file:line: message` line.
 */

/** A position in a hub file. `line`/`column` are 1-based; 0 means "unknown". */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A load or validation error in one hub file. */
export class HubError extends Error {
  readonly where: SourceLocation;

  constructor(where: SourceLocation, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HubError';
    this.where = where;
  }

  /** `file:line: message` (the line is omitted when unknown). */
  format(): string {
    return `${formatLocation(this.where)}: ${this.message}`;
  }
}

/** `file:line` (or just `file` when the line is unknown). */
export function formatLocation(where: SourceLocation): string {
  return where.line > 0 ? `${where.file}:${where.line}` : where.file;
}
