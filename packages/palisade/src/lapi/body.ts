/**
 * Request bodies (spec §0): JSON whatever the Content-Type (Go clients bind JSON without
 * looking at it), `Content-Encoding: gzip` accepted (the Go client gzips bodies over 5 KiB),
 * and size limits applied to the decompressed bytes while decompressing, so a small gzip bomb
 * stops at the limit instead of filling memory.
 */
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { LapiError } from './errors.ts';

/** Body limit of routes that need no authentication (registration, login): 2 MiB. */
export const UNAUTHENTICATED_BODY_LIMIT = 2 * 1024 * 1024;
/** Body limit of authenticated routes: 50 MiB. */
export const AUTHENTICATED_BODY_LIMIT = 50 * 1024 * 1024;

/** Installs the JSON parser and the gzip decoding on `app` (root level: every route). */
export function installBodyHandling(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
    const body = text as string;
    if (body.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(body));
    } catch (err) {
      done(new LapiError('PAL_ERR_LAPI_BAD_JSON', [(err as Error).message], { cause: err }), undefined);
    }
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? '')
      .trim()
      .toLowerCase();
    if (encoding === '' || encoding === 'identity') return payload;
    if (encoding !== 'gzip' && encoding !== 'x-gzip') {
      throw new LapiError('PAL_ERR_LAPI_UNSUPPORTED_ENCODING', [encoding]);
    }
    const limit = request.routeOptions.bodyLimit ?? AUTHENTICATED_BODY_LIMIT;
    return gunzipWithLimit(payload as IncomingMessage, limit);
  });
}

/** A counting stage that fails with 413 as soon as more than `limit` bytes went through. */
class LimitStage extends Transform {
  #seen = 0;
  readonly #limit: number;

  constructor(limit: number) {
    super();
    this.#limit = limit;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.#seen += chunk.length;
    if (this.#seen > this.#limit) {
      callback(new LapiError('PAL_ERR_LAPI_BODY_TOO_LARGE', [this.#limit]));
      return;
    }
    callback(null, chunk);
  }
}

/**
 * `source` decompressed, failing (413) past `limit` decompressed bytes and (400) on corrupt
 * data. The compressed byte count is published as `receivedEncodedLength`, which Fastify
 * compares with Content-Length.
 */
export function gunzipWithLimit(source: NodeJS.ReadableStream, limit: number): NodeJS.ReadableStream {
  const gunzip = createGunzip();
  const out = new LimitStage(limit) as LimitStage & { receivedEncodedLength: number };
  out.receivedEncodedLength = 0;
  source.on('data', (chunk: Buffer) => {
    out.receivedEncodedLength += chunk.length;
  });
  const stop = (err: Error): void => {
    source.unpipe(gunzip);
    gunzip.unpipe(out);
    gunzip.destroy();
    if (!out.destroyed) out.destroy(err);
  };
  gunzip.on('error', (err) => stop(new LapiError('PAL_ERR_LAPI_BAD_GZIP', [err.message], { cause: err })));
  out.on('error', () => {
    // Stop decompressing at once: the rest of a bomb is never inflated.
    source.unpipe(gunzip);
    gunzip.destroy();
  });
  source.pipe(gunzip).pipe(out);
  return out;
}
