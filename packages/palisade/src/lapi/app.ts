/**
 * Builds the LAPI Fastify application (in-process; `server.ts` adds listeners): body handling,
 * client IP resolution, the route groups, CrowdSec-shaped errors, 404/405 with empty bodies,
 * and request metrics. Responses are never compressed (old bouncers break on it).
 */
import { performance } from 'node:perf_hooks';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { AUTHENTICATED_BODY_LIMIT, installBodyHandling } from './body.ts';
import { ClientIpResolver } from './client-ip.ts';
import type { LapiDeps, RequestIdentity } from './context.ts';
import { LapiError } from './errors.ts';
import { bouncerGroup, eitherGroup, machineGroup } from './groups.ts';
import { PendingWork } from './pending.ts';
import { RouteTable } from './route-table.ts';
import { publicRoutes } from './routes/public.ts';

/** The application and what tests and the server need besides it. */
export interface LapiApp {
  readonly app: FastifyInstance;
  /** Every registered route (method, URL pattern). */
  readonly routes: RouteTable;
  /** Waits for post-response work (stream cursor acknowledgements). */
  settle(): Promise<void>;
}

/** Options of `buildLapiApp` that are not dependencies. */
export interface BuildOptions {
  /** Passed to Fastify (`https` for TLS, `http2`, …). */
  readonly fastify?: Partial<FastifyServerOptions> & Record<string, unknown>;
}

const START = Symbol('lapi.start');

/** Builds and readies the application. */
export async function buildLapiApp(deps: LapiDeps, options: BuildOptions = {}): Promise<LapiApp> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: AUTHENTICATED_BODY_LIMIT,
    exposeHeadRoutes: false,
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    ...(options.fastify ?? {}),
  } as FastifyServerOptions) as unknown as FastifyInstance;
  const routes = new RouteTable();
  const pending = new PendingWork();
  const ips = new ClientIpResolver(deps.server.useForwardedForHeaders ? deps.server.trustedProxies : []);

  routes.record(app);
  installBodyHandling(app);
  app.decorateRequest('lapi', null as unknown as RequestIdentity);
  app.addHook('onRequest', async (request) => {
    (request as unknown as Record<symbol, number>)[START] = performance.now();
    request.lapi = { clientIp: ips.resolve(request.raw.socket.remoteAddress, request.headers) };
  });
  if (deps.metrics) {
    const metrics = deps.metrics;
    app.addHook('onResponse', async (request) => {
      const started = (request as unknown as Record<symbol, number>)[START] ?? performance.now();
      const route = request.routeOptions.url ?? 'invalid-endpoint';
      metrics.observe(route, request.method, (performance.now() - started) / 1000, {
        machine: request.lapi?.machine?.machineId,
        bouncer: request.lapi?.bouncer?.name,
      });
    });
  }

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof LapiError) {
      if (error.jwt) reply.header('www-authenticate', 'JWT realm=Crowdsec API local');
      if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
      return reply.code(error.statusCode).send(error.body());
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? AUTHENTICATED_BODY_LIMIT;
      return reply.code(413).send(new LapiError('PAL_ERR_LAPI_BODY_TOO_LARGE', [limit]).body());
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ message: error.message });
    }
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send(new LapiError('PAL_ERR_LAPI_INTERNAL').body());
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routes.methodsFor(path);
    if (allowed.length > 0) return reply.code(405).header('allow', allowed.join(', ')).send();
    return reply.code(404).send();
  });

  await app.register(publicRoutes(deps));
  await app.register(machineGroup(deps));
  await app.register(bouncerGroup(deps, pending));
  await app.register(eitherGroup(deps));
  await app.ready();
  return { app, routes, settle: () => pending.settle() };
}
