/**
 * Machine housekeeping routes (JWT): `GET /v1/heartbeat` (sets `last_heartbeat`),
 * `GET /v1/refresh_token` (a new token while the old one is valid and younger than one hour),
 * `DELETE /v1/watchers/self` (the agent unregisters itself on exit).
 */
import type { FastifyInstance } from 'fastify';
import { TokenError } from '../auth/jwt.ts';
import type { LapiDeps } from '../context.ts';
import { LapiError } from '../errors.ts';
import { rfc3339Seconds } from '../wire-time.ts';

/** Registers the routes on a machine-authenticated `app`. */
export function machineSelfRoutes(deps: LapiDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/v1/heartbeat', async (request, reply) => {
      const id = request.lapi.machine!.machineId;
      if (!(await deps.store.updateMachine(id, { lastHeartbeat: deps.now() }))) {
        throw new LapiError('PAL_ERR_LAPI_MACHINE_NOT_FOUND');
      }
      return reply.code(200).send();
    });

    app.get('/v1/refresh_token', async (request, reply) => {
      try {
        const issued = await deps.jwt.refresh(request.lapi.machine!);
        return reply.send({ code: 200, expire: rfc3339Seconds(issued.expireMs), token: issued.token });
      } catch (err) {
        if (err instanceof TokenError)
          throw new LapiError('PAL_ERR_LAPI_JWT_INVALID', [err.message], { cause: err });
        throw err;
      }
    });

    app.delete('/v1/watchers/self', async (request, reply) => {
      const id = request.lapi.machine!.machineId;
      if (!(await deps.store.deleteMachine(id))) throw new LapiError('PAL_ERR_LAPI_MACHINE_NOT_FOUND');
      request.log.info({ machine: id }, 'machine unregistered itself');
      return reply.code(204).send();
    });
  };
}
