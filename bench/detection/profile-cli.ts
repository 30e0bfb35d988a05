/**
 * Summarises saved CPU profiles again (those `npm run bench -- --profile` keeps under
 * `.bench-data/runs/<date>/<log>-profile/`), or any `.cpuprofile`:
 *
 *   node bench/detection/profile-cli.ts FILE.cpuprofile|DIR [--top 20]
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CpuProfile, summariseProfile, summariseProfileDir } from './profile.ts';
import { renderProfile } from './report.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '15' } },
});
const repoRoot = resolve(import.meta.dirname, '..', '..');
const top = Number(values.top);
if (positionals.length === 0 || !Number.isSafeInteger(top) || top < 1) {
  process.stderr.write('usage: node bench/detection/profile-cli.ts FILE.cpuprofile|DIR [--top N]\n');
  process.exitCode = 2;
} else {
  for (const path of positionals) {
    const summary = statSync(path).isDirectory()
      ? summariseProfileDir(path, top, repoRoot)
      : summariseProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, top, repoRoot, path);
    process.stdout.write(`${renderProfile(path, summary)}\n`);
  }
}
