/**
 * Machine tokens: HS256 JWTs with the claims CrowdSec's gin-jwt middleware uses (`id` = the
 * machine id, `exp`, `orig_iat`), valid one hour and refreshable within one hour of issue.
 *
 * The secret is `CS_LAPI_SECRET` when set (at least 64 bytes; it must be shared by every replica
 * behind one address, otherwise a token issued by one is refused by the others), else 64 random
 * bytes per process: tokens then do not survive a restart, and agents simply log in again.
 */
import { randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/** Token lifetime and refresh window (gin-jwt `Timeout` and `MaxRefresh` in CrowdSec). */
export const TOKEN_LIFETIME_MS = 3600_000;
export const MAX_REFRESH_MS = 3600_000;
/** Minimum length of `CS_LAPI_SECRET`, in bytes. */
export const MIN_SECRET_BYTES = 64;

/** A token and its expiry, as the login answer carries them. */
export interface IssuedToken {
  readonly token: string;
  /** Expiry in epoch milliseconds. */
  readonly expireMs: number;
}

/** A verified token's claims. */
export interface TokenClaims {
  readonly machineId: string;
  /** Epoch seconds. */
  readonly origIat: number;
  readonly exp: number;
}

/** Why a token was refused; `message` is what the 401 body says. */
export class TokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenError';
  }
}

/**
 * The secret from `env.CS_LAPI_SECRET`, or 64 random bytes when unset. Throws when it is set
 * but shorter than 64 bytes (CrowdSec refuses to start too).
 */
export function jwtSecretFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Uint8Array {
  const text = env.CS_LAPI_SECRET;
  if (text === undefined || text === '') return new Uint8Array(randomBytes(64));
  const bytes = new TextEncoder().encode(text);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new Error(
      `CS_LAPI_SECRET must be at least ${MIN_SECRET_BYTES} bytes long (it has ${bytes.length})`,
    );
  }
  return bytes;
}

/** Issues and verifies machine tokens with one secret. */
export class JwtIssuer {
  readonly #secret: Uint8Array;
  readonly #now: () => number;

  /** `now` returns epoch milliseconds (tests move the clock). */
  constructor(secret: Uint8Array, now: () => number = Date.now) {
    this.#secret = secret;
    this.#now = now;
  }

  /** A fresh token for `machineId`. */
  async issue(machineId: string): Promise<IssuedToken> {
    const nowMs = this.#now();
    const iat = Math.floor(nowMs / 1000);
    const exp = Math.floor((nowMs + TOKEN_LIFETIME_MS) / 1000);
    const token = await new SignJWT({ id: machineId, orig_iat: iat })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime(exp)
      .sign(this.#secret);
    return { token, expireMs: exp * 1000 };
  }

  /** The claims of a valid, unexpired token; throws TokenError otherwise. */
  async verify(token: string): Promise<TokenClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.#secret, {
        algorithms: ['HS256'],
        currentDate: new Date(this.#now()),
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new TokenError('Token is expired', { cause: err });
      throw new TokenError('token is invalid', { cause: err });
    }
    const id = payload.id;
    const exp = payload.exp;
    if (typeof id !== 'string' || id === '' || typeof exp !== 'number') {
      throw new TokenError('token is invalid');
    }
    const origIat = typeof payload.orig_iat === 'number' ? payload.orig_iat : 0;
    return { machineId: id, origIat, exp };
  }

  /** A new token for a still-valid token issued less than MAX_REFRESH ago. */
  async refresh(claims: TokenClaims): Promise<IssuedToken> {
    if (claims.origIat * 1000 + MAX_REFRESH_MS < this.#now()) throw new TokenError('Token is expired');
    return this.issue(claims.machineId);
  }
}
