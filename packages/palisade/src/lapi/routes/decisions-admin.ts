/**
 * Decision deletion for cscli (JWT): `DELETE /v1/decisions` with filters and
 * `DELETE /v1/decisions/:decision_id`. "Delete" means expire (`until := now`): the rows stay, so
 * stream bouncers receive them in `deleted`. Not restricted to `trusted_ips`, as in CrowdSec.
 */
import type { FastifyInstance } from 'fastify';
import type { LapiDeps } from '../context.ts';
import { LapiError } from '../errors.ts';
import { deleteDecisionsFilter, type Query } from '../query-filters.ts';
import { idParam } from './alerts.ts';

/** Registers the routes on a machine-authenticated `app`. */
export function decisionAdminRoutes(deps: LapiDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.delete('/v1/decisions', async (request, reply) => {
      const filter = deleteDecisionsFilter(request.query as Query);
      const n = await deps.store.expireDecisions(filter, deps.now());
      request.log.info({ machine: request.lapi.machine!.machineId, count: n }, 'decisions deleted');
      return reply.send({ nbDeleted: String(n) });
    });

    app.delete('/v1/decisions/:decision_id', async (request, reply) => {
      const id = idParam(request, 'decision_id');
      if (!(await deps.store.expireDecisionById(id, deps.now()))) {
        throw new LapiError('PAL_ERR_LAPI_DECISION_NOT_FOUND', [id]);
      }
      return reply.send({ nbDeleted: '1' });
    });
  };
}
