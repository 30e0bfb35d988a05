import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type CliIo, main } from '../../src/cli/index.ts';
import { GoTime } from '../../src/expr/values/time.ts';
import { UTC } from '../../src/expr/values/time-location.ts';
import {
  formatOutcome,
  formatSummary,
  HubtestRunError,
  NO_PARSER_ASSERTIONS,
  runHubTests,
  type TestOutcome,
} from '../../src/hubtest/index.ts';

const HUB = join(import.meta.dirname, 'fixtures', 'hub');
const NOW_2026 = GoTime.date(2026, 11, 30, 10, 0, 0, 0, UTC);
const temps: string[] = [];
after(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function byName(outcomes: readonly TestOutcome[], name: string): TestOutcome {
  const o = outcomes.find((x) => x.name === name);
  assert.ok(o, `no outcome for ${name}`);
  return o;
}

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

describe('runHubTests on the fixture hub', () => {
  it('passes a test whose parser assertions all hold (stages, basename shim, labels, data file, round trip, year)', async () => {
    const report = await runHubTests({ hubDir: HUB, names: ['pass-basic'], now: NOW_2026 });
    assert.deepEqual(report.outcomes, [{ name: 'pass-basic', status: 'pass' }]);
  });

  it('takes the year of year-less dates from the pinned clock', async () => {
    const report = await runHubTests({
      hubDir: HUB,
      names: ['pass-basic'],
      now: GoTime.date(2031, 1, 5, 0, 0, 0, 0, UTC),
    });
    const o = byName(report.outcomes, 'pass-basic');
    assert.equal(o.status, 'fail');
    assert.ok(o.status === 'fail' && o.reason === 'got "2031-09-30T12:16:00Z"', formatOutcome(o));
  });

  it('reports the first false assertion with the actual value of its left side', async () => {
    const report = await runHubTests({ hubDir: HUB, names: ['fail-value'], now: NOW_2026 });
    const o = byName(report.outcomes, 'fail-value');
    assert.equal(
      formatOutcome(o),
      'FAIL fail-value: results["s01-parse"]["me/kv-logs"][0].Evt.Parsed["user"] == "bob" (got "alice")',
    );
    assert.ok(o.status === 'fail');
    assert.deepEqual(o.counts, { evaluated: 3, failed: 2 });
  });

  it('fails a test whose assertion does not compile, with the compile error', async () => {
    const report = await runHubTests({ hubDir: HUB, names: ['fail-compile'], now: NOW_2026 });
    const o = byName(report.outcomes, 'fail-compile');
    assert.ok(o.status === 'fail');
    assert.equal(o.assertion, 'NoSuchHelper(results) == 1');
    assert.match(o.reason, /^compile error: .*NoSuchHelper/);
  });

  it('skips a test that needs a GeoLite2 database absent from the data dir', async () => {
    const report = await runHubTests({ hubDir: HUB, names: ['skip-geoip'], now: NOW_2026 });
    const o = byName(report.outcomes, 'skip-geoip');
    assert.equal(o.status, 'skip');
    assert.ok(o.status === 'skip');
    assert.match(o.reason, /GeoLite2-City\.mmdb/);
  });

  it('injects override_statics as a first s00-raw node named overrides', async () => {
    const report = await runHubTests({ hubDir: HUB, names: ['override-statics'], now: NOW_2026 });
    assert.deepEqual(report.outcomes, [{ name: 'override-statics', status: 'pass' }]);
  });

  it('evaluates scenario assertions on the bucket dump; under --parsers-only such a test has no parser part', async () => {
    const full = await runHubTests({ hubDir: HUB, names: ['scenario-only'], now: NOW_2026 });
    assert.deepEqual(full.outcomes, [{ name: 'scenario-only', status: 'pass' }]);
    const parsersOnly = await runHubTests({
      hubDir: HUB,
      names: ['scenario-only'],
      now: NOW_2026,
      parsersOnly: true,
    });
    assert.deepEqual(parsersOnly.outcomes, [
      { name: 'scenario-only', status: 'skip', reason: NO_PARSER_ASSERTIONS },
    ]);
  });

  it('runs parsers, scenarios and postoverflows: sorted dump, whitelisted overflows kept, postoverflow stages in the parser dump', async () => {
    const report = await runHubTests({ hubDir: HUB, names: ['scenario-postoverflow'], now: NOW_2026 });
    const o = byName(report.outcomes, 'scenario-postoverflow');
    assert.deepEqual(o, { name: 'scenario-postoverflow', status: 'pass' }, formatOutcome(o));
  });

  it('fails on the first false scenario assertion with the actual value', async () => {
    const report = await runHubTests({ hubDir: HUB, names: ['scenario-fail'], now: NOW_2026 });
    const o = byName(report.outcomes, 'scenario-fail');
    assert.equal(formatOutcome(o), 'FAIL scenario-fail: len(results) == 3 (got 2)');
    assert.ok(o.status === 'fail');
    // The second line indexes past the end: an error, counted as failing too.
    assert.deepEqual(o.counts, { evaluated: 2, failed: 2 });
  });

  it('runs every test in name order and counts them', async () => {
    const seen: string[] = [];
    const report = await runHubTests({ hubDir: HUB, now: NOW_2026, onOutcome: (o) => seen.push(o.name) });
    const names = report.outcomes.map((o) => o.name);
    assert.deepEqual(names, [
      'fail-compile',
      'fail-value',
      'override-statics',
      'pass-basic',
      'scenario-fail',
      'scenario-only',
      'scenario-postoverflow',
      'skip-geoip',
    ]);
    assert.deepEqual(seen, names);
    assert.equal(formatSummary(report), '4 passed, 3 failed, 1 skipped');
  });

  it('rejects an unknown test name', async () => {
    await assert.rejects(runHubTests({ hubDir: HUB, names: ['nope'] }), HubtestRunError);
  });
});

describe('palisade hubtest run (CLI)', () => {
  it('prints one line per test, the closing line, writes the JSON report and exits 1 on failures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-hubtest-'));
    temps.push(dir);
    const json = join(dir, 'report.json');
    const io = capture();
    const code = await main(
      ['node', 'palisade', 'hubtest', 'run', '--hub', HUB, '--now', '2026-11-30', '--json', json],
      io,
    );
    assert.equal(code, 1);
    const lines = io.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 9);
    assert.equal(lines[3], 'PASS pass-basic');
    assert.equal(lines[4], 'FAIL scenario-fail: len(results) == 3 (got 2)');
    assert.equal(lines[5], 'PASS scenario-only');
    assert.match(lines[7] ?? '', /^SKIP skip-geoip: needs the GeoLite2 database/);
    assert.equal(lines[8], '4 passed, 3 failed, 1 skipped');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    assert.deepEqual(report.passed, [
      'override-statics',
      'pass-basic',
      'scenario-only',
      'scenario-postoverflow',
    ]);
    assert.deepEqual(
      report.failed.map((f: { name: string }) => f.name),
      ['fail-compile', 'fail-value', 'scenario-fail'],
    );
    assert.equal(
      report.failed[1].assertion,
      'results["s01-parse"]["me/kv-logs"][0].Evt.Parsed["user"] == "bob"',
    );
    assert.equal(report.failed[1].reason, 'got "alice"');
    assert.deepEqual(
      report.skipped.map((s: { name: string }) => s.name),
      ['skip-geoip'],
    );
  });

  it('exits 0 when nothing failed, and notes the skipped tests without parser assertions', async () => {
    const io = capture();
    const args = ['hubtest', 'run', '--hub', HUB, '--now', '2026-11-30', '--parsers-only'];
    const code = await main(['node', 'palisade', ...args, 'pass-basic', 'scenario-only'], io);
    assert.equal(code, 0);
    assert.equal(
      io.stdout,
      'PASS pass-basic\nSKIP scenario-only: no parser assertions\n' +
        'parsers only: 1 tests with parser assertions evaluated; 1 skipped tests have none\n' +
        '1 passed, 0 failed, 1 skipped\n',
    );
  });

  it('--min-pass sets the pass rate under which failures fail the run', async () => {
    const run = async (minPass: string) =>
      main(
        ['node', 'palisade', 'hubtest', 'run', '--hub', HUB, '--now', '2026-11-30', '--min-pass', minPass],
        capture(),
      );
    // The fixture suite has 4 passed and 3 failed tests: 57.1 %.
    assert.equal(await run('50'), 0);
    assert.equal(await run('60'), 1);
    assert.equal(await run('150'), 2);
  });

  it('exits 2 for a bad --now or a missing tests directory', async () => {
    const io = capture();
    assert.equal(await main(['node', 'palisade', 'hubtest', 'run', '--hub', HUB, '--now', 'soon'], io), 2);
    assert.equal(await main(['node', 'palisade', 'hubtest', 'run', '--hub', join(HUB, 'nowhere')], io), 2);
  });
});
