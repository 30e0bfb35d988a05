import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readHubIndex } from '../../src/hub/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'palisade-index-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('readHubIndex', () => {
  it('reads items, versions and collection dependencies', () => {
    writeFileSync(
      join(dir, '.index.json'),
      JSON.stringify({
        parsers: {
          'acme/app-logs': {
            path: 'parsers/s01-parse/acme/app-logs.yaml',
            stage: 's01-parse',
            version: '0.2',
            versions: { '0.1': { digest: 'aa', deprecated: false }, '0.2': { digest: 'bb' } },
          },
        },
        collections: {
          'acme/app': { path: 'collections/acme/app.yaml', version: '1.0', parsers: ['acme/app-logs'] },
        },
      }),
    );
    const items = readHubIndex(dir);
    assert.equal(items.length, 2);
    assert.deepEqual(items[0], {
      type: 'parsers',
      name: 'acme/app-logs',
      path: 'parsers/s01-parse/acme/app-logs.yaml',
      stage: 's01-parse',
      version: '0.2',
      versions: Object.assign(Object.create(null), {
        '0.1': { digest: 'aa', deprecated: false },
        '0.2': { digest: 'bb', deprecated: false },
      }),
      dependencies: {},
    });
    assert.deepEqual(items[1]!.dependencies, { parsers: ['acme/app-logs'] });
  });

  it('fails with a located error when the index is missing or malformed', () => {
    assert.throws(() => readHubIndex(join(dir, 'nowhere')), /^HubError: cannot read the hub index: ENOENT$/);
    writeFileSync(join(dir, '.index.json'), '[1]');
    assert.throws(
      () => readHubIndex(dir),
      (e: Error & { format(): string }) => {
        return e.format() === '.index.json: the hub index is not a JSON object';
      },
    );
  });
});
