/**
 * Bouncer routes (API key or TLS): `GET|HEAD /v1/decisions` (live mode: active decisions, `null`
 * when none) and `GET|HEAD /v1/decisions/stream` (stream mode, driven by the store's change
 * sequence). HEAD answers 200 with no body after the key check and touches nothing.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { LapiDeps } from '../context.ts';
import type { PendingWork } from '../pending.ts';
import { decisionQueryFilter, type Query, streamQuery } from '../query-filters.ts';
import { type StreamOutcome, streamBody } from '../stream-writer.ts';
import { decisionToWire } from '../wire.ts';
import { sendJsonOrNull } from './send.ts';

/** `last_pull` of live-mode bouncers is written at most this often. */
const LIVE_PULL_UPDATE_MS = 60_000;

/** The stream body when nothing changed (streamBody's bytes for empty lists; a Buffer keeps the bare content type). */
const EMPTY_STREAM_BODY = Buffer.from('{"new": [], "deleted": []}');

/** Registers the routes on a bouncer-authenticated `app`. */
export function bouncerDecisionRoutes(deps: LapiDeps, pending: PendingWork) {
  return async (app: FastifyInstance): Promise<void> => {
    app.head('/v1/decisions', async (_request, reply) => reply.code(200).send());
    app.get('/v1/decisions', async (request, reply) => {
      const bouncer = request.lapi.bouncer!;
      const now = deps.now();
      const found = await deps.store.queryDecisions(decisionQueryFilter(request.query as Query), now);
      if (found.length > 0) deps.metrics?.decisionsOk.inc({ bouncer: bouncer.name });
      else deps.metrics?.decisionsKo.inc({ bouncer: bouncer.name });
      if (bouncer.lastPull === null || now - bouncer.lastPull >= LIVE_PULL_UPDATE_MS) {
        await deps.store.updateBouncer(bouncer.id, { lastPull: now });
      }
      return sendJsonOrNull(
        reply,
        found.map((d) => decisionToWire(d, now)),
      );
    });

    app.head('/v1/decisions/stream', async (_request, reply) => reply.code(200).send());
    app.get('/v1/decisions/stream', async (request, reply) => {
      const bouncer = request.lapi.bouncer!;
      const t0 = deps.now();
      const q = streamQuery(request.query as Query);
      const stream = await deps.store.streamDecisions({
        bouncerId: bouncer.id,
        startup: q.startup,
        filter: q.filter,
        dedup: q.dedup,
        t0,
      });
      if (stream.empty === true) {
        // Nothing changed: a fixed body, and the cursor write only when last_pull is due.
        if (stream.ackNeeded !== false) {
          reply.raw.once('finish', () => {
            const ack = deps.store.ackStream(bouncer.id, stream.cursor).catch((err: unknown) => {
              request.log.error({ err, bouncer: bouncer.name }, 'cannot store the stream cursor');
            });
            pending.add(ack);
          });
        }
        return reply.type('application/json').send(EMPTY_STREAM_BODY);
      }
      const outcome: StreamOutcome = { complete: false };
      // 'finish': the last byte was handed to the OS. Only then does the cursor move on.
      reply.raw.once('finish', () => {
        if (!outcome.complete) {
          if (outcome.error !== undefined)
            request.log.error({ err: outcome.error }, 'decision stream failed');
          return;
        }
        const ack = deps.store.ackStream(bouncer.id, stream.cursor).catch((err: unknown) => {
          request.log.error({ err, bouncer: bouncer.name }, 'cannot store the stream cursor');
        });
        pending.add(ack);
      });
      return reply.type('application/json').send(Readable.from(streamBody(stream, t0, outcome)));
    });
  };
}
