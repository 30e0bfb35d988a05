/**
 * What the LAPI knows about a request once its auth hook ran, and the dependencies every route
 * plugin receives. `request.lapi` is set for every request by the root `onRequest` hook (client
 * IP), then completed by the auth hook of the route's group (machine or bouncer identity).
 */
import type { Logger } from 'pino';
import type { ProfileSet } from '../alerts/profiles.ts';
import type { ServerConfig } from '../config/types.ts';
import type { BouncerRecord, Store } from '../store/index.ts';
import type { JwtIssuer, TokenClaims } from './auth/jwt.ts';
import type { LapiMetrics } from './metrics.ts';

/** Per-request identity. */
export interface RequestIdentity {
  /** Client IP after trusted-proxy resolution (spec §0). */
  clientIp: string;
  /** Set by the machine (JWT) hook. */
  machine?: TokenClaims;
  /** Set by the bouncer (API key / TLS) hook; undefined on HEAD requests, which only check the key. */
  bouncer?: BouncerRecord;
}

declare module 'fastify' {
  interface FastifyRequest {
    lapi: RequestIdentity;
  }
}

/** What the route plugins need. */
export interface LapiDeps {
  readonly store: Store;
  readonly server: ServerConfig;
  readonly profiles: ProfileSet;
  readonly jwt: JwtIssuer;
  readonly metrics: LapiMetrics | null;
  /** Wall clock, epoch ms (tests pin it; it should be the store's clock too). */
  readonly now: () => number;
  readonly log: Logger;
}
