import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import type { CliIo } from '../../src/cli/index.ts';
import { registerReplayCommand } from '../../src/cli/replay.ts';
import { GoTime, UTC } from '../../src/expr/values/time.ts';
import { writeDemoHub } from '../pipeline/demo-hub.ts';

const REAL_HUB = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'crowdsec-hub');
const SSH_BF_LOG = join(REAL_HUB, '.tests', 'ssh-bf', 'ssh-bf.log');
const NO_HUB =
  existsSync(join(REAL_HUB, '.index.json')) && existsSync(SSH_BF_LOG)
    ? false
    : `real hub (with .index.json and .tests/ssh-bf) not found at ${REAL_HUB}`;
// The hub's ssh-bf asserts were generated in 2026 (year-less syslog dates take the current year).
const FIXED_NOW = GoTime.fromUnix(1_767_225_600, 0, UTC); // 2026-01-01T00:00:00Z

const demo = writeDemoHub();
after(() => rmSync(demo, { recursive: true, force: true }));

async function runReplayCli(
  args: string[],
  deps: { stdin?: AsyncIterable<string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  } satisfies CliIo & { stdout: string; stderr: string };
  const program = new Command('palisade').configureOutput({ writeOut: io.out, writeErr: io.err });
  registerReplayCommand(program, io, { now: () => FIXED_NOW, ...deps });
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(['node', 'palisade', 'replay', ...args]);
    return { code: 0, stdout: io.stdout, stderr: io.stderr };
  } catch (err) {
    return { code: (err as { exitCode: number }).exitCode, stdout: io.stdout, stderr: io.stderr };
  }
}

const DEMO_ITEMS = [
  '--parsers',
  'parsers/s00-raw/me/demo-logs.yaml,parsers/s01-whitelist/me/lan.yaml',
  '--postoverflows',
  'postoverflows/s01-whitelist/me/partner.yaml',
  '--scenarios',
  'scenarios/me/demo-bf.yaml,scenarios/me/demo-boom.yaml,scenarios/me/demo-chain.yaml',
];

describe('palisade replay: input checks', () => {
  it('requires --file, --type and --hub', async () => {
    for (const [args, pattern] of [
      [['--type', 'demo', '--hub', demo], /--file is required/],
      [['--file', 'x.log', '--hub', demo], /--type is required/],
      [['--file', 'x.log', '--type', 'demo'], /--hub is required/],
    ] as const) {
      const r = await runReplayCli([...args, ...DEMO_ITEMS]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, pattern);
    }
  });

  it('requires at least one collection or item', async () => {
    const r = await runReplayCli(['--file', join(demo, 'demo.log'), '--type', 'demo', '--hub', demo]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /give at least one --collection/);
  });

  it('names an item it cannot find', async () => {
    const r = await runReplayCli([
      '--file',
      join(demo, 'demo.log'),
      '--type',
      'demo',
      '--hub',
      demo,
      '--scenarios',
      'scenarios/me/none.yaml',
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /scenarios: no such file: scenarios\/me\/none\.yaml/);
  });

  it('reports a missing log file as bad input', async () => {
    const r = await runReplayCli([
      '--file',
      join(demo, 'missing.log'),
      '--type',
      'demo',
      '--hub',
      demo,
      ...DEMO_ITEMS,
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--file: .*missing\.log/);
  });
});

describe('palisade replay: output', () => {
  it('prints one JSON alert per line and a summary on stderr', async () => {
    const r = await runReplayCli([
      '--file',
      join(demo, 'demo.log'),
      '--type',
      'demo',
      '--hub',
      demo,
      ...DEMO_ITEMS,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const alerts = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      alerts.map((a) => `${a.scenario} ${a.source.value}`),
      ['me/demo-bf 1.2.3.4', 'me/demo-boom 9.9.9.9', 'me/demo-chain 9.9.9.9'],
    );
    assert.equal(alerts[0].events_count, 3);
    assert.equal(alerts[0].source.scope, 'Ip');
    assert.equal(alerts[0].scenario_version, '', 'a path item is a local item');
    assert.match(r.stderr, /lines read: 12/);
    assert.match(r.stderr, /unparsed: 1/);
    assert.match(r.stderr, /alerts: 3/);
  });

  it('replays the hub ssh-bf test log with the sshd collection', { skip: NO_HUB }, async () => {
    const r = await runReplayCli([
      '--file',
      SSH_BF_LOG,
      '--type',
      'syslog',
      '--hub',
      REAL_HUB,
      '--collection',
      'crowdsecurity/sshd',
      '--parsers',
      'crowdsecurity/syslog-logs,crowdsecurity/dateparse-enrich',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const alerts = r.stdout
      .trim()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l));
    const bf = alerts.find((a) => a.scenario === 'crowdsecurity/ssh-bf');
    assert.ok(bf, `no ssh-bf alert in:\n${r.stdout}\n${r.stderr}`);
    assert.equal(bf.source.value, '35.188.49.176');
    assert.equal(bf.source.ip, '35.188.49.176');
    assert.equal(bf.source.scope, 'Ip');
    assert.equal(bf.remediation, true);
    assert.match(bf.scenario_hash, /^[0-9a-f]{64}$/);
    assert.notEqual(bf.scenario_version, '?');
    const meta = Object.fromEntries(
      bf.events[0].meta.map((m: { key: string; value: string }) => [m.key, m.value]),
    );
    assert.equal(meta.source_ip, '35.188.49.176');
    assert.equal(meta.timestamp, '2026-02-12T14:10:21Z');
    assert.equal(meta.service, 'ssh');
  });
});
