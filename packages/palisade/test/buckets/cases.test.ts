import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCase } from './case-runner.ts';

const root = join(import.meta.dirname, 'testdata');

describe('bucket cases (testdata/)', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      assert.deepEqual(runCase(join(root, name)), []);
    });
  }
});
