/**
 * Alert routes (JWT): `POST /v1/alerts` (validate, profiles, store in one go, then 201 with the
 * ids as strings), `GET|HEAD /v1/alerts[/:alert_id]`, and `DELETE /v1/alerts[/:alert_id]`, which
 * only `trusted_ips` may call. The 201 is sent after the store's transaction committed, and the
 * store commits durably (see `store/`), so an acknowledged alert survives a crash.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readAlertsBody } from '../alert-body.ts';
import { CidrSet } from '../client-ip.ts';
import type { LapiDeps } from '../context.ts';
import { LapiError } from '../errors.ts';
import { applyProfiles } from '../ingest.ts';
import { alertQueryFilter, type Query } from '../query-filters.ts';
import { alertToWire } from '../wire.ts';
import { sendJsonOrNull } from './send.ts';

/** Registers the alert routes on a machine-authenticated `app`. */
export function alertRoutes(deps: LapiDeps) {
  const trusted = new CidrSet(deps.server.trustedIps);
  const requireTrusted = async (request: FastifyRequest): Promise<void> => {
    if (!trusted.has(request.lapi.clientIp)) {
      throw new LapiError('PAL_ERR_LAPI_UNTRUSTED_IP', [request.lapi.clientIp]);
    }
  };
  return async (app: FastifyInstance): Promise<void> => {
    app.post('/v1/alerts', async (request, reply) => {
      const { alerts, errors } = readAlertsBody(request.body);
      if (errors.length > 0)
        throw new LapiError('PAL_ERR_LAPI_BAD_BODY', [`invalid alert: ${errors.join('; ')}`]);
      const machineId = request.lapi.machine!.machineId;
      applyProfiles(alerts, deps.profiles, machineId);
      const result = await deps.store.insertAlerts(alerts.map((alert) => ({ alert, machineId })));
      if (result.invalidDecisions > 0) {
        request.log.warn(
          { invalid: result.invalidDecisions, dropped: result.droppedAlerts },
          'decisions with an invalid value discarded',
        );
      }
      return reply.code(201).send(result.ids.map(String));
    });

    const list = async (request: FastifyRequest, reply: FastifyReply) => {
      const now = deps.now();
      const filter = alertQueryFilter(request.query as Query, now);
      const found = await deps.store.queryAlerts(filter, now);
      if (request.method === 'HEAD') return reply.code(200).send();
      return sendJsonOrNull(
        reply,
        found.map((a) => alertToWire(a, now)),
      );
    };
    app.get('/v1/alerts', list);
    app.head('/v1/alerts', list);

    const one = async (request: FastifyRequest, reply: FastifyReply) => {
      const id = idParam(request, 'alert_id');
      const alert = await deps.store.getAlert(id);
      if (!alert) throw new LapiError('PAL_ERR_LAPI_OBJECT_NOT_FOUND');
      if (request.method === 'HEAD') return reply.code(200).send();
      return reply.send(alertToWire(alert, deps.now()));
    };
    app.get('/v1/alerts/:alert_id', one);
    app.head('/v1/alerts/:alert_id', one);

    app.delete('/v1/alerts', { preHandler: requireTrusted }, async (request, reply) => {
      const now = deps.now();
      const filter = alertQueryFilter(request.query as Query, now);
      const n = await deps.store.deleteAlerts(filter, now);
      return reply.send({ nbDeleted: String(n) });
    });

    app.delete('/v1/alerts/:alert_id', { preHandler: requireTrusted }, async (request, reply) => {
      const id = idParam(request, 'alert_id');
      if (!(await deps.store.deleteAlertById(id, deps.now())))
        throw new LapiError('PAL_ERR_LAPI_OBJECT_NOT_FOUND');
      return reply.send({ nbDeleted: '1' });
    });
  };
}

/** A positive integer path parameter; 400 `<name> must be valid integer` otherwise. */
export function idParam(request: FastifyRequest, name: string): number {
  const text = (request.params as Record<string, string>)[name] ?? '';
  if (!/^\d{1,15}$/.test(text)) throw new LapiError('PAL_ERR_LAPI_INVALID_ID', [name]);
  return Number(text);
}
