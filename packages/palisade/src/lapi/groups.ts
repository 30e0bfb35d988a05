/**
 * The route groups, one encapsulated Fastify plugin per kind of caller (code-anchors §7.11):
 * machines (JWT), bouncers (API key / TLS), either (usage metrics). Each group's `onRequest`
 * auth hook stays inside its plugin, so a route added to a group cannot skip authentication.
 */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { bouncerAuthHook } from './auth/bouncer-auth.ts';
import { machineAuthHook } from './auth/machine-auth.ts';
import type { LapiDeps } from './context.ts';
import type { PendingWork } from './pending.ts';
import { alertRoutes } from './routes/alerts.ts';
import { allowlistRoutes } from './routes/allowlists.ts';
import { bouncerDecisionRoutes } from './routes/bouncer-decisions.ts';
import { decisionAdminRoutes } from './routes/decisions-admin.ts';
import { machineSelfRoutes } from './routes/machine-self.ts';
import { usageMetricsRoutes } from './routes/usage-metrics.ts';

/** Routes for machines (agents, cscli), behind a JWT. */
export function machineGroup(deps: LapiDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', machineAuthHook(deps.jwt));
    await app.register(machineSelfRoutes(deps));
    await app.register(alertRoutes(deps));
    await app.register(decisionAdminRoutes(deps));
    await app.register(allowlistRoutes());
  };
}

/** Routes for bouncers, behind an API key or a TLS client certificate. */
export function bouncerGroup(deps: LapiDeps, pending: PendingWork) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', bouncerHook(deps));
    await app.register(bouncerDecisionRoutes(deps, pending));
  };
}

/**
 * Routes both kinds call (usage metrics). As in CrowdSec: `X-Api-Key` ⇒ bouncer;
 * `Authorization` ⇒ machine; a `crowdsec/` User-Agent ⇒ machine; anything else ⇒ bouncer (TLS).
 */
export function eitherGroup(deps: LapiDeps) {
  const machine = machineAuthHook(deps.jwt);
  const bouncer = bouncerHook(deps);
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', async function (request, reply) {
      const h = request.headers;
      const isMachine =
        h['x-api-key'] === undefined &&
        (h.authorization !== undefined || String(h['user-agent'] ?? '').startsWith('crowdsec/'));
      await (isMachine ? machine : bouncer).call(this, request, reply);
    });
    await app.register(usageMetricsRoutes(deps));
  };
}

function bouncerHook(deps: LapiDeps): onRequestAsyncHookHandler {
  return bouncerAuthHook({ store: deps.store, tls: deps.server.tls, now: deps.now, log: deps.log });
}
