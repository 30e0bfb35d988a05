/**
 * What the benchmark prints: one markdown table per log (ours beside CrowdSec 1.4.6 and the
 * targets of issue 5), the detection details under it, and the profile summaries.
 */
import type { Conditions, LogSpec, Reference } from './logs.ts';
import type { MedianMeasure, RunMeasure } from './measure.ts';
import type { ProfileSummary } from './profile.ts';
import type { Quality } from './quality.ts';

/** Everything measured on one log (also the JSON written to results-<date>.json). */
export interface LogResult {
  readonly log: string;
  readonly file: string;
  readonly type: string;
  readonly collections: readonly string[];
  /** Items the replay installed, per type (from `--stats-json`). */
  readonly items: Readonly<Record<string, readonly string[]>>;
  readonly command: string;
  readonly runs: readonly RunMeasure[];
  readonly median: MedianMeasure;
  /** The detection verdict of the first run. */
  readonly quality: Quality;
  /** True when every run produced the same alerts (sources and scenarios). */
  readonly sameAlertsEveryRun: boolean;
  profile?: ProfileSummary;
}

/** Items listed per type in the printed report (the JSON has them all). */
const ITEMS_SHOWN = 12;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const dec = (n: number, digits: number) => n.toFixed(digits);
const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : '–');

/** The markdown table and details of one log. */
export function renderLog(result: LogResult, spec: LogSpec, at: Conditions, runs: number): string {
  const m = result.median;
  const q = result.quality;
  const refs = spec.references;
  const check = (ref: Reference, value: number): string => {
    const met = ref.met?.(value, at);
    return met === undefined ? '' : met ? 'yes' : 'NO';
  };
  const row = (metric: string, ours: string, ref?: Reference, value?: number) =>
    `| ${metric} | ${ours} | ${ref?.crowdsec ?? ''} | ${ref?.target ?? ''} | ${ref && value !== undefined ? check(ref, value) : ''} |`;
  const median = runs > 1 ? ` (median of ${runs} runs)` : '';
  const lines = [
    `### ${spec.name}: ${spec.file}, --type ${spec.type}, ${int(at.lines)} lines, seed ${at.seed}${median}`,
    '',
    '| metric | Palisade | CrowdSec 1.4.6 | target | met |',
    '|---|---:|---:|---:|:---:|',
    row('lines', int(m.lines)),
    row('wall s', dec(m.wallS, 2)),
    row('CPU s (user + sys)', `${dec(m.cpuS, 2)} (${dec(m.cpuUserS, 2)} + ${dec(m.cpuSystemS, 2)})`),
    row('  of which start-up (load until first event)', dec(m.startupCpuS, 2)),
    row('lines per CPU-second', int(m.linesPerCpuS), refs.linesPerCpuSecond, m.linesPerCpuS),
    row('  after start-up', int(m.linesPerCpuSAfterStartup)),
    row('peak RSS MiB', dec(m.peakRssMiB, 1), refs.peakRssMiB, m.peakRssMiB),
    row('alerts', int(q.alerts)),
    row(
      'attackers detected',
      `${q.attackers.detected} / ${q.attackers.total} (${pct(q.attackers.detected, q.attackers.total)})`,
      refs.attackersDetected,
      q.attackers.detected,
    ),
    row('benign IPs flagged', int(q.benignFlagged.count), refs.benignFlagged, q.benignFlagged.count),
    row('grey IPs flagged (SEO crawlers)', int(q.greyFlagged.count)),
    '',
  ];
  const behaviours = Object.entries(q.attackers.byBehaviour)
    .map(([b, r]) => `${b} ${r.detected}/${r.total}`)
    .join(', ');
  lines.push(`- detected per behaviour: ${behaviours || '–'}`);
  const scenarios = Object.entries(q.alertsByScenario)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  lines.push(`- alerts per scenario: ${scenarios || '–'}`);
  if (q.attackers.missedSample.length > 0) {
    lines.push(`- missed (largest first): ${q.attackers.missedSample.join('; ')}`);
  }
  if (q.benignFlagged.count > 0) {
    const sample = q.benignFlagged.sample.map((f) => `${f.ip} [${f.category}] by ${f.scenarios.join('+')}`);
    lines.push(`- benign IPs flagged (first ${sample.length}): ${sample.join('; ')}`);
  }
  if (q.greyFlagged.count > 0) {
    const sample = q.greyFlagged.sample.map((f) => `${f.ip} by ${f.scenarios.join('+')}`);
    lines.push(`- grey IPs flagged (first ${sample.length}): ${sample.join('; ')}`);
  }
  if (!result.sameAlertsEveryRun) lines.push('- WARNING: the runs did not all produce the same alerts');
  lines.push(`- items loaded: ${renderItems(result.items)}`);
  return `${lines.join('\n')}\n`;
}

function renderItems(items: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(items)
    .filter(([, names]) => names.length > 0)
    .map(([type, names]) => {
      const shown =
        names.length > ITEMS_SHOWN
          ? [...names.slice(0, ITEMS_SHOWN), `… ${names.length - ITEMS_SHOWN} more`]
          : names;
      return `${type} (${names.length}): ${shown.join(', ')}`;
    })
    .join('; ');
}

/** The profile summary of one log, as markdown. */
export function renderProfile(log: string, profile: ProfileSummary): string {
  const table = (title: string, kind: string, rows: ProfileSummary['functions']) => [
    `| ${title} | ${kind} ms | % |`,
    '|---|---:|---:|',
    ...rows.map((r) => `| ${r.name.replaceAll('|', '\\|')} | ${dec(r.ms, 1)} | ${dec(r.percent, 1)} |`),
  ];
  return [
    `### CPU profile: ${log} (${int(profile.sampledMs)} ms sampled, ${profile.file})`,
    '',
    ...table('function', 'self', profile.functions),
    '',
    ...table('file', 'self', profile.files),
    '',
    ...table('our function (self + callees)', 'total', profile.inclusive),
    '',
  ].join('\n');
}
