/**
 * The CLI entry point must not load the server stack (fastify, the database drivers, pino): it
 * costs ~25 MB of resident memory, which `palisade replay` and `hubtest` would pay for nothing.
 * `lapi` and the admin commands import it when they run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

const CLI_INDEX = pathToFileURL(join(import.meta.dirname, '../../src/cli/index.ts')).href;

/** Every module URL resolved while importing `entry` in a fresh Node process. */
function modulesLoadedBy(entry: string): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = [];
    registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); seen.push(r.url); return r; } });
    await import(${JSON.stringify(entry)});
    process.stdout.write(JSON.stringify(seen));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as string[];
}

const SERVER_STACK = /\/node_modules\/(fastify|pg|kysely|pino|prom-client)\/|\/src\/(lapi|store)\//;

describe('cli start-up imports', () => {
  test('importing the CLI loads the detection engine but not the server stack', () => {
    const urls = modulesLoadedBy(CLI_INDEX);
    // The probe works: the replay command's own modules are seen.
    assert.ok(urls.some((u) => u.endsWith('/src/pipeline/index.ts')));
    assert.deepEqual(
      urls.filter((u) => SERVER_STACK.test(u)),
      [],
    );
  });
});
