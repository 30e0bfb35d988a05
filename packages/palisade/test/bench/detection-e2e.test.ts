/**
 * `npm run bench` end to end on tiny generated logs: the harness generates, replays in child
 * processes, judges against the ground truth, profiles, and writes its JSON. No timing asserts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const REPO = join(import.meta.dirname, '..', '..', '..', '..');
const BENCH = join(REPO, 'bench', 'detection.ts');
const GENERATOR = join(REPO, '..', 'shared', 'bench', 'gen-logs.mjs');
const HUB = join(REPO, '..', 'shared', 'crowdsec-hub');
const SKIP =
  existsSync(GENERATOR) && existsSync(join(HUB, '.index.json'))
    ? false
    : `needs ${GENERATOR} and the hub at ${HUB}`;

const dataDir = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function bench(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--enable-experimental-regexp-engine-on-excessive-backtracks', BENCH, '--data-dir', dataDir, ...args],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 16 << 20 },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function resultFiles(): string[] {
  return readdirSync(dataDir).filter((n) => /^results-.*\.json$/.test(n));
}

describe('npm run bench (detection)', { skip: SKIP }, () => {
  it('rejects a bad option with exit code 2 and the usage', () => {
    const r = bench(['--logs', 'apache']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown log 'apache'/);
    assert.match(r.stderr, /usage: npm run bench/);
  });

  it('replays both logs, judges them against the ground truth and writes the results', () => {
    const r = bench([
      '--lines',
      '2000',
      '--attackers',
      '20',
      '--runs',
      '1',
      '--profile',
      '--profile-top',
      '5',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /generating logs/);
    for (const log of ['nginx', 'ssh']) {
      assert.match(r.stdout, new RegExp(`### ${log}: .*2,000 lines, seed 1`));
      assert.match(r.stdout, new RegExp(`### CPU profile: ${log}`));
    }
    assert.equal(r.stdout.match(/^\| lines per CPU-second \|/gm)?.length, 2);
    assert.match(r.stdout, /items loaded: collections \(3\): crowdsecurity\/linux, crowdsecurity\/sshd/);

    const [file] = resultFiles();
    assert.ok(file, 'a results-<date>.json file');
    const results = JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
    const truth = JSON.parse(readFileSync(join(results.dataset.dir, 'ground-truth.json'), 'utf8'));
    for (const log of ['nginx', 'ssh']) {
      const res = results.logs[log];
      assert.equal(res.runs.length, 1);
      assert.equal(res.median.lines, 2000);
      assert.ok(res.median.cpuS > 0 && res.median.peakRssMiB > 0);
      assert.ok(res.median.startupCpuS <= res.median.cpuS);
      const attackers = truth.attackers.filter((a: { log: string }) => a.log === log).length;
      assert.equal(res.quality.attackers.total, attackers);
      assert.ok(res.quality.attackers.detected <= attackers);
      assert.equal(res.quality.alerts, res.median.alerts, 'alerts read back = alerts the replay counted');
      assert.ok(res.profile.functions.length > 0 && res.profile.functions.length <= 5);
    }
    // The sshd scenarios do find brute-forcers in 2,000 lines: an empty detection is a broken harness.
    assert.ok(results.logs.ssh.quality.attackers.detected > 0);
    assert.ok(results.logs.ssh.items.scenarios.includes('crowdsecurity/ssh-bf'));
    assert.ok(results.logs.nginx.items.parsers.includes('crowdsecurity/nginx-logs'));
  });

  it('reuses the generated logs for the same arguments', () => {
    const r = bench(['--lines', '2000', '--attackers', '20', '--runs', '1', '--logs', 'ssh']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /reusing generated logs/);
    assert.doesNotMatch(r.stdout, /### nginx/);
  });
});
