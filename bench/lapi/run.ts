/**
 * Runs the LAPI benchmark: for each workload, each server on a fresh temp dir (config, SQLite
 * database, machine, bouncers, imported decisions), restarted before the timed phase so that
 * set-up work (imports) does not count in its memory, then the workload, then /proc figures.
 * Servers alternate per workload, so a change in machine load hits both alike.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfileDir } from '../detection/profile.ts';
import { removeOnAbort, type ServerProcess } from './child.ts';
import { crowdsecMissing, crowdsecServer } from './crowdsec.ts';
import { LapiClient } from './http.ts';
import { type LapiBenchOptions, type ServerName, sizeLabel } from './options.ts';
import { palisadeServer } from './palisade.ts';
import { writeDecisionsCsv } from './payloads.ts';
import type { LapiBenchReport, Measured, StreamFigures } from './results.ts';
import { freePort, type PreparedServer, type ServerKind } from './servers.ts';
import { deltaPolls, type IngestResult, ingestAlerts, startupPull } from './workloads.ts';

const KINDS: Readonly<Record<ServerName, ServerKind>> = {
  crowdsec: crowdsecServer,
  palisade: palisadeServer,
};

/** Where progress lines go (stderr in the CLI). */
export type Progress = (line: string) => void;

/** What a timed phase gets. */
interface Session {
  readonly server: PreparedServer;
  readonly process: ServerProcess;
  readonly client: LapiClient;
  readonly port: number;
}

/** How one cell (server × workload) is set up. */
interface CellPlan {
  /** Label of the cell in file names and profiles: `ingest-c32`, `stream-100k`, `polls`. */
  readonly label: string;
  readonly bouncers: number;
  /** Decisions to import before the timed phase (0: none). */
  readonly importDecisions: number;
}

/**
 * Runs the workloads of `options` and returns the report (also checked for CrowdSec's presence:
 * a missing binary makes its cells errors, Palisade's still run).
 */
export async function runLapiBench(options: LapiBenchOptions, progress: Progress): Promise<LapiBenchReport> {
  mkdirSync(options.dataDir, { recursive: true });
  const report: LapiBenchReport = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpus: availableParallelism(), loadAtStart: loadavg()[0] as number, loadAtEnd: 0 },
    labels: { crowdsec: crowdsecServer.label, palisade: palisadeServer.label },
    servers: options.servers,
    settings: {
      alerts: options.alerts,
      batch: options.batch,
      ingestConcurrency: options.ingestConcurrency,
      sizes: options.sizes,
      streamRuns: options.streamRuns,
      bouncers: options.bouncers,
      pollBase: options.pollBase,
      pollSeconds: options.pollSeconds,
      trickle: options.trickle,
      concurrency: options.concurrency,
      profile: options.profile,
    },
    setupNotes: options.servers.flatMap((s) => KINDS[s].setupNotes),
  };
  const profileRoot = join(options.dataDir, `lapi-profiles-${report.date.replaceAll(':', '')}`);
  const profiles: Record<string, ReturnType<typeof summariseProfileDir>> = {};

  const cell = async <T>(
    name: ServerName,
    plan: CellPlan,
    measure: (session: Session) => Promise<T>,
  ): Promise<Measured<T>> => {
    const missing = name === 'crowdsec' ? crowdsecMissing() : undefined;
    if (missing) return { server: name, error: missing };
    const kind = KINDS[name];
    const profileDir = options.profile && name === 'palisade' ? join(profileRoot, plan.label) : undefined;
    progress(`${plan.label}: ${name}: setting up`);
    const result = await runCell(kind, plan, options, progress, measure, profileDir);
    if (profileDir && existsSync(profileDir)) {
      try {
        profiles[plan.label] = summariseProfileDir(profileDir, options.profileTop, options.repoRoot);
      } catch (err) {
        progress(`${plan.label}: profile not summarised: ${(err as Error).message}`);
      }
    }
    if (result.error) progress(`${plan.label}: ${name}: FAILED: ${result.error.split('\n', 1)[0]}`);
    return result;
  };

  for (const workload of options.workloads) {
    if (workload === 'ingest') {
      report.ingest = {};
      for (const inFlight of options.ingestConcurrency) {
        const label = `ingest-c${inFlight}`;
        const row: Partial<Record<ServerName, Measured<IngestResult>>> = {};
        report.ingest[String(inFlight)] = row;
        for (const name of options.servers) {
          row[name] = await cell(name, { label, bouncers: 1, importDecisions: 0 }, async (s) => {
            const r = await ingestAlerts(s.client, s.server.machine, s.server.bouncerKeys[0] as string, {
              total: options.alerts,
              batch: options.batch,
              concurrency: inFlight,
            });
            progress(`${label}: ${name}: ${r.alertsPerS.toFixed(0)} alerts/s, ${r.retries} retried POSTs`);
            if (r.bannedAfter !== options.alerts)
              throw new Error(
                `${options.alerts} alerts banned ${r.bannedAfter} addresses (expected one each)`,
              );
            return r;
          });
        }
      }
    } else if (workload === 'stream') {
      report.stream = {};
      for (const size of options.sizes) {
        const label = sizeLabel(size);
        const row: Partial<Record<ServerName, Measured<StreamFigures>>> = {};
        report.stream[label] = row;
        for (const name of options.servers) {
          row[name] = await cell(
            name,
            { label: `stream-${label}`, bouncers: 1, importDecisions: size },
            (s) =>
              streamRuns(s, size, options.streamRuns, (line) =>
                progress(`stream-${label}: ${name}: ${line}`),
              ),
          );
        }
      }
    } else {
      report.polls = {};
      for (const name of options.servers) {
        report.polls[name] = await cell(
          name,
          { label: 'polls', bouncers: options.bouncers, importDecisions: options.pollBase },
          async (s) => {
            const trickleClient = new LapiClient('127.0.0.1', s.port, 1);
            try {
              const r = await deltaPolls(s.client, trickleClient, s.server.machine, s.server.bouncerKeys, {
                seconds: options.pollSeconds,
                trickle: options.trickle,
                concurrency: options.concurrency,
                expectedStartup: options.pollBase,
                serverCpuS: () => s.process.stats().cpuS,
              });
              progress(`polls: ${name}: ${r.pollsPerS.toFixed(0)} polls/s`);
              return r;
            } finally {
              trickleClient.close();
            }
          },
        );
      }
    }
  }
  report.machine = { ...report.machine, loadAtEnd: loadavg()[0] as number };
  if (Object.keys(profiles).length > 0) report.profiles = profiles;
  return report;
}

/** `runs` timed startup pulls; each must carry all `size` decisions. */
async function streamRuns(
  s: Session,
  size: number,
  runs: number,
  progress: Progress,
): Promise<StreamFigures> {
  const key = s.server.bouncerKeys[0] as string;
  const results = [];
  for (let i = 0; i < runs; i++) {
    const pull = await startupPull(s.client, key);
    if (pull.newCount !== size)
      throw new Error(`startup pull ${i + 1} returned ${pull.newCount} new decisions, expected ${size}`);
    progress(`pull ${i + 1}/${runs}: ${pull.seconds.toFixed(2)} s, ${(pull.bytes / 1048576).toFixed(1)} MiB`);
    results.push(pull);
  }
  const sorted = results.map((r) => r.seconds).sort((a, b) => a - b);
  const medianSeconds = sorted[Math.floor(sorted.length / 2)] as number;
  return { decisions: size, runs: results, medianSeconds, decisionsPerS: size / medianSeconds };
}

/** One server × workload, from an empty temp dir to a stopped server. Never throws. */
async function runCell<T>(
  kind: ServerKind,
  plan: CellPlan,
  options: LapiBenchOptions,
  progress: Progress,
  measure: (session: Session) => Promise<T>,
  cpuProfileDir: string | undefined,
): Promise<Measured<T>> {
  const dir = mkdtempSync(join(tmpdir(), `palisade-bench-lapi-${kind.name}-${plan.label}-`));
  if (!options.keep) removeOnAbort(dir, true);
  let child: ServerProcess | undefined;
  let client: LapiClient | undefined;
  const setupStart = performance.now();
  let importSeconds: number | undefined;
  try {
    const port = await freePort();
    const server = await kind.prepare(dir, port, plan.bouncers, progress);
    if (plan.importDecisions > 0) {
      const csv = decisionsCsv(options.dataDir, plan.importDecisions);
      // CrowdSec's import goes through its API: the server runs during the import. Either way
      // the server is restarted before the timed phase.
      child = await kind.start(server, { logName: 'setup.log' });
      const t = performance.now();
      await kind.importDecisions(server, csv);
      importSeconds = (performance.now() - t) / 1000;
      progress(
        `${plan.label}: ${kind.name}: ${plan.importDecisions} decisions imported in ${importSeconds.toFixed(1)} s`,
      );
      await child.stop();
      child = undefined;
    }
    const setupSeconds = (performance.now() - setupStart) / 1000;
    if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
    child = await kind.start(server, { logName: 'lapi.log', cpuProfileDir });
    // Enough connections for the widest workload: the agent must never be what limits concurrency.
    client = new LapiClient('127.0.0.1', port, Math.max(options.concurrency, ...options.ingestConcurrency));
    const peakIsWorkloadOnly = child.resetPeak();
    const before = child.stats();
    progress(`${plan.label}: ${kind.name}: running`);
    const figures = await measure({ server, process: child, client, port });
    const after = child.stats();
    return {
      server: kind.name,
      figures,
      peakRssMiB: after.peakRssMiB,
      startRssMiB: before.rssMiB,
      peakIsWorkloadOnly,
      serverCpuS: after.cpuS - before.cpuS,
      setupSeconds,
      importSeconds,
    };
  } catch (err) {
    const tail = child ? `\n--- ${child.name} log tail:\n${child.tail()}` : '';
    return { server: kind.name, error: `${(err as Error).message ?? String(err)}${tail}`, importSeconds };
  } finally {
    client?.close();
    if (child) {
      const code = await child.stop().catch(() => null);
      if (code !== 0 && code !== null)
        progress(`${plan.label}: ${kind.name}: server exited with code ${code}`);
    }
    if (!options.keep) {
      rmSync(dir, { recursive: true, force: true });
      removeOnAbort(dir, false);
    } else progress(`${plan.label}: ${kind.name}: kept ${dir}`);
  }
}

/** The cached CSV of `count` decisions in the data dir (written once, shared by both servers). */
function decisionsCsv(dataDir: string, count: number): string {
  const path = join(dataDir, `lapi-decisions-${count}.csv`);
  if (!existsSync(path)) {
    // Written under a temporary name first: an interrupted run never leaves a short file behind.
    writeDecisionsCsv(`${path}.part`, count);
    renameSync(`${path}.part`, path);
  }
  return path;
}
