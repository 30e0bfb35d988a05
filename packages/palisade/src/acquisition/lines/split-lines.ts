/**
 * A bounded line splitter over a byte stream. `node:readline` would buffer a line of any length
 * (an attacker-controlled log can hold a gigabyte without a newline); this one never keeps more
 * than one line of at most `maxLineBytes` plus the chunk being scanned: past the limit it drops
 * what it holds and only counts bytes until the next LF.
 */

/** One line of the input, or the report of a line that was too long. */
export type SplitItem =
  /** `bytes` excludes the LF and one CR before it (Go `bufio.ScanLines`); may be empty. */
  | { readonly kind: 'line'; readonly bytes: Buffer; readonly lineNo: number }
  /** A line over the limit, skipped; `length` counts its bytes without the terminator. */
  | { readonly kind: 'too-long'; readonly length: number; readonly lineNo: number };

/** Options of `splitLines`. */
export interface SplitOptions {
  /** The longest accepted line in bytes, without its CR/LF terminator. */
  readonly maxLineBytes: number;
  /** Called with the size of every chunk read (for byte counters). */
  readonly onChunk?: (bytes: number) => void;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Yields every line of `chunks` in order, 1-based `lineNo` counting every physical line (empty
 * ones included). A final line without LF is yielded too. Strings are taken as UTF-8.
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array | string>,
  options: SplitOptions,
): AsyncGenerator<SplitItem> {
  for await (const batch of splitLineBatches(chunks, options)) yield* batch;
}

/**
 * `splitLines`, one array per chunk read (the lines that chunk completed, possibly none): a
 * consumer then handles a whole chunk synchronously instead of awaiting once per line.
 */
export async function* splitLineBatches(
  chunks: AsyncIterable<Uint8Array | string>,
  options: SplitOptions,
): AsyncGenerator<SplitItem[]> {
  const max = options.maxLineBytes;
  let parts: Buffer[] = [];
  let held = 0;
  // While > 0 the current line is already known to be too long: only its length is tracked.
  let discarded = 0;
  let lineNo = 0;

  const finish = (): SplitItem => {
    lineNo++;
    if (discarded > 0) {
      const length = discarded;
      discarded = 0;
      return { kind: 'too-long', length, lineNo };
    }
    let line = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, held);
    parts = [];
    held = 0;
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
    if (line.length > max) return { kind: 'too-long', length: line.length, lineNo };
    return { kind: 'line', bytes: line, lineNo };
  };

  for await (const raw of chunks) {
    const chunk = toBuffer(raw);
    options.onChunk?.(chunk.length);
    const batch: SplitItem[] = [];
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(LF, start);
      const end = nl === -1 ? chunk.length : nl;
      const size = end - start;
      if (discarded > 0) discarded += size;
      else if (held + size > max + 1) {
        // +1: a trailing CR is not part of the line, so max + 1 bytes may still be valid.
        discarded = held + size;
        parts = [];
        held = 0;
      } else if (size > 0) {
        parts.push(chunk.subarray(start, end));
        held += size;
      }
      if (nl === -1) break;
      batch.push(finish());
      start = nl + 1;
    }
    if (batch.length > 0) yield batch;
  }
  if (held > 0 || discarded > 0) yield [finish()];
}

function toBuffer(raw: Uint8Array | string): Buffer {
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}
