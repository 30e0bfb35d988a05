import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import { parse } from 'yaml';
import { registerDecisionsCommands } from '../../src/cli/decisions.ts';
import type { CliIo } from '../../src/cli/index.ts';
import { adminFixture, runCli } from './admin-helpers.ts';

const fx = adminFixture();
after(() => fx.cleanup());

describe('admin commands: configuration', () => {
  it('opens the database of -c config.yaml and uses its listen_uri for credentials', async () => {
    const dbPath = join(fx.dir, 'sub', 'from-config.db');
    const config = join(fx.dir, 'config.yaml');
    writeFileSync(
      config,
      `db_config:\n  type: sqlite\n  db_path: ${dbPath}\napi:\n  server:\n    listen_uri: 127.0.0.1:9090\n`,
    );
    const r = await runCli(['machines', 'add', 'agent-c', '--auto', '-f', '-', '-c', config]);
    assert.equal(r.code, 0, r.stderr);
    const creds = parse(r.stdout);
    assert.equal(creds.url, 'http://127.0.0.1:9090/');
    assert.equal(creds.login, 'agent-c');
    assert.ok(existsSync(dbPath), 'the data directory and database are created');
    const listed = await runCli(['machines', 'list', '-o', 'json', '--config', config]);
    assert.deepEqual(
      JSON.parse(listed.stdout).map((m: { machine_id: string }) => m.machine_id),
      ['agent-c'],
    );
  });

  it('reports a configuration that does not load as a usage error naming the file and line', async () => {
    const config = join(fx.dir, 'bad.yaml');
    writeFileSync(config, 'db_config:\n  typo_key: 1\n');
    const r = await runCli(['bouncers', 'list', '-c', config]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: -c\/--config: .*bad\.yaml:2/);
    const missing = await runCli(['bouncers', 'list', '-c', join(fx.dir, 'nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml: cannot read configuration/);
  });
});

describe('decisions import from standard input', () => {
  it('reads -i - with an explicit format', async () => {
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
    async function* stdin() {
      yield 'value,type\n203.0.113.5,ban\n';
      yield Buffer.from('203.0.113.6,captcha\n');
    }
    registerDecisionsCommands(program, io, { stdin: stdin(), stderrIsTty: true });
    program.exitOverride();
    await program.parseAsync([
      'node',
      'palisade',
      'decisions',
      'import',
      '-i',
      '-',
      '--format',
      'csv',
      '--db-path',
      fx.dbPath,
    ]);
    assert.equal(io.stdout, '2 decisions imported\n');
    assert.match(io.stderr, /\rimporting \[#+\] 2\/2 \(100%\)\n$/);
    const decisions = await fx.withStore((s) => s.queryDecisions({}));
    assert.deepEqual(decisions.map((d) => `${d.value}:${d.type}:${d.origin}`).sort(), [
      '203.0.113.5:ban:cscli-import',
      '203.0.113.6:captcha:cscli-import',
    ]);
  });
});
