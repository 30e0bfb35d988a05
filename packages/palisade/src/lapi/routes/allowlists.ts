/**
 * Centralised allowlist routes (JWT). Palisade does not store LAPI allowlists yet, so these
 * answer as a LAPI with no allowlist does: empty lists, "not allowlisted", and 404 for a named
 * list. They exist so that `cscli decisions add`, which checks first, keeps working.
 */
import type { FastifyInstance } from 'fastify';
import { BodyCheck } from '../body-check.ts';
import { LapiError } from '../errors.ts';

/** Registers the routes on a machine-authenticated `app`. */
export function allowlistRoutes() {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/v1/allowlists', async (_request, reply) => reply.send([]));
    app.get('/v1/allowlists/:allowlist_name', async (request) => {
      const name = (request.params as Record<string, string>).allowlist_name ?? '';
      throw new LapiError('PAL_ERR_LAPI_ALLOWLIST_NOT_FOUND', [name]);
    });
    app.get('/v1/allowlists/check/:ip_or_range', async (_request, reply) =>
      reply.send({ allowlisted: false, reason: '' }),
    );
    // HEAD answers 200 when listed, 204 when not.
    app.head('/v1/allowlists/check/:ip_or_range', async (_request, reply) => reply.code(204).send());
    app.post('/v1/allowlists/check', async (request, reply) => {
      const c = new BodyCheck();
      const o = c.object(request.body, 'body') ?? {};
      const targets = c.stringArray(o, 'targets', '');
      if (c.errors.length > 0) throw new LapiError('PAL_ERR_LAPI_BAD_BODY', [c.errors.join('; ')]);
      if (targets.length === 0)
        throw new LapiError('PAL_ERR_LAPI_BAD_BODY', ['targets list cannot be empty']);
      return reply.send({ results: [] });
    });
  };
}
