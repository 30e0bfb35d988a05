/**
 * The machine (agent, cscli) auth hook: a valid JWT from `Authorization: Bearer`, the `token`
 * query parameter or the `jwt` cookie (gin-jwt's lookup order in CrowdSec). As in CrowdSec the
 * token is not checked against the database on each request: it is valid until it expires.
 */
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { LapiError } from '../errors.ts';
import { first } from '../query-filters.ts';
import { type JwtIssuer, TokenError } from './jwt.ts';

/** The raw token of `request`, or undefined when it carries none. */
export function findToken(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const fromQuery = first(request.query as Record<string, string>, 'token');
  if (fromQuery) return fromQuery;
  const cookie = request.headers.cookie;
  if (typeof cookie === 'string') {
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === 'jwt') {
        const value = part.slice(eq + 1).trim();
        if (value !== '') return value;
      }
    }
  }
  return undefined;
}

/** An onRequest hook that sets `request.lapi.machine` or answers 401. */
export function machineAuthHook(jwt: JwtIssuer): onRequestAsyncHookHandler {
  return async (request) => {
    const token = findToken(request);
    if (token === undefined) throw new LapiError('PAL_ERR_LAPI_JWT_MISSING');
    try {
      request.lapi.machine = await jwt.verify(token);
    } catch (err) {
      if (err instanceof TokenError)
        throw new LapiError('PAL_ERR_LAPI_JWT_INVALID', [err.message], { cause: err });
      throw err;
    }
  };
}
