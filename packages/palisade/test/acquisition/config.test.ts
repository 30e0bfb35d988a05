import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AcquisitionError,
  configureFromDsn,
  configureFromYaml,
  loadSource,
  parseLabelList,
  replayLabels,
} from '../../src/acquisition/index.ts';

function formatted(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AcquisitionError);
    return err.format();
  }
  assert.fail('expected an AcquisitionError');
}

async function formattedAsync(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AcquisitionError, String(err));
    return err.format();
  }
  assert.fail('expected an AcquisitionError');
}

describe('file config parsing', async () => {
  const file = await loadSource('file', 'test');

  it('merges filename and filenames, defaults to tail mode and the 64 KiB line limit', () => {
    const c = file.parseConfig(
      { filename: '/a.log', filenames: ['/b.log'], labels: { type: 'syslog', n: 3 } },
      'acquis.yaml',
    ) as unknown as { filenames: string[]; mode: string; maxLineBytes: number; labels: object };
    assert.deepEqual(c.filenames, ['/a.log', '/b.log']);
    assert.equal(c.mode, 'tail');
    assert.equal(c.maxLineBytes, 65536);
    assert.deepEqual({ ...c.labels }, { type: 'syslog', n: '3' });
  });

  it('names the entry and the field in errors', () => {
    assert.equal(
      formatted(() => file.parseConfig({ filename: '/a', labels: {} }, 'acquis.yaml')),
      "acquis.yaml: labels: labels are required (at least 'type')",
    );
    assert.equal(
      formatted(() =>
        file.parseConfig({ filename: '/a', mode: 'follow', labels: { type: 'x' } }, 'acquis.yaml'),
      ),
      "acquis.yaml: mode: must be 'cat' or 'tail', not 'follow'",
    );
    assert.equal(
      formatted(() => file.parseConfig({ filenames: '/a', labels: { type: 'x' } }, 'acquis.yaml')),
      'acquis.yaml: filenames: must be a list of strings',
    );
    assert.equal(
      formatted(() => file.parseConfig({ labels: { type: 'x' } }, 'acquis.yaml')),
      "acquis.yaml: no 'filename' or 'filenames' given",
    );
    assert.match(
      formatted(() =>
        file.parseConfig({ filename: '/a', labels: { type: 'x' }, filname: 'typo' }, 'acquis.yaml'),
      ),
      /^acquis\.yaml: filname: unknown key \(known: discovery_poll_enable, /,
    );
  });

  it('refuses tail mode at configure time for now', async () => {
    assert.equal(
      await formattedAsync(
        configureFromYaml({ filename: '/etc/hostname', labels: { type: 'x' } }, 'acquis.yaml'),
      ),
      "acquis.yaml: mode: only 'cat' mode is available for now",
    );
  });

  it('detects the source from filename and tells unknown from unavailable sources', async () => {
    assert.equal(
      await formattedAsync(configureFromYaml({ source: 'journalctl', labels: { type: 'x' } }, 'acquis.yaml')),
      "acquis.yaml: source: datasource 'journalctl' is not available in this version of Palisade",
    );
    assert.equal(
      await formattedAsync(configureFromYaml({ source: 'carrier-pigeon' }, 'acquis.yaml')),
      "acquis.yaml: source: unknown datasource 'carrier-pigeon' (available: file, stdin)",
    );
    assert.equal(
      await formattedAsync(configureFromYaml({ labels: { type: 'x' } }, 'acquis.yaml')),
      "acquis.yaml: 'source' is missing and cannot be guessed from the other keys",
    );
  });

  it('validates DSNs', async () => {
    assert.equal(
      await formattedAsync(configureFromDsn('file:///x?follow=1', replayLabels('syslog'))),
      "-dsn: unknown parameter 'follow' (known: log_level, max_buffer_size)",
    );
    assert.equal(
      await formattedAsync(configureFromDsn('/var/log/x', replayLabels('syslog'))),
      "-dsn: '/var/log/x' is not a DSN (expected <source>://…)",
    );
    assert.equal(
      await formattedAsync(configureFromDsn('file:///x', {})),
      "-dsn: a log type is required with -dsn (label 'type')",
    );
  });
});

describe('parseLabelList', () => {
  it('parses k:v pairs, values may contain colons', () => {
    assert.deepEqual(
      { ...parseLabelList('program:envoy, url:http://x', '--labels') },
      { program: 'envoy', url: 'http://x' },
    );
    assert.deepEqual({ ...parseLabelList('', '--labels') }, {});
  });

  it('names the flag in errors', () => {
    assert.equal(
      formatted(() => parseLabelList('program', '--labels')),
      "--labels: 'program' is not a label: expected key:value",
    );
    assert.equal(
      formatted(() => parseLabelList(':x', '--labels')),
      "--labels: ':x' is not a label: expected key:value",
    );
    assert.equal(
      formatted(() => parseLabelList('a:1,a:2', '--labels')),
      "--labels: label 'a' is given twice",
    );
  });

  it('replayLabels puts the log type under `type`', () => {
    assert.deepEqual({ ...replayLabels('syslog', { type: 'other', x: 'y' }) }, { x: 'y', type: 'syslog' });
  });
});
