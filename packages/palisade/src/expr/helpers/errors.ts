/**
 * The run-time error a helper throws where CrowdSec's helper returns an error (or would fail),
 * instead of inventing a plausible value (code-anchors §8.2). The expression runner catches it,
 * counts it per evaluation and treats the expression as failed (spec §4.3 "errors").
 */
export class HelperError extends Error {
  /** Name of the helper that failed, e.g. `UnmarshalJSON`. */
  readonly helper: string;
  /** Stable machine-readable reason: `invalid-argument`, `not-configured`, `decode-failed`, … */
  readonly code: string;

  constructor(helper: string, code: string, message: string, options?: { cause?: unknown }) {
    super(`${helper}: ${message}`, options);
    this.name = 'HelperError';
    this.helper = helper;
    this.code = code;
  }
}

/** Thrown by a helper whose external dependency (LAPI, CTI, HTTP, …) is not configured. */
export function notConfigured(helper: string, what: string): HelperError {
  return new HelperError(helper, 'not-configured', `${what} is not configured`);
}
