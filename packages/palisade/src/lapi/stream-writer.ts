/**
 * The body of `GET /v1/decisions/stream`, written page by page as the store yields them:
 * `{"new": [ … ], "deleted": [ … ]}`. The status line is already out when a page fails, so
 * on a store error the JSON is closed properly (the answer stays a 200 with what was sent) and
 * the stream is marked incomplete, which keeps the bouncer's cursor where it was: its next
 * delta repeats what it may have missed.
 */
import type { DecisionRecord, DecisionStream } from '../store/index.ts';
import { decisionToWire } from './wire.ts';

/** Whether the body was produced completely. */
export interface StreamOutcome {
  complete: boolean;
  error?: unknown;
}

/** The body's text chunks; `outcome.complete` is true once the closing `]}` was produced. */
export async function* streamBody(
  stream: DecisionStream,
  nowMs: number,
  outcome: StreamOutcome,
): AsyncGenerator<string> {
  let phase: 'new' | 'deleted' = 'new';
  yield '{"new": [';
  try {
    yield* pages(stream.new, nowMs);
    phase = 'deleted';
    yield '], "deleted": [';
    yield* pages(stream.deleted, nowMs);
  } catch (err) {
    outcome.error = err;
    yield phase === 'new' ? '], "deleted": []}' : ']}';
    return;
  }
  yield ']}';
  outcome.complete = true;
}

async function* pages(source: AsyncIterable<DecisionRecord[]>, nowMs: number): AsyncGenerator<string> {
  let first = true;
  for await (const page of source) {
    if (page.length === 0) continue;
    // One JSON.stringify per page (minus its brackets): V8's serializer beats per-row calls
    // joined with commas, and hand-built strings alike.
    const text = JSON.stringify(page.map((d) => decisionToWire(d, nowMs))).slice(1, -1);
    yield first ? text : `,${text}`;
    first = false;
  }
}
