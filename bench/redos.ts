/**
 * Adversarial (ReDoS) benchmark for every grok pattern of the CrowdSec Hub.
 *
 *   npm run bench:redos -- [--hub DIR] [--budget-ms 5] [--size 65536] [--top 20] [--filter TEXT]
 *
 * Must run under `--enable-experimental-regexp-engine-on-excessive-backtracks` (the npm script
 * does), like every Palisade process that matches logs. V8's default backtrack budget before that
 * fallback is kept on purpose: lowering it (`--regexp-backtracks-before-fallback=1000` or 200)
 * made the worst line about 2x (1000) to 6x (200) slower, since matching lines then leave the
 * fast backtracking engine for the much slower linear one. Prints the worst time per line for the
 * slowest patterns, the overall worst and the throughput; exits 1 when the worst exceeds the
 * budget.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type AdversarialLine, nearMatchLines, syntheticLines } from './redos/adversarial.ts';
import { collectHubGroks, type HubGrok } from './redos/hub-groks.ts';
import { hubSampleLines } from './redos/samples.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    hub: { type: 'string', default: join(repoRoot, '..', 'shared', 'crowdsec-hub') },
    'budget-ms': { type: 'string', default: '5' },
    size: { type: 'string', default: '65536' },
    top: { type: 'string', default: '20' },
    filter: { type: 'string' },
    'samples-per-file': { type: 'string', default: '5' },
    verbose: { type: 'boolean', default: false },
  },
});
const budgetMs = Number(values['budget-ms']);
const size = Number(values.size);
const top = Number(values.top);

if (
  !process.execArgv.some((arg) =>
    arg.startsWith('--enable-experimental-regexp-engine-on-excessive-backtracks'),
  )
) {
  console.warn(
    'warning: run with --enable-experimental-regexp-engine-on-excessive-backtracks (npm run bench:redos)',
  );
}

interface Worst {
  readonly grok: HubGrok;
  ms: number;
  label: string;
  lines: number;
  totalMs: number;
}

const { distinct, errors } = collectHubGroks(values.hub);
if (errors.length > 0)
  console.warn(`${errors.length} hub groks failed to compile:\n  ${errors.join('\n  ')}`);
const samples = hubSampleLines(values.hub, Number(values['samples-per-file']));

function measure(grok: HubGrok, line: string): number {
  const start = process.hrtime.bigint();
  grok.pattern.match(line);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const results: Worst[] = [];
let totalLines = 0;
let totalBytes = 0;
let totalMs = 0;
for (const grok of distinct.values()) {
  if (values.filter !== undefined && !grok.text.includes(values.filter)) continue;
  const matching = samples.filter((line) => grok.pattern.regexp.test(line)).slice(0, 1);
  const lines: AdversarialLine[] = [
    ...syntheticLines(grok.pattern, size),
    ...nearMatchLines(grok.pattern, matching, size),
  ];
  const worst: Worst = { grok, ms: 0, label: '', lines: lines.length, totalMs: 0 };
  grok.pattern.match('warm-up');
  for (const { label, line } of lines) {
    let best = measure(grok, line);
    // Re-measure outliers only: ReDoS is deterministic, a GC pause or a busy CPU is not.
    if (best > budgetMs) best = Math.min(best, measure(grok, line));
    worst.totalMs += best;
    totalBytes += line.length;
    if (best > worst.ms) {
      worst.ms = best;
      worst.label = label;
    }
  }
  if (values.verbose)
    console.log(
      `${worst.ms.toFixed(2).padStart(9)} ms worst, ${worst.totalMs.toFixed(0)} ms total  ${worst.label}  ${grok.text.slice(0, 80)}`,
    );
  totalLines += lines.length;
  totalMs += worst.totalMs;
  results.push(worst);
}

results.sort((a, b) => b.ms - a.ms);
const shorten = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;
console.log(
  `ReDoS benchmark: ${results.length} distinct hub groks, ${totalLines} adversarial lines of up to ${size} chars`,
);
console.log(`\nTop ${Math.min(top, results.length)} slowest patterns (worst single line):`);
for (const r of results.slice(0, top)) {
  const where = r.grok.file.replace(`${values.hub}/`, '');
  console.log(
    `${r.ms.toFixed(3).padStart(9)} ms  ${shorten(r.label, 34).padEnd(34)}  ${where}  ${r.grok.kind}: ${shorten(r.grok.text, 70)}`,
  );
}
const overall = results[0];
console.log(
  `\nthroughput: ${(totalLines / (totalMs / 1000)).toFixed(0)} lines/s, ${(totalBytes / 1048576 / (totalMs / 1000)).toFixed(1)} MiB/s`,
);
if (overall === undefined) process.exit(0);
console.log(
  `overall worst: ${overall.ms.toFixed(3)} ms (${overall.label}) on ${overall.grok.kind} \`${shorten(overall.grok.text, 100)}\``,
);
if (overall.ms > budgetMs) {
  console.log(`FAIL: worst ${overall.ms.toFixed(3)} ms exceeds the budget of ${budgetMs} ms`);
  process.exit(1);
}
console.log(`OK: within the budget of ${budgetMs} ms`);
