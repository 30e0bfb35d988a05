import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  AcquisitionError,
  configureFromDsn,
  configureFromYaml,
  type DataSource,
  replayLabels,
} from '../../src/acquisition/index.ts';
import { type Event, MODE_TIMEMACHINE } from '../../src/event/index.ts';
import { GoTime, UTC } from '../../src/expr/values/time.ts';

const FIXED_NOW = GoTime.fromUnix(1_767_225_600, 0, UTC); // 2026-01-01T00:00:00Z

function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-acq-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(source: DataSource, signal?: AbortSignal): Promise<Event[]> {
  const out: Event[] = [];
  for await (const evt of source.oneShot!(signal)) out.push(evt);
  return out;
}

describe('file datasource, cat mode', () => {
  it('yields one TIMEMACHINE LOG event per non-empty line with Src, Labels, Module and Time', async () => {
    const path = tempFile('auth.log', 'first line\r\n\nsecond line\nthird, no newline');
    const source = await configureFromDsn(`file://${path}`, replayLabels('syslog', { program: 'sshd' }), {
      now: () => FIXED_NOW,
    });
    const events = await readAll(source);
    assert.deepEqual(
      events.map((e) => e.Line.Raw),
      ['first line', 'second line', 'third, no newline'],
    );
    const e = events[0] as Event;
    assert.equal(e.Line.Src, path);
    assert.equal(e.Line.Module, 'file');
    assert.deepEqual({ ...e.Line.Labels }, { program: 'sshd', type: 'syslog' });
    assert.equal(e.Line.Process, true);
    assert.equal(e.Process, true);
    assert.equal(e.Type, 0);
    assert.equal(e.ExpectMode, MODE_TIMEMACHINE);
    assert.equal(e.Line.Time, FIXED_NOW);
    assert.equal(e.Time, FIXED_NOW);
    assert.deepEqual(source.counters, { linesRead: 3, linesRejected: 0, bytes: 42 });
  });

  it('gives each event its own labels map', async () => {
    const source = await configureFromDsn(`file://${tempFile('a.log', 'a\nb\n')}`, replayLabels('syslog'));
    const [a, b] = await readAll(source);
    (a as Event).Line.Labels.type = 'changed';
    assert.equal((b as Event).Line.Labels.type, 'syslog');
  });

  it('reads gzip transparently by magic bytes, whatever the file name', async () => {
    const body = gzipSync(Buffer.from('one\r\ntwo\n'));
    for (const name of ['x.log.gz', 'not-compressed-by-name.log']) {
      const source = await configureFromDsn(`file://${tempFile(name, body)}`, replayLabels('syslog'));
      assert.deepEqual(
        (await readAll(source)).map((e) => e.Line.Raw),
        ['one', 'two'],
      );
      assert.equal(source.counters.bytes, 9, 'bytes are counted after decompression');
    }
  });

  it('reads a plain file named .gz as plain text', async () => {
    const source = await configureFromDsn(
      `file://${tempFile('plain.gz', 'hello\n')}`,
      replayLabels('syslog'),
    );
    assert.deepEqual(
      (await readAll(source)).map((e) => e.Line.Raw),
      ['hello'],
    );
  });

  it('rejects a too-long line with a located, counted problem and reads on', async () => {
    const path = tempFile('long.log', `a\n${'x'.repeat(70_000)}\nb\n`);
    const problems: string[] = [];
    const source = await configureFromDsn(`file://${path}`, replayLabels('syslog'), {
      onProblem: (p) => problems.push(`${p.kind} ${p.format()}`),
    });
    assert.deepEqual(
      (await readAll(source)).map((e) => e.Line.Raw),
      ['a', 'b'],
    );
    assert.deepEqual(problems, [
      `line-too-long ${path}:2: line of 70000 bytes is longer than the limit of 65536 bytes, skipped`,
    ]);
    assert.equal(source.counters.linesRejected, 1);
    assert.equal(source.counters.linesRead, 2);
  });

  it('accepts a line of exactly 64 KiB by default', async () => {
    const line = 'y'.repeat(65536);
    const source = await configureFromDsn(
      `file://${tempFile('edge.log', `${line}\r\n`)}`,
      replayLabels('syslog'),
    );
    const events = await readAll(source);
    assert.equal(events.length, 1);
    assert.equal((events[0] as Event).Line.Raw, line);
  });

  it('honours max_buffer_size from the DSN', async () => {
    const path = tempFile('short.log', 'abcdef\nab\n');
    const source = await configureFromDsn(`file://${path}?max_buffer_size=4`, replayLabels('syslog'));
    assert.deepEqual(
      (await readAll(source)).map((e) => e.Line.Raw),
      ['ab'],
    );
  });

  it('fails on a corrupt gzip file with an io error naming the file', async () => {
    const good = gzipSync(Buffer.from('x\n'.repeat(100)));
    const path = tempFile('bad.gz', Buffer.concat([good.subarray(0, 12), Buffer.alloc(20, 0xff)]));
    const source = await configureFromDsn(`file://${path}`, replayLabels('syslog'));
    await assert.rejects(readAll(source), (err: unknown) => {
      assert.ok(err instanceof AcquisitionError);
      assert.equal(err.kind, 'io');
      assert.equal(err.where, path);
      return true;
    });
  });

  it('refuses a missing file at configure time', async () => {
    await assert.rejects(configureFromDsn('file:///nonexistent/palisade/x.log', replayLabels('syslog')), {
      message: 'no such file',
      where: '/nonexistent/palisade/x.log',
    });
  });

  it('expands globs in lexical order and applies exclude_regexps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-acq-'));
    writeFileSync(join(dir, 'b.log'), 'from b\n');
    writeFileSync(join(dir, 'a.log'), 'from a\n');
    writeFileSync(join(dir, 'c.log'), 'from c\n');
    const source = await configureFromYaml(
      {
        filenames: [join(dir, '*.log')],
        mode: 'cat',
        labels: { type: 'syslog' },
        exclude_regexps: ['c\\.log$'],
      },
      'acquis.yaml',
    );
    assert.deepEqual(
      (await readAll(source)).map((e) => `${e.Line.Src.slice(dir.length + 1)} ${e.Line.Raw}`),
      ['a.log from a', 'b.log from b'],
    );
  });

  it('stops quietly when the signal is aborted', async () => {
    const path = tempFile('many.log', 'l\n'.repeat(1000));
    const source = await configureFromDsn(`file://${path}`, replayLabels('syslog'));
    const controller = new AbortController();
    let n = 0;
    for await (const _ of source.oneShot!(controller.signal)) {
      if (++n === 10) controller.abort();
    }
    assert.equal(n, 10);
  });

  it('stops reading when the consumer breaks out early', async () => {
    const path = tempFile('many.log', 'l\n'.repeat(1000));
    const source = await configureFromDsn(`file://${path}`, replayLabels('syslog'));
    for await (const _ of source.oneShot!()) break;
    assert.equal(source.counters.linesRead, 1);
  });

  it('stops a gzip replay cleanly when the consumer breaks out early', async () => {
    const path = tempFile('many.gz', gzipSync(Buffer.from('line\n'.repeat(50_000))));
    const source = await configureFromDsn(`file://${path}`, replayLabels('syslog'));
    for await (const _ of source.oneShot!()) break;
    assert.equal(source.counters.linesRead, 1);
    // The same file is still fully readable afterwards (nothing left half-open or shared).
    const again = await configureFromDsn(`file://${path}`, replayLabels('syslog'));
    let n = 0;
    for await (const _ of again.oneShot!()) n++;
    assert.equal(n, 50_000);
  });
});

describe('stdin datasource', () => {
  it('replays the injected stdin like a file (Module file, Src stdin)', async () => {
    async function* input(): AsyncGenerator<string> {
      yield 'one\r\ntw';
      yield 'o\n';
    }
    const source = await configureFromDsn('stdin://', replayLabels('nginx'), { stdin: input() });
    const events = await readAll(source);
    assert.deepEqual(
      events.map((e) => [e.Line.Raw, e.Line.Src, e.Line.Module, e.Line.Labels.type]),
      [
        ['one', 'stdin', 'file', 'nginx'],
        ['two', 'stdin', 'file', 'nginx'],
      ],
    );
  });

  it('ends when aborted while stdin waits for input', async () => {
    const never: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }),
    };
    const source = await configureFromDsn('stdin://', replayLabels('nginx'), { stdin: never });
    const controller = new AbortController();
    const reading = readAll(source, controller.signal);
    controller.abort();
    assert.deepEqual(await reading, []);
  });
});
