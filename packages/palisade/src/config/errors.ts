/**
 * Errors of configuration loading. Each problem names where it comes from (`file:line: message`);
 * one ConfigError carries all problems of a file, so a user fixes them in one pass.
 */
import type { HubError } from '../hub/errors.ts';

/** The configuration cannot be used; `problems` are `file:line: message` lines. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options?: { cause?: unknown }) {
    super(problems.join('\n'), options);
    this.name = 'ConfigError';
    this.problems = problems;
  }

  /** A ConfigError from decoder errors (each already knows its file and line). */
  static fromHubErrors(errors: readonly HubError[]): ConfigError {
    return new ConfigError(errors.map((e) => e.format()));
  }
}
