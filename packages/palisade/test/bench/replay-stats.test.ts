/**
 * `palisade replay --stats-json FILE`, which the detection benchmark reads: resource usage, the
 * counters and the installed items, written at the end of the replay.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerReplayCommand } from '../../src/cli/replay.ts';
import type { ReplayStats } from '../../src/cli/replay-stats.ts';
import { GoTime, UTC } from '../../src/expr/values/time.ts';

const HUB = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'crowdsec-hub');
const LOG = join(HUB, '.tests', 'ssh-bf', 'ssh-bf.log');
const SKIP = existsSync(join(HUB, '.index.json')) && existsSync(LOG) ? false : `real hub not found at ${HUB}`;
const dir = mkdtempSync(join(tmpdir(), 'palisade-stats-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function replay(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  const program = new Command('palisade').configureOutput({ writeOut: io.out, writeErr: io.err });
  registerReplayCommand(program, io, { now: () => GoTime.fromUnix(1_767_225_600, 0, UTC) });
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(['node', 'palisade', 'replay', ...args]);
    return { code: 0, stdout: io.stdout, stderr: io.stderr };
  } catch (err) {
    return { code: (err as { exitCode: number }).exitCode, stdout: io.stdout, stderr: io.stderr };
  }
}

const BASE = ['--file', LOG, '--type', 'syslog', '--hub', HUB, '--collection', 'crowdsecurity/linux'];

describe('palisade replay --stats-json', { skip: SKIP }, () => {
  it('writes usage, counters and items at the end', async () => {
    const file = join(dir, 'stats.json');
    const r = await replay([...BASE, '--stats-json', file]);
    assert.equal(r.code, 0, r.stderr);
    const stats = JSON.parse(readFileSync(file, 'utf8')) as ReplayStats;
    const lines = readFileSync(LOG, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '').length;
    assert.equal(stats.version, 1);
    assert.equal(stats.counts.linesRead, lines);
    assert.equal(stats.counts.alerts, r.stdout.trim().split('\n').length);
    assert.ok(stats.maxRssKiB > 0 && stats.end.cpuUserMs > 0);
    assert.ok(stats.firstEvent, 'the first parsed event was recorded');
    assert.ok(stats.firstEvent.cpuUserMs <= stats.end.cpuUserMs);
    assert.ok(stats.firstEvent.wallMs <= stats.end.wallMs);
    assert.deepEqual(stats.items.collections, [
      'crowdsecurity/linux',
      'crowdsecurity/sshd',
      'crowdsecurity/whitelist-good-actors',
    ]);
    assert.ok(stats.items.scenarios.includes('crowdsecurity/ssh-bf'));
  });

  it('fails with exit code 1 when the file cannot be written', async () => {
    const r = await replay([...BASE, '--stats-json', join(dir, 'no-such-dir', 'stats.json')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: --stats-json: cannot write/);
  });
});
