import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AcquisitionError,
  newCounters,
  replayLineBatches,
  replayLines,
  splitLineBatches,
} from '../../src/acquisition/index.ts';
import type { Event } from '../../src/event/index.ts';
import { GoTime } from '../../src/expr/values/time.ts';

/** The batch API (one array per chunk) yields exactly what the per-line API yields. */

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const p of parts) yield p;
}

const PARTS = ['a\r\nb\n\nc', 'c\r\r\n', 'x'.repeat(30), '\nnext\n', '', 'é', '\nlast'];

function options(problems: string[]) {
  const t = GoTime.zero();
  return {
    src: 'test.log',
    module: 'file',
    labels: { type: 'syslog' },
    timeMachine: true,
    maxLineBytes: 20,
    counters: newCounters(),
    now: () => t,
    onProblem: (p: AcquisitionError) => problems.push(p.format()),
  };
}

const raws = (events: Event[]) => events.map((e) => e.Line.Raw);

describe('batches', () => {
  it('splitLineBatches groups the lines of splitLines by chunk', async () => {
    const batches: string[][] = [];
    for await (const batch of splitLineBatches(chunksOf(...PARTS), { maxLineBytes: 20 })) {
      batches.push(batch.map((i) => (i.kind === 'line' ? i.bytes.toString() : `too-long(${i.length})`)));
    }
    assert.deepEqual(batches, [['a', 'b', ''], ['cc\r'], ['too-long(30)', 'next'], ['é'], ['last']]);
  });

  it('replayLineBatches yields the events, counters and problems of replayLines', async () => {
    const p1: string[] = [];
    const o1 = options(p1);
    const one: Event[] = [];
    for await (const e of replayLines(chunksOf(...PARTS), o1)) one.push(e);
    const p2: string[] = [];
    const o2 = options(p2);
    const batched: Event[] = [];
    let count = 0;
    for await (const batch of replayLineBatches(chunksOf(...PARTS), o2)) {
      assert.ok(batch.length > 0);
      count++;
      batched.push(...batch);
    }
    assert.deepEqual(raws(batched), raws(one));
    assert.deepEqual(raws(one), ['a', 'b', 'cc\r', 'next', 'é', 'last']);
    assert.deepEqual(o2.counters, o1.counters);
    assert.deepEqual(p2, p1);
    assert.equal(p1.length, 1);
    assert.equal(count, 5);
    assert.equal(batched[0]?.Line.Labels.type, 'syslog');
  });
});
