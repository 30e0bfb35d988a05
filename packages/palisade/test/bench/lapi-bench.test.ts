/**
 * `npm run bench:lapi` against Palisade only, with tiny sizes: the harness prepares servers,
 * runs the three workloads with their correctness checks, prints the table and writes its JSON.
 * No timing asserts (performance is the benchmark's business, not the tests').
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { count, OptionError, parseLapiBenchOptions, sizeLabel } from '../../../../bench/lapi/options.ts';
import { ipv4 } from '../../../../bench/lapi/payloads.ts';
import { countDecisions } from '../../../../bench/lapi/workloads.ts';

const REPO = join(import.meta.dirname, '..', '..', '..', '..');
const BENCH = join(REPO, 'bench', 'lapi.ts');

const dataDir = mkdtempSync(join(tmpdir(), 'palisade-bench-lapi-test-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function bench(args: string[]) {
  const r = spawnSync(process.execPath, [BENCH, '--data-dir', dataDir, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bench:lapi options', () => {
  it('reads counts with k and M suffixes and names them back', () => {
    assert.equal(count('100k', '--sizes'), 100_000);
    assert.equal(count('1M', '--sizes'), 1_000_000);
    assert.equal(count('2500', '--sizes'), 2500);
    assert.equal(sizeLabel(100_000), '100k');
    assert.equal(sizeLabel(1_000_000), '1M');
    assert.equal(sizeLabel(2500), '2500');
    assert.throws(() => count('1G', '--sizes'), OptionError);
    assert.throws(() => count('0', '--sizes'), OptionError);
  });

  it('defaults to both servers and all workloads, and --only narrows the servers', () => {
    const all = parseLapiBenchOptions([], REPO);
    assert.deepEqual(all?.servers, ['crowdsec', 'palisade']);
    assert.deepEqual(all?.workloads, ['ingest', 'stream', 'polls']);
    assert.deepEqual(all?.sizes, [100_000, 1_000_000]);
    assert.equal(all?.alerts, 20_000);
    assert.deepEqual(parseLapiBenchOptions(['--only', 'palisade'], REPO)?.servers, ['palisade']);
    assert.throws(() => parseLapiBenchOptions(['--only', 'nginx'], REPO), /--only/);
    assert.throws(() => parseLapiBenchOptions(['--workloads', 'ingest,fly'], REPO), /unknown workload 'fly'/);
    assert.equal(parseLapiBenchOptions(['--help'], REPO), undefined);
  });
});

describe('bench:lapi payload helpers', () => {
  it('generates consecutive distinct IPv4 addresses across octet boundaries', () => {
    assert.equal(ipv4(0x0a000000, 0), '10.0.0.0');
    assert.equal(ipv4(0x0a000000, 256), '10.0.1.0');
    assert.equal(ipv4(0x0a000000, 65_791), '10.1.0.255');
    assert.equal(ipv4(0xac100000, 1), '172.16.0.1');
  });

  it('counts the decisions of a stream body without parsing it', () => {
    const body = Buffer.from(
      '{"new": [{"duration":"4h","id":1,"value":"1.2.3.4"},{"duration":"4h","id":2,"value":"5.6.7.8"}], "deleted": [{"id":3}]}',
    );
    assert.equal(countDecisions(body), 3);
    assert.equal(countDecisions(Buffer.from('{"deleted":null,"new":null}')), 0);
  });
});

describe('npm run bench:lapi (Palisade only, tiny sizes)', { timeout: 300_000 }, () => {
  it('rejects a bad option with exit code 2 and the usage', () => {
    const r = bench(['--sizes', 'lots']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--sizes: 'lots' is not a count/);
    assert.match(r.stderr, /usage: npm run bench:lapi/);
  });

  it('runs every workload against palisade lapi, prints the table and writes the JSON', () => {
    const r = bench([
      '--only',
      'palisade',
      '--alerts',
      '60',
      '--batch',
      '7',
      '--ingest-concurrency',
      '4',
      '--sizes',
      '300',
      '--stream-runs',
      '2',
      '--bouncers',
      '5',
      '--poll-base',
      '20',
      '--poll-seconds',
      '2',
      '--trickle',
      '3',
      '--concurrency',
      '4',
    ]);
    assert.equal(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /\| Figure \| Palisade \| Palisade vs CrowdSec \| Target \| Met \|/);
    assert.match(
      r.stdout,
      /\| Alert ingestion, 60 alerts \(7\/POST, 4 POSTs in flight\) \| [\d,]+ alerts\/s \|/,
    );
    assert.match(r.stdout, /\| Startup stream, 300 decisions \(median of 2\) \| [\d.]+ s/);
    assert.match(r.stdout, /\| Delta polls, 5 bouncers .*\| [\d,]+ polls\/s \|/);
    assert.match(r.stdout, /\| Peak RSS, startup stream 300 \| [\d,]+ MiB \|/);

    const files = readdirSync(dataDir).filter((n) => /^lapi-.*\.json$/.test(n));
    assert.equal(files.length, 1, `one results file, found ${files.join(', ')}`);
    const report = JSON.parse(readFileSync(join(dataDir, files[0] as string), 'utf8'));
    assert.deepEqual(report.servers, ['palisade']);
    const ingest = report.ingest['4'].palisade;
    assert.equal(ingest.error, undefined);
    assert.equal(ingest.figures.alerts, 60);
    assert.equal(ingest.figures.posts, 9);
    assert.equal(ingest.figures.bannedAfter, 60);
    const stream = report.stream['300'].palisade;
    assert.equal(stream.error, undefined);
    assert.deepEqual(
      stream.figures.runs.map((p: { newCount: number }) => p.newCount),
      [300, 300],
    );
    assert.ok(stream.peakRssMiB > 0);
    const polls = report.polls.palisade;
    assert.equal(polls.error, undefined);
    assert.equal(polls.figures.bouncers, 5);
    assert.ok(polls.figures.polls > 0);
    assert.ok(polls.figures.trickledAlerts >= 3, 'alerts arrived during the polls');
    // Every trickled alert made a ban, and the bouncers polling after it received it.
    assert.ok(polls.figures.decisionsDelivered >= polls.figures.trickledAlerts);
  });
});
