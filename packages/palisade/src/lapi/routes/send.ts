/**
 * Answer helpers shared by the routes.
 */
import type { FastifyReply } from 'fastify';

/**
 * Sends `items` as a JSON array, or the literal `null` when there are none: CrowdSec returns a
 * Go nil slice, and bouncers read `null` as "no decision".
 */
export function sendJsonOrNull(reply: FastifyReply, items: readonly unknown[]): FastifyReply {
  if (items.length === 0) return reply.type('application/json; charset=utf-8').send('null');
  return reply.send(items);
}
