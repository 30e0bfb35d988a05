/**
 * The LAPI error catalogue: every error a route answers with, its code, HTTP status and message
 * template (`%s` placeholders). Statuses and messages follow CrowdSec's observed behaviour
 * (spec §0-§2), except that a body that fails validation is a 400 naming the field (CrowdSec
 * answers 500). Bodies are `{"message": …}`; JWT failures add `"code": 401` and a
 * `WWW-Authenticate` header, as gin-jwt does.
 */

/** One catalogue entry. */
export interface ErrorSpec {
  readonly status: number;
  readonly message: string;
  /** true ⇒ the body is `{"code":401,"message":…}` with `WWW-Authenticate` (gin-jwt style). */
  readonly jwt?: boolean;
}

/** Every LAPI error, by code. */
export const LAPI_ERRORS = {
  PAL_ERR_LAPI_BAD_JSON: { status: 400, message: 'invalid JSON body: %s' },
  PAL_ERR_LAPI_BAD_BODY: { status: 400, message: '%s' },
  PAL_ERR_LAPI_BAD_GZIP: { status: 400, message: 'invalid gzip body: %s' },
  PAL_ERR_LAPI_UNSUPPORTED_ENCODING: { status: 415, message: 'unsupported content encoding: %s' },
  PAL_ERR_LAPI_BODY_TOO_LARGE: { status: 413, message: 'request body too large (limit %s bytes)' },
  PAL_ERR_LAPI_JWT_MISSING: { status: 401, message: 'cookie token is empty', jwt: true },
  PAL_ERR_LAPI_JWT_INVALID: { status: 401, message: '%s', jwt: true },
  PAL_ERR_LAPI_LOGIN_FAILED: { status: 401, message: '%s', jwt: true },
  PAL_ERR_LAPI_FORBIDDEN: { status: 403, message: 'access forbidden' },
  PAL_ERR_LAPI_UNTRUSTED_IP: { status: 403, message: 'access forbidden from this IP (%s)' },
  PAL_ERR_LAPI_MACHINE_EXISTS: { status: 403, message: "user '%s': user already exist" },
  PAL_ERR_LAPI_REGISTRATION_REFUSED: { status: 401, message: '%s' },
  PAL_ERR_LAPI_INVALID_ID: { status: 400, message: '%s must be valid integer' },
  PAL_ERR_LAPI_OBJECT_NOT_FOUND: { status: 404, message: 'object not found' },
  PAL_ERR_LAPI_MACHINE_NOT_FOUND: { status: 404, message: 'machine not found' },
  PAL_ERR_LAPI_DECISION_NOT_FOUND: {
    status: 500,
    message: "decision with id '%s' doesn't exist: unable to delete",
  },
  PAL_ERR_LAPI_INVALID_FILTER: { status: 500, message: "'%s' doesn't exist: invalid filter" },
  PAL_ERR_LAPI_INVALID_FILTER_VALUE: { status: 500, message: '%s: invalid filter' },
  PAL_ERR_LAPI_PROFILE: { status: 500, message: 'while evaluating profile %s: %s' },
  PAL_ERR_LAPI_METRICS_MISSING: { status: 400, message: '%s' },
  PAL_ERR_LAPI_VALIDATION_FAILED: { status: 422, message: 'validation failure list:\n%s' },
  PAL_ERR_LAPI_ALLOWLIST_NOT_FOUND: { status: 404, message: 'allowlist %s not found' },
  PAL_ERR_LAPI_INTERNAL: { status: 500, message: 'internal error' },
} as const satisfies Record<string, ErrorSpec>;

/** A catalogue code. */
export type LapiErrorCode = keyof typeof LAPI_ERRORS;

/** An error a route answers with: the catalogue entry filled with `args`. */
export class LapiError extends Error {
  readonly code: LapiErrorCode;
  readonly statusCode: number;
  readonly jwt: boolean;

  constructor(code: LapiErrorCode, args: readonly (string | number)[] = [], options?: { cause?: unknown }) {
    const spec: ErrorSpec = LAPI_ERRORS[code];
    super(fill(spec.message, args), options);
    this.name = 'LapiError';
    this.code = code;
    this.statusCode = spec.status;
    this.jwt = spec.jwt === true;
  }

  /** The JSON body of the answer. */
  body(): { code?: number; message: string } {
    return this.jwt ? { code: this.statusCode, message: this.message } : { message: this.message };
  }
}

/** Shorthand: `throw lapiError('PAL_ERR_LAPI_FORBIDDEN')`. */
export function lapiError(code: LapiErrorCode, ...args: (string | number)[]): LapiError {
  return new LapiError(code, args);
}

/** `template` with each `%s` replaced by the next argument, in order. */
function fill(template: string, args: readonly (string | number)[]): string {
  let i = 0;
  return template.replace(/%s/g, () => String(args[i++] ?? ''));
}
