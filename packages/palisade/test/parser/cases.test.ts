import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCase } from './case-runner.ts';

const TESTDATA = join(import.meta.dirname, 'testdata');

describe('parser cases (testdata/<case>)', () => {
  for (const name of readdirSync(TESTDATA).sort()) {
    it(name, () => {
      assert.deepEqual(runCase(join(TESTDATA, name)), []);
    });
  }
});
