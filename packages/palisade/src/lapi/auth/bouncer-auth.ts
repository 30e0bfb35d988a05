/**
 * The bouncer auth hook (spec §1.2, §1.3). A verified TLS client certificate with a bouncer OU
 * identifies `<CN>@<ip>` (row auto-created with auth type `tls`); otherwise `X-Api-Key` is looked
 * up per (key hash, client IP) by the store, which creates `<name>@<ip>` rows as needed. Every
 * failure is CrowdSec's 403 `access forbidden`. HEAD requests only check that the key exists:
 * no row is created and nothing is updated.
 */
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { TlsConfig } from '../../config/types.ts';
import type { BouncerRecord, Store } from '../../store/index.ts';
import { StoreError } from '../../store/index.ts';
import { LapiError } from '../errors.ts';
import { generateApiKey, hashApiKey } from './api-key.ts';
import { certificateProblem, clientCertificate } from './tls-identity.ts';

/** Dependencies of the hook. */
export interface BouncerAuthDeps {
  readonly store: Store;
  readonly tls: TlsConfig | null;
  readonly now: () => number;
  readonly log: { warn(obj: object, msg: string): void };
}

/** `type` and `version` from a User-Agent: `type/version`, else the whole UA and `N/A`. */
export function splitUserAgent(ua: string): { type: string; version: string } {
  const parts = ua.split('/');
  return parts.length === 2 ? { type: parts[0]!, version: parts[1]! } : { type: ua, version: 'N/A' };
}

/** An onRequest hook that sets `request.lapi.bouncer` (except on HEAD) or answers 403. */
export function bouncerAuthHook(deps: BouncerAuthDeps): onRequestAsyncHookHandler {
  return async (request) => {
    const forbidden = (why: string): LapiError => {
      deps.log.warn({ ip: request.lapi.clientIp, why }, 'bouncer authentication refused');
      return new LapiError('PAL_ERR_LAPI_FORBIDDEN');
    };
    const cert = deps.tls ? clientCertificate(request) : null;
    if (cert === 'unverified') throw forbidden('client certificate not verified');
    let bouncer: BouncerRecord | undefined;
    if (cert !== null) {
      const problem = certificateProblem(cert, deps.tls!.bouncersAllowedOu, deps.now());
      if (problem !== null) throw forbidden(problem);
      if (request.method === 'HEAD') return;
      bouncer = await tlsBouncer(deps.store, `${cert.cn}@${request.lapi.clientIp}`, request.lapi.clientIp);
      if (bouncer === undefined) throw forbidden('a bouncer with this name uses another auth type');
    } else {
      const key = request.headers['x-api-key'];
      if (typeof key !== 'string' || key === '') throw forbidden('no API key');
      const hash = hashApiKey(key);
      if (request.method === 'HEAD') {
        if (!(await deps.store.bouncerKeyExists(hash))) throw forbidden('unknown API key');
        return;
      }
      bouncer = await deps.store.resolveBouncer(hash, request.lapi.clientIp);
      if (bouncer === undefined) throw forbidden('unknown API key');
      if (bouncer.authType !== 'api-key') throw forbidden(`bouncer ${bouncer.name} uses ${bouncer.authType}`);
    }
    request.lapi.bouncer = await refreshUserAgent(deps.store, bouncer, request);
  };
}

async function tlsBouncer(store: Store, name: string, ip: string): Promise<BouncerRecord | undefined> {
  const existing = await store.getBouncer(name);
  if (existing) return existing.authType === 'tls' ? existing : undefined;
  try {
    // As CrowdSec does, the row gets a random key nobody knows (key lookups also check auth type).
    return await store.createBouncer({
      name,
      apiKeyHash: hashApiKey(generateApiKey()),
      ipAddress: ip,
      authType: 'tls',
      autoCreated: true,
    });
  } catch (err) {
    // Two first requests at once: the other one created it.
    if (err instanceof StoreError && err.code === 'conflict') return store.getBouncer(name);
    throw err;
  }
}

async function refreshUserAgent(
  store: Store,
  b: BouncerRecord,
  request: FastifyRequest,
): Promise<BouncerRecord> {
  const ua = request.headers['user-agent'] ?? '';
  const { type, version } = splitUserAgent(ua);
  if (b.type === type && b.version === version) return b;
  await store.updateBouncer(b.id, { type, version });
  return { ...b, type, version };
}
