/**
 * The benchmark's markdown: one table with a column per server, the ratio and the target
 * (throughput at least 3× CrowdSec's, memory no more than CrowdSec's), then the details.
 */
import { renderProfile } from '../detection/report.ts';
import type { ServerName } from './options.ts';
import type { LapiBenchReport, Measured } from './results.ts';

/** Throughput target: Palisade ÷ CrowdSec at least this. */
export const THROUGHPUT_TARGET = 3;
/** Memory target: Palisade ÷ CrowdSec at most this. */
export const MEMORY_TARGET = 1;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const dec = (n: number, d: number) => n.toFixed(d);

interface Row {
  readonly what: string;
  /** Display text per server. */
  readonly cells: Partial<Record<ServerName, string>>;
  /** The figure per server the ratio is computed from (undefined when failed or absent). */
  readonly values: Partial<Record<ServerName, number | undefined>>;
  /** `throughput`: higher is better, target ≥ 3×; `time`: lower is better (ratio = speed-up), target ≥ 3×; `memory`: ≤ 1×. */
  readonly kind: 'throughput' | 'time' | 'memory';
}

function cellText<T>(m: Measured<T> | undefined, show: (m: Measured<T>) => string): string {
  if (!m) return '–';
  if (m.error) return 'failed';
  return show(m);
}

function ratioText(row: Row, servers: readonly ServerName[]): { ratio: string; target: string; met: string } {
  const target = row.kind === 'memory' ? `≤ ${MEMORY_TARGET}×` : `≥ ${THROUGHPUT_TARGET}×`;
  const cs = row.values.crowdsec;
  const pal = row.values.palisade;
  if (
    !servers.includes('crowdsec') ||
    !servers.includes('palisade') ||
    cs === undefined ||
    pal === undefined ||
    cs <= 0 ||
    pal <= 0
  )
    return { ratio: '–', target, met: '–' };
  const ratio = row.kind === 'time' ? cs / pal : pal / cs;
  const met = row.kind === 'memory' ? ratio <= MEMORY_TARGET : ratio >= THROUGHPUT_TARGET;
  return { ratio: `${dec(ratio, 2)}×`, target, met: met ? 'yes' : '**no**' };
}

/** The main table and the details, as markdown. */
export function renderReport(report: LapiBenchReport): string {
  const servers = report.servers;
  const s = report.settings;
  const rows: Row[] = [];
  const memRows: Row[] = [];
  const peakOf = (m: Measured<unknown> | undefined) => (m && !m.error ? m.peakRssMiB : undefined);
  const memRow = (what: string, by: Partial<Record<ServerName, Measured<unknown>>>) => {
    memRows.push({
      what,
      kind: 'memory',
      cells: Object.fromEntries(
        servers.map((n) => [n, cellText(by[n], (m) => `${int(m.peakRssMiB ?? 0)} MiB`)]),
      ),
      values: Object.fromEntries(servers.map((n) => [n, peakOf(by[n])])),
    });
  };

  for (const [inFlight, by] of Object.entries(report.ingest ?? {})) {
    const how = inFlight === '1' ? 'one POST at a time' : `${inFlight} POSTs in flight`;
    rows.push({
      what: `Alert ingestion, ${int(s.alerts)} alerts (${s.batch}/POST, ${how})`,
      kind: 'throughput',
      cells: Object.fromEntries(
        servers.map((n) => [n, cellText(by[n], (m) => `${int(m.figures!.alertsPerS)} alerts/s`)]),
      ),
      values: Object.fromEntries(servers.map((n) => [n, by[n]?.figures?.alertsPerS])),
    });
    memRow(`Peak RSS, alert ingestion (${how})`, by);
  }
  for (const [label, by] of Object.entries(report.stream ?? {})) {
    rows.push({
      what: `Startup stream, ${label} decisions (median of ${s.streamRuns})`,
      kind: 'time',
      cells: Object.fromEntries(
        servers.map((n) => [
          n,
          cellText(
            by[n],
            (m) => `${dec(m.figures!.medianSeconds, 2)} s (${int(m.figures!.decisionsPerS)}/s)`,
          ),
        ]),
      ),
      values: Object.fromEntries(servers.map((n) => [n, by[n]?.figures?.medianSeconds])),
    });
    memRow(`Peak RSS, startup stream ${label}`, by);
  }
  if (report.polls) {
    const by = report.polls;
    rows.push({
      what: `Delta polls, ${int(s.bouncers)} bouncers (${s.pollSeconds} s, ${s.concurrency} in flight, ${s.trickle} alerts/s arriving)`,
      kind: 'throughput',
      cells: Object.fromEntries(
        servers.map((n) => [n, cellText(by[n], (m) => `${int(m.figures!.pollsPerS)} polls/s`)]),
      ),
      values: Object.fromEntries(servers.map((n) => [n, by[n]?.figures?.pollsPerS])),
    });
    memRow(`Peak RSS, delta polls (${int(s.bouncers)} bouncers)`, by);
  }
  if (memRows.length > 1) {
    const max = (n: ServerName) => {
      const v = memRows.map((r) => r.values[n]);
      return v.some((x) => x === undefined) ? undefined : Math.max(...(v as number[]));
    };
    memRows.push({
      what: 'Peak RSS, highest of all workloads',
      kind: 'memory',
      cells: Object.fromEntries(
        servers.map((n) => [n, max(n) === undefined ? 'failed' : `${int(max(n)!)} MiB`]),
      ),
      values: Object.fromEntries(servers.map((n) => [n, max(n)])),
    });
  }

  const head = `| Figure | ${servers.map((n) => report.labels[n]).join(' | ')} | Palisade vs CrowdSec | Target | Met |`;
  const rule = `|---|${servers.map(() => '---:|').join('')}---:|---|---|`;
  const line = (r: Row) => {
    const q = ratioText(r, servers);
    return `| ${r.what} | ${servers.map((n) => r.cells[n] ?? '–').join(' | ')} | ${q.ratio} | ${q.target} | ${q.met} |`;
  };
  const out = [
    `## LAPI benchmark (${report.date})`,
    '',
    `Machine: ${report.machine.cpus} CPUs, load average ${dec(report.machine.loadAtStart, 2)} at start, ${dec(report.machine.loadAtEnd, 2)} at end; node ${report.node}; client and server on the same machine, loopback, keep-alive.`,
    '',
    head,
    rule,
    ...rows.map(line),
    ...memRows.map(line),
    '',
    'Ratios: throughput and stream speed are Palisade ÷ CrowdSec (higher is better), memory is Palisade ÷ CrowdSec (lower is better). Peak RSS is VmHWM of the server process during the timed phase (reset when it began, after a restart that follows the import).',
    ...peakCaveat(report),
    '',
    ...renderDetails(report),
    ...renderErrors(report),
  ];
  for (const [label, profile] of Object.entries(report.profiles ?? {}))
    out.push(renderProfile(`palisade ${label}`, profile));
  return `${out.join('\n')}\n`;
}

function renderDetails(report: LapiBenchReport): string[] {
  const servers = report.servers;
  const lines = [
    `| Detail | ${servers.map((n) => report.labels[n]).join(' | ')} |`,
    `|---|${servers.map(() => '---:|').join('')}`,
  ];
  const add = <T>(
    what: string,
    by: Partial<Record<ServerName, Measured<T>>> | undefined,
    show: (m: Measured<T>) => string,
  ) => {
    if (!by) return;
    lines.push(`| ${what} | ${servers.map((n) => cellText(by[n], show)).join(' | ')} |`);
  };
  const cpu = (m: Measured<unknown>) => `${dec(m.serverCpuS ?? 0, 1)} s`;
  for (const [inFlight, by] of Object.entries(report.ingest ?? {})) {
    add(`Ingestion ×${inFlight}: wall time`, by, (m) => `${dec(m.figures!.seconds, 2)} s`);
    add(`Ingestion ×${inFlight}: server CPU`, by, cpu);
    add(`Ingestion ×${inFlight}: POSTs retried after a 5xx`, by, (m) => int(m.figures!.retries));
  }
  for (const [label, by] of Object.entries(report.stream ?? {})) {
    add(`Stream ${label}: import (set-up, not timed)`, by, (m) => `${dec(m.importSeconds ?? 0, 1)} s`);
    add(
      `Stream ${label}: each pull`,
      by,
      (m) => m.figures!.runs.map((r) => `${dec(r.seconds, 2)}`).join(' / ') + ' s',
    );
    add(`Stream ${label}: body`, by, (m) => `${dec((m.figures!.runs[0]?.bytes ?? 0) / 1048576, 1)} MiB`);
    add(`Stream ${label}: server CPU (all pulls)`, by, cpu);
    add(`Stream ${label}: RSS when the server was ready`, by, (m) => `${int(m.startRssMiB ?? 0)} MiB`);
  }
  if (report.polls) {
    add(
      'Polls: startup pulls of every bouncer (not in polls/s)',
      report.polls,
      (m) => `${dec(m.figures!.startupPullsSeconds, 1)} s`,
    );
    add('Polls: delta polls done', report.polls, (m) => int(m.figures!.polls));
    add(
      'Polls: alerts posted meanwhile (POSTs retried)',
      report.polls,
      (m) => `${int(m.figures!.trickledAlerts)} (${int(m.figures!.trickleRetries)})`,
    );
    add('Polls: failed polls (not counted)', report.polls, (m) => int(m.figures!.pollErrors));
    add('Polls: decisions delivered in deltas', report.polls, (m) => int(m.figures!.decisionsDelivered));
    add('Polls: server CPU (startup pulls + polls)', report.polls, cpu);
    add('Polls: server CPU during the timed polls', report.polls, (m) => `${dec(m.figures!.pollCpuS, 1)} s`);
    add('Polls: set-up (bouncers, import)', report.polls, (m) => `${dec(m.setupSeconds ?? 0, 1)} s`);
  }
  // Work per server CPU-second: what the server does with the CPU it gets, which depends less
  // than wall-clock figures on how busy the machine is and on how many cores a server can use.
  const perCpu = (work: number, cpuS: number | undefined) => (cpuS && cpuS > 0 ? int(work / cpuS) : '–');
  for (const [inFlight, by] of Object.entries(report.ingest ?? {}))
    add(`Efficiency: alerts per server CPU-second (×${inFlight})`, by, (m) =>
      perCpu(m.figures!.alerts, m.serverCpuS),
    );
  for (const [label, by] of Object.entries(report.stream ?? {}))
    add(`Efficiency: streamed decisions per server CPU-second (${label})`, by, (m) =>
      perCpu(m.figures!.decisions * m.figures!.runs.length, m.serverCpuS),
    );
  add('Efficiency: delta polls per server CPU-second', report.polls, (m) =>
    perCpu(m.figures!.polls, m.figures!.pollCpuS),
  );
  return [...lines, '', ...report.setupNotes.map((n) => `- ${n}`), ''];
}

function renderErrors(report: LapiBenchReport): string[] {
  const out: string[] = [];
  const scan = (what: string, by: Partial<Record<ServerName, Measured<unknown>>> | undefined) => {
    for (const m of Object.values(by ?? {})) {
      if (m?.error)
        out.push(
          `### ${what}: ${report.labels[m.server]} failed`,
          '',
          '```',
          m.error.slice(0, 4000),
          '```',
          '',
        );
    }
  };
  for (const [inFlight, by] of Object.entries(report.ingest ?? {})) scan(`Alert ingestion ×${inFlight}`, by);
  for (const [label, by] of Object.entries(report.stream ?? {})) scan(`Startup stream ${label}`, by);
  scan('Delta polls', report.polls);
  return out;
}

/** A line when the kernel refused to reset a peak: those peaks cover the whole process life. */
function peakCaveat(report: LapiBenchReport): string[] {
  const cells = [
    ...Object.values(report.ingest ?? {}).flatMap((row) => Object.values(row)),
    ...Object.values(report.stream ?? {}).flatMap((row) => Object.values(row)),
    ...Object.values(report.polls ?? {}),
  ];
  if (!cells.some((m) => m && !m.error && m.peakIsWorkloadOnly === false)) return [];
  return [
    '',
    'Caveat: /proc/<pid>/clear_refs was refused here, so some peaks also cover the start-up of the server.',
  ];
}
