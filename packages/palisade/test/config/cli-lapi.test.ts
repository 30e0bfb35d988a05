/**
 * `palisade lapi -c FILE` refuses an invalid configuration with exit code 2 and one
 * `file:line: message` line per problem, before opening anything.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/index.ts';

test('palisade lapi with a bad configuration exits 2 and names file and line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-cli-lapi-'));
  try {
    const path = join(dir, 'config.yaml');
    writeFileSync(
      path,
      'api:\n  server:\n    listen_uri: 127.0.0.1:8080\n    lisen_socket: /x\ndb_config:\n  type: oracle\n',
    );
    let err = '';
    const code = await main(['node', 'palisade', 'lapi', '-c', path], {
      out: () => {},
      err: (t) => (err += t),
    });
    assert.equal(code, 2);
    assert.equal(
      err,
      `error: ${path}:4: unknown key "lisen_socket" in api.server\nerror: ${path}:6: db_config.type "oracle" is not supported (sqlite, postgres)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
