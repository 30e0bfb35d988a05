/**
 * Transparent gzip: an input whose first two bytes are the gzip magic (1f 8b) is decompressed
 * through a `node:zlib` stream, whatever its file name; anything else passes through unchanged.
 * Streaming both ways, so a small compressed file that expands hugely never sits in memory.
 */
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Yields the bytes of `chunks`, gunzipped when they start with the gzip magic. */
export async function* maybeGunzip(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  const it = chunks[Symbol.asyncIterator]();
  // Collect at least two bytes (a first chunk may be a single byte) to look at the magic.
  const head: Buffer[] = [];
  let headLen = 0;
  let ended = false;
  while (headLen < 2) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = toBuffer(r.value);
    head.push(b);
    headLen += b.length;
  }
  const first = Buffer.concat(head, headLen);
  const rest = async function* (): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (ended) return;
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield toBuffer(r.value);
      }
    } finally {
      await it.return?.();
    }
  };
  if (!(first.length >= 2 && first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1)) {
    yield* rest();
    return;
  }
  const gunzip = createGunzip();
  // pipeline propagates errors both ways and destroys the source if the consumer stops early.
  pipeline(Readable.from(rest()), gunzip, () => {});
  for await (const out of gunzip) yield out as Buffer;
}

function toBuffer(raw: Uint8Array | string): Buffer {
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}
