import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type SplitItem, splitLines } from '../../src/acquisition/index.ts';

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const p of parts) yield p;
}

async function collect(items: AsyncIterable<SplitItem>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of items) {
    out.push(
      item.kind === 'line'
        ? `${item.lineNo}:${item.bytes.toString()}`
        : `${item.lineNo}:too-long(${item.length})`,
    );
  }
  return out;
}

describe('splitLines', () => {
  it('splits on LF, strips one CR before LF and keeps a final line without LF', async () => {
    const got = await collect(splitLines(chunksOf('a\r\nb\n\nc\r\r\nlast'), { maxLineBytes: 100 }));
    assert.deepEqual(got, ['1:a', '2:b', '3:', '4:c\r', '5:last']);
  });

  it('joins a line split across chunks, including a CR/LF pair split in two', async () => {
    const got = await collect(splitLines(chunksOf('he', 'llo\r', '\nwor', 'ld\r'), { maxLineBytes: 100 }));
    assert.deepEqual(got, ['1:hello', '2:world']);
  });

  it('does not yield an extra empty line after a final LF', async () => {
    assert.deepEqual(await collect(splitLines(chunksOf('x\n'), { maxLineBytes: 10 })), ['1:x']);
    assert.deepEqual(await collect(splitLines(chunksOf(), { maxLineBytes: 10 })), []);
  });

  it('rejects a line over the limit, counting its bytes, and goes on with the next line', async () => {
    const long = 'x'.repeat(25);
    const got = await collect(
      splitLines(chunksOf(`ok\n${long.slice(0, 7)}`, long.slice(7), '\nnext\n'), { maxLineBytes: 10 }),
    );
    assert.deepEqual(got, ['1:ok', '2:too-long(25)', '3:next']);
  });

  it('accepts a line of exactly the limit, also with a CR before LF, and rejects limit + 1', async () => {
    const got = await collect(splitLines(chunksOf('1234\r\n12345\n123'), { maxLineBytes: 4 }));
    assert.deepEqual(got, ['1:1234', '2:too-long(5)', '3:123']);
  });

  it('reports a too-long final line without LF', async () => {
    assert.deepEqual(await collect(splitLines(chunksOf('abcdef'), { maxLineBytes: 3 })), ['1:too-long(6)']);
  });

  it('counts every chunk size through onChunk and treats strings as UTF-8', async () => {
    let bytes = 0;
    const got = await collect(
      splitLines(chunksOf('é\n', new Uint8Array([0x61, 0x0a])), {
        maxLineBytes: 10,
        onChunk: (n) => {
          bytes += n;
        },
      }),
    );
    assert.deepEqual(got, ['1:é', '2:a']);
    assert.equal(bytes, 5);
  });

  it('keeps memory bounded on a huge line: pieces are dropped once the limit is passed', async () => {
    // 4 MiB without a newline, in 64 KiB chunks, with a 1 KiB limit: the line must be rejected,
    // and the following line must come out intact.
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    async function* big(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 64; i++) yield chunk;
      yield Buffer.from('\nafter\n');
    }
    const got = await collect(splitLines(big(), { maxLineBytes: 1024 }));
    assert.deepEqual(got, [`1:too-long(${64 * 64 * 1024})`, '2:after']);
  });
});
