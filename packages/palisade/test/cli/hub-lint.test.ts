import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type CliIo, main } from '../../src/cli/index.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'palisade.ts');
const REAL_HUB = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'crowdsec-hub');
const HAVE_HUB = existsSync(join(REAL_HUB, 'parsers'));
const NO_HUB = HAVE_HUB ? false : `real hub not found at ${REAL_HUB}: end-to-end lint skipped`;
const temps: string[] = [];
after(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  };
  return io;
}

/** Runs the real `palisade` binary (same node as the test runner). */
function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Copies the content folders of the real hub (not its tests and data) into a temp dir. */
function copyRealHub(): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-realhub-'));
  temps.push(dir);
  for (const sub of ['parsers', 'postoverflows', 'scenarios', 'contexts', 'patterns']) {
    cpSync(join(REAL_HUB, sub), join(dir, sub), { recursive: true });
  }
  return dir;
}

describe('palisade hub lint: bad input', () => {
  it('rejects a missing hub directory with one clear line and exit code 2', async () => {
    const io = capture();
    const code = await main(['node', 'palisade', 'hub', 'lint', '--hub', '/nonexistent/hub'], io);
    assert.equal(code, 2);
    assert.equal(io.stderr, 'error: hub directory not found: /nonexistent/hub\n');
    assert.equal(io.stdout, '');
  });

  it('rejects a file given as hub directory', async () => {
    const io = capture();
    const code = await main(['node', 'palisade', 'hub', 'lint', '--hub', BIN], io);
    assert.equal(code, 2);
    assert.equal(io.stderr, `error: hub path is not a directory: ${BIN}\n`);
  });

  it('requires --hub', async () => {
    const io = capture();
    const code = await main(['node', 'palisade', 'hub', 'lint'], io);
    assert.notEqual(code, 0);
    assert.match(io.stderr, /--hub/);
  });
});

describe('palisade hub lint on the real hub', { skip: NO_HUB }, () => {
  it('compiles everything: exit 0 and the counts line', () => {
    const r = runCli(['hub', 'lint', '--hub', REAL_HUB]);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stdout);
    assert.match(
      lines[0]!,
      /^expressions: (\d+)\/\1 compiled, grok patterns: (\d+)\/\2 compiled, items: \d+ loaded, 0 failed$/,
    );
    assert.match(lines[0]!, /^expressions: 3180\/3180 .* items: 968 loaded/);
    assert.equal(r.status, 0);
  });

  it('reports a corrupted expression with file and line, and exits 1', () => {
    const hub = copyRealHub();
    const rel = 'scenarios/crowdsecurity/ssh-bf.yaml';
    const lines = readFileSync(join(hub, rel), 'utf8').split('\n');
    const idx = lines.findLastIndex((l) => l.startsWith('filter:'));
    assert.ok(idx >= 0, 'the fixture file has a filter');
    lines[idx] = "filter: evt.Meta.log_type == 'ssh_failed-auth' && evt.NoSuchField";
    writeFileSync(join(hub, rel), lines.join('\n'));
    const r = runCli(['hub', 'lint', '--hub', hub]);
    assert.equal(r.status, 1);
    const out = r.stdout.trimEnd().split('\n');
    assert.equal(out.length, 2, r.stdout);
    assert.ok(
      out[0]!.startsWith(`${rel}:${idx + 1}: evt.Meta.log_type == 'ssh_failed-auth' && evt.NoSuchField: `),
      out[0],
    );
    assert.match(out[0]!, /NoSuchField/);
    assert.match(out[1]!, /^expressions: 3179\/3180 compiled, .* 1 failed$/);
  });

  it('reports an unknown key and a broken grok pattern, with --json', () => {
    const hub = copyRealHub();
    const rel = 'parsers/s01-parse/crowdsecurity/sshd-logs.yaml';
    writeFileSync(join(hub, rel), `${readFileSync(join(hub, rel), 'utf8').trimEnd()}\nfiltre: "true"\n`);
    const nginx = 'parsers/s01-parse/crowdsecurity/nginx-logs.yaml';
    const text = readFileSync(join(hub, nginx), 'utf8');
    const patternLine = text.split('\n').findIndex((l) => /^\s+pattern: /.test(l));
    assert.ok(patternLine >= 0);
    const broken = text.split('\n');
    broken[patternLine] =
      `${broken[patternLine]!.replace(/pattern: .*/, "pattern: '%{NO_SUCH_PATTERN_X:x}'")}`;
    writeFileSync(join(hub, nginx), broken.join('\n'));
    const r = runCli(['hub', 'lint', '--hub', hub, '--json']);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout) as {
      passed: boolean;
      failures: { what: string; file: string; line: number; reason: string }[];
    };
    assert.equal(report.passed, false);
    const keyFailure = report.failures.find((f) => f.what === 'item')!;
    assert.equal(keyFailure.file, rel);
    assert.match(keyFailure.reason, /unknown key "filtre"/);
    assert.equal(keyFailure.line, readFileSync(join(hub, rel), 'utf8').trimEnd().split('\n').length);
    const grokFailure = report.failures.find((f) => f.what === 'grok')!;
    assert.deepEqual([grokFailure.file, grokFailure.line], [nginx, patternLine + 1]);
    assert.match(grokFailure.reason, /NO_SUCH_PATTERN_X/);
  });
});
