/**
 * The pieces of the detection benchmark: the verdict against the ground truth, the CPU profile
 * summary, medians and option parsing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GroundTruth } from '../../../../bench/detection/datasets.ts';
import { median } from '../../../../bench/detection/measure.ts';
import { OptionError, parseBenchOptions } from '../../../../bench/detection/options.ts';
import { type CpuProfile, summariseProfile } from '../../../../bench/detection/profile.ts';
import { judge } from '../../../../bench/detection/quality.ts';

const truth: GroundTruth = {
  generator: 'gen-logs/1',
  files: {},
  attackers: [
    { ip: '1.1.1.1', log: 'ssh', behaviours: ['ssh-bruteforce'], lines: 30, events: 10 },
    { ip: '2.2.2.2', log: 'ssh', behaviours: ['ssh-bruteforce'], lines: 90, events: 30 },
    { ip: '3.3.3.3', log: 'ssh', behaviours: ['ssh-scan'], lines: 3, events: 3 },
    { ip: '9.9.9.9', log: 'nginx', behaviours: ['http-probing'], lines: 8, events: 8 },
  ],
  grey: [{ ip: '5.5.5.5', log: 'ssh', category: 'seo-crawler' }],
  benign_with_failures: [{ ip: '6.6.6.6', log: 'ssh', category: 'interactive', failures: 3 }],
};

describe('judge', () => {
  it('counts attackers detected, benign and grey IPs flagged, for one log only', () => {
    const q = judge(
      [
        { scenario: 'crowdsecurity/ssh-bf', source: '1.1.1.1' },
        { scenario: 'crowdsecurity/ssh-slow-bf', source: '1.1.1.1' },
        { scenario: 'crowdsecurity/ssh-bf', source: '6.6.6.6' },
        { scenario: 'crowdsecurity/ssh-bf', source: '7.7.7.7' },
        { scenario: 'crowdsecurity/ssh-bf', source: '5.5.5.5' },
        // An attacker of the other log is benign here.
        { scenario: 'crowdsecurity/ssh-bf', source: '9.9.9.9' },
      ],
      truth,
      'ssh',
    );
    assert.equal(q.alerts, 6);
    assert.equal(q.flaggedSources, 5);
    assert.deepEqual(q.alertsByScenario, { 'crowdsecurity/ssh-bf': 5, 'crowdsecurity/ssh-slow-bf': 1 });
    assert.equal(q.attackers.total, 3);
    assert.equal(q.attackers.detected, 1);
    assert.deepEqual(q.attackers.byBehaviour, {
      'ssh-bruteforce': { total: 2, detected: 1 },
      'ssh-scan': { total: 1, detected: 0 },
    });
    assert.deepEqual(q.attackers.missedSample, [
      '2.2.2.2 ssh-bruteforce (30 events)',
      '3.3.3.3 ssh-scan (3 events)',
    ]);
    assert.equal(q.benignFlagged.count, 3);
    assert.deepEqual(
      q.benignFlagged.sample.map((f) => `${f.ip} ${f.category}`),
      ['6.6.6.6 interactive', '7.7.7.7 benign', '9.9.9.9 benign'],
    );
    assert.deepEqual(q.greyFlagged.sample, [
      { ip: '5.5.5.5', scenarios: ['crowdsecurity/ssh-bf'], category: 'seo-crawler' },
    ]);
  });

  it('gives the same digest to the same detections in another order, another to others', () => {
    const a = { scenario: 's', source: '1.1.1.1' };
    const b = { scenario: 's', source: '2.2.2.2' };
    assert.equal(judge([a, b], truth, 'ssh').digest, judge([b, a], truth, 'ssh').digest);
    assert.notEqual(judge([a], truth, 'ssh').digest, judge([a, b], truth, 'ssh').digest);
  });
});

describe('summariseProfile', () => {
  const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 4] },
      { id: 2, callFrame: frame('parse', 'file:///repo/src/parse.ts', 9), children: [3] },
      { id: 3, callFrame: frame('wasm-function[7]', 'wasm://wasm/abc') },
      { id: 4, callFrame: frame('(garbage collector)', '') },
    ],
    // Sample i is charged timeDeltas[i + 1] (the last one nothing): parse 300 µs + 100 µs,
    // wasm 200 µs, GC 400 µs.
    samples: [2, 3, 2, 4, 2],
    timeDeltas: [0, 300, 200, 100, 400],
  };

  it('charges self time per function and per file, largest first, names shortened', () => {
    const s = summariseProfile(profile, 10, '/repo');
    assert.equal(s.sampledMs, 1);
    assert.deepEqual(
      s.functions.map((r) => [r.name, r.ms, r.percent]),
      [
        ['parse (src/parse.ts:10)', 0.4, 40],
        ['(garbage collector)', 0.4, 40],
        ['(wasm, called by parse src/parse.ts)', 0.2, 20],
      ],
    );
    assert.equal(s.files.find((r) => r.name === 'src/parse.ts')?.ms, 0.4);
  });

  it('charges inclusive time to our own functions (files under packages/), once per sample', () => {
    const nested: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2] },
        { id: 2, callFrame: frame('process', 'file:///repo/packages/p/run.ts', 4), children: [3, 5] },
        { id: 3, callFrame: frame('parse', 'file:///repo/packages/p/parse.ts'), children: [4] },
        // parse calls itself: one sample in the inner call is charged to parse once.
        { id: 4, callFrame: frame('parse', 'file:///repo/packages/p/parse.ts') },
        { id: 5, callFrame: frame('lower', 'node:internal/strings') },
      ],
      samples: [3, 4, 5, 2],
      timeDeltas: [0, 100, 100, 200],
    };
    const s = summariseProfile(nested, 10, '/repo');
    assert.deepEqual(
      s.inclusive.map((r) => [r.name, r.ms]),
      [
        ['process (packages/p/run.ts:5)', 0.4],
        ['parse (packages/p/parse.ts:1)', 0.2],
      ],
    );
  });

  it('cuts long names (RegExp sources)', () => {
    const long: CpuProfile = {
      nodes: [{ id: 1, callFrame: frame(`RegExp: ${'a|'.repeat(200)}`, '') }],
      samples: [1, 1],
      timeDeltas: [0, 10],
    };
    const [row] = summariseProfile(long, 1, '').functions;
    assert.ok(row && row.name.length === 100 && row.name.endsWith('…'));
  });

  it('keeps only the top rows', () => {
    assert.equal(summariseProfile(profile, 1, '/repo').functions.length, 1);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});

describe('parseBenchOptions', () => {
  it('has the defaults of issue 5', () => {
    const o = parseBenchOptions([], '/repo');
    assert.ok(o);
    assert.equal(o.lines, 1_000_000);
    assert.equal(o.runs, 3);
    assert.equal(o.seed, 1);
    assert.deepEqual(o.logs, ['nginx', 'ssh']);
    assert.equal(o.dataDir, '/repo/.bench-data');
  });

  it('rejects unknown logs and bad numbers, returns undefined for --help', () => {
    assert.throws(() => parseBenchOptions(['--logs', 'nginx,iis'], '/r'), OptionError);
    assert.throws(() => parseBenchOptions(['--runs', '0'], '/r'), /--runs: expected an integer ≥ 1/);
    assert.throws(() => parseBenchOptions(['--lines', '1e3x'], '/r'), OptionError);
    assert.throws(() => parseBenchOptions(['--bogus'], '/r'), OptionError);
    assert.equal(parseBenchOptions(['--help'], '/r'), undefined);
  });
});
