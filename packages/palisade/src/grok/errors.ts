/** Where a grok pattern was defined or written. */
export interface GrokOrigin {
  /** File the pattern comes from (pattern file or parser YAML). */
  readonly file: string;
  /** 1-based line in that file, when known. */
  readonly line?: number;
}

/**
 * A grok pattern that cannot be defined or compiled: unknown `%{REF}`, duplicate definition in a
 * pattern file, or a regexp RE2 would reject. The message names the pattern and where it is from.
 */
export class GrokError extends Error {
  /** Name of the pattern being defined, if it is a named one. */
  readonly patternName: string | undefined;
  /** The grok text. */
  readonly patternText: string;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(
    reason: string,
    patternText: string,
    patternName?: string,
    origin?: GrokOrigin,
    options?: ErrorOptions,
  ) {
    const where =
      origin === undefined ? '' : ` (${origin.file}${origin.line === undefined ? '' : `:${origin.line}`})`;
    const what =
      patternName === undefined ? `grok pattern \`${patternText}\`` : `grok pattern ${patternName}`;
    super(`${what}${where}: ${reason}`, options);
    this.name = 'GrokError';
    this.patternName = patternName;
    this.patternText = patternText;
    this.file = origin?.file;
    this.line = origin?.line;
  }
}
