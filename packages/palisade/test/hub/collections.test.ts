import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ItemResolutionError, resolveSelection } from '../../src/hub/collections.ts';

const REAL_HUB = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'crowdsec-hub');
const NO_HUB = existsSync(join(REAL_HUB, '.index.json')) ? false : `real hub not found at ${REAL_HUB}`;

const temps: string[] = [];
after(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A hub with two collections that include each other, and one modified (tainted) scenario. */
function tinyHub(): string {
  const hub = mkdtempSync(join(tmpdir(), 'palisade-collections-'));
  temps.push(hub);
  const files: Record<string, string> = {
    'parsers/s01-parse/me/app-logs.yaml': 'name: me/app-logs\n',
    'parsers/s00-raw/me/raw.yaml': 'name: me/raw\n',
    'postoverflows/s01-whitelist/me/wl.yaml': 'name: me/wl\n',
    'scenarios/me/app-bf.yaml': 'name: me/app-bf\n',
    'scenarios/me/app-scan.yaml': 'name: me/app-scan # edited locally\n',
    'contexts/me/ctx.yaml': 'context: {}\n',
    'collections/me/app.yaml': 'name: me/app\n',
    'collections/me/base.yaml': 'name: me/base\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(hub, path)), { recursive: true });
    writeFileSync(join(hub, path), text);
  }
  const item = (path: string, extra: object = {}, digests: Record<string, string> = {}) => {
    const own = sha(files[path] as string);
    const versions: Record<string, { digest: string; deprecated: boolean }> = {};
    for (const [v, d] of Object.entries({ '0.1': 'old', ...digests, '0.2': own })) {
      versions[v] = { digest: d, deprecated: false };
    }
    return { path, version: '0.2', versions, ...extra };
  };
  const index = {
    parsers: {
      'me/app-logs': item('parsers/s01-parse/me/app-logs.yaml', { stage: 's01-parse' }),
      'me/raw': item('parsers/s00-raw/me/raw.yaml', { stage: 's00-raw' }),
    },
    postoverflows: { 'me/wl': item('postoverflows/s01-whitelist/me/wl.yaml', { stage: 's01-whitelist' }) },
    scenarios: {
      'me/app-bf': item('scenarios/me/app-bf.yaml', {}, { '0.1': sha('name: me/app-bf\n') }),
      'me/app-scan': {
        path: 'scenarios/me/app-scan.yaml',
        version: '1.0',
        versions: { '1.0': { digest: 'not-the-file', deprecated: false } },
      },
    },
    contexts: { 'me/ctx': item('contexts/me/ctx.yaml') },
    collections: {
      'me/app': item('collections/me/app.yaml', {
        parsers: ['me/app-logs'],
        scenarios: ['me/app-bf', 'me/app-scan'],
        contexts: ['me/ctx'],
        'appsec-rules': ['me/ignored'],
        collections: ['me/base'],
      }),
      'me/base': item('collections/me/base.yaml', {
        parsers: ['me/raw', 'me/app-logs'],
        postoverflows: ['me/wl'],
        collections: ['me/app'],
      }),
      'me/broken': item('collections/me/base.yaml', { scenarios: ['me/missing'] }),
    },
  };
  writeFileSync(join(hub, '.index.json'), JSON.stringify(index));
  return hub;
}

describe('resolveSelection', () => {
  it('expands a collection recursively, each item once, cycles included', () => {
    const hub = tinyHub();
    const sel = resolveSelection(hub, { collections: ['me/app'] });
    assert.deepEqual(sel.collections, ['me/app', 'me/base']);
    assert.deepEqual(
      sel.parsers.map((p) => `${p.stage}:${p.name}`),
      ['s01-parse:me/app-logs', 's00-raw:me/raw'],
    );
    assert.deepEqual(
      sel.postoverflows.map((p) => `${p.stage}:${p.name}`),
      ['s01-whitelist:me/wl'],
    );
    assert.deepEqual(
      sel.scenarios.map((s) => s.name),
      ['me/app-bf', 'me/app-scan'],
    );
    assert.deepEqual(
      sel.contexts.map((c) => c.name),
      ['me/ctx'],
    );
    assert.equal(sel.scenarios[0]?.absPath, join(hub, 'scenarios/me/app-bf.yaml'));
    assert.equal(sel.scenarios[0]?.path, 'scenarios/me/app-bf.yaml');
  });

  it('gives each file its sha256 and the version whose digest matches (? when tainted)', () => {
    const hub = tinyHub();
    const sel = resolveSelection(hub, { scenarios: ['me/app-bf', 'me/app-scan'] });
    const [bf, scan] = sel.scenarios;
    assert.equal(bf?.hash, sha('name: me/app-bf\n'));
    // Both 0.1 and 0.2 carry this digest here: the newest wins.
    assert.equal(bf?.version, '0.2');
    assert.equal(scan?.hash, sha('name: me/app-scan # edited locally\n'));
    assert.equal(scan?.version, '?');
    assert.equal(bf?.local, false);
  });

  it('takes YAML paths as local items, with their stage from the path', () => {
    const hub = tinyHub();
    const sel = resolveSelection(hub, { parsers: ['parsers/s00-raw/me/raw.yaml'] });
    assert.deepEqual(
      sel.parsers.map((p) => ({
        name: p.name,
        stage: p.stage,
        local: p.local,
        hash: p.hash,
        version: p.version,
      })),
      [{ name: 'me/raw', stage: 's00-raw', local: true, hash: '', version: '' }],
    );
  });

  it('names what it cannot find', () => {
    const hub = tinyHub();
    assert.throws(() => resolveSelection(hub, { collections: ['me/nope'] }), ItemResolutionError);
    assert.throws(
      () => resolveSelection(hub, { collections: ['me/broken'] }),
      /no scenario named 'me\/missing' .*listed by collection 'me\/broken'/,
    );
    assert.throws(() => resolveSelection(hub, { parsers: ['nowhere/x.yaml'] }), /parsers: no such file/);
    assert.throws(
      () => resolveSelection(hub, { scenarios: ['me/app-logs'] }),
      /no scenario named 'me\/app-logs'/,
    );
  });

  it('resolves the real crowdsecurity/linux collection', { skip: NO_HUB }, () => {
    const sel = resolveSelection(REAL_HUB, { collections: ['crowdsecurity/linux'] });
    assert.ok(sel.collections.includes('crowdsecurity/sshd'));
    const parsers = sel.parsers.map((p) => p.name);
    for (const p of [
      'crowdsecurity/syslog-logs',
      'crowdsecurity/sshd-logs',
      'crowdsecurity/dateparse-enrich',
    ]) {
      assert.ok(parsers.includes(p), p);
    }
    const bf = sel.scenarios.find((s) => s.name === 'crowdsecurity/ssh-bf');
    assert.ok(bf);
    assert.match(bf.hash, /^[0-9a-f]{64}$/);
    assert.notEqual(bf.version, '?', 'the hub snapshot is untouched');
    assert.ok(sel.contexts.some((c) => c.name === 'crowdsecurity/bf_base'));
  });
});
