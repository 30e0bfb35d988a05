/**
 * Command-line options of the LAPI benchmark (`npm run bench:lapi -- …`).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** The servers the benchmark can drive. */
export const SERVER_NAMES = ['crowdsec', 'palisade'] as const;
/** One of SERVER_NAMES. */
export type ServerName = (typeof SERVER_NAMES)[number];

/** The workloads, in run order. */
export const WORKLOAD_NAMES = ['ingest', 'stream', 'polls'] as const;
/** One of WORKLOAD_NAMES. */
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

/** Usage text, printed by `--help` and after a bad option. */
export const USAGE = `usage: npm run bench:lapi -- [options]

  --only NAME            run one server only: palisade or crowdsec (default both, side by side)
  --workloads LIST       ingest,stream,polls (default all three)
  --alerts N             alerts posted by the ingestion workload (default 20000)
  --batch N              alerts per POST /v1/alerts (default 10, about what an agent batches)
  --ingest-concurrency L POSTs in flight during ingestion, one run each (default 1,32: one agent
                         pushing its batches one after the other, and many agents at once)
  --sizes LIST           decision counts of the startup-stream workload, k/M suffixes (default 100k,1M)
  --stream-runs N        timed startup pulls per size; the median is reported (default 3)
  --bouncers N           bouncers of the delta-poll workload, one API key each (default 1000)
  --poll-base N          active decisions before the bouncers' startup pulls (default 1000)
  --poll-seconds S       length of the timed delta-poll phase (default 30)
  --trickle N            alerts per second posted during the delta polls (default 10)
  --concurrency N        requests in flight (default 32)
  --profile              run Palisade's server under --cpu-prof and print its top self-time functions
  --profile-top N        functions listed per profile (default 15)
  --data-dir DIR         results, logs and profiles (default <repo>/.bench-data)
  --keep                 keep the servers' temp dirs (databases, logs) instead of removing them
`;

/** Parsed options. */
export interface LapiBenchOptions {
  readonly servers: readonly ServerName[];
  readonly workloads: readonly WorkloadName[];
  readonly alerts: number;
  readonly batch: number;
  readonly ingestConcurrency: readonly number[];
  readonly sizes: readonly number[];
  readonly streamRuns: number;
  readonly bouncers: number;
  readonly pollBase: number;
  readonly pollSeconds: number;
  readonly trickle: number;
  readonly concurrency: number;
  readonly profile: boolean;
  readonly profileTop: number;
  readonly dataDir: string;
  readonly keep: boolean;
  readonly repoRoot: string;
}

/** A bad option; the message names it. */
export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionError';
  }
}

/**
 * Parses `argv` (without the node and script paths). Returns undefined for `--help`. Throws
 * OptionError for an unknown option or a value out of range.
 */
export function parseLapiBenchOptions(
  argv: readonly string[],
  repoRoot: string,
): LapiBenchOptions | undefined {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        only: { type: 'string' },
        workloads: { type: 'string', default: WORKLOAD_NAMES.join(',') },
        alerts: { type: 'string', default: '20000' },
        batch: { type: 'string', default: '10' },
        'ingest-concurrency': { type: 'string', default: '1,32' },
        sizes: { type: 'string', default: '100k,1M' },
        'stream-runs': { type: 'string', default: '3' },
        bouncers: { type: 'string', default: '1000' },
        'poll-base': { type: 'string', default: '1000' },
        'poll-seconds': { type: 'string', default: '30' },
        trickle: { type: 'string', default: '10' },
        concurrency: { type: 'string', default: '32' },
        profile: { type: 'boolean', default: false },
        'profile-top': { type: 'string', default: '15' },
        'data-dir': { type: 'string', default: join(repoRoot, '.bench-data') },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new OptionError((err as Error).message);
  }
  if (values.help) return undefined;
  let servers: readonly ServerName[] = SERVER_NAMES;
  if (values.only !== undefined) {
    const only = String(values.only);
    if (!(SERVER_NAMES as readonly string[]).includes(only))
      throw new OptionError(`--only: '${only}' is not one of ${SERVER_NAMES.join(', ')}`);
    servers = [only as ServerName];
  }
  const workloads = list(values.workloads, '--workloads');
  for (const w of workloads) {
    if (!(WORKLOAD_NAMES as readonly string[]).includes(w))
      throw new OptionError(`--workloads: unknown workload '${w}' (known: ${WORKLOAD_NAMES.join(', ')})`);
  }
  const sizes = list(values.sizes, '--sizes').map((s) => count(s, '--sizes'));
  // Distinct IPv4 values are generated from 10.0.0.0/8 and beyond: keep well inside that.
  for (const s of sizes) if (s > 10_000_000) throw new OptionError(`--sizes: ${s} is above 10M`);
  return {
    servers,
    workloads: WORKLOAD_NAMES.filter((w) => workloads.includes(w)),
    alerts: integer(values.alerts, '--alerts', 1),
    batch: integer(values.batch, '--batch', 1),
    ingestConcurrency: [
      ...new Set(
        list(values['ingest-concurrency'], '--ingest-concurrency').map((v) =>
          integer(v, '--ingest-concurrency', 1),
        ),
      ),
    ],
    sizes: [...new Set(sizes)],
    streamRuns: integer(values['stream-runs'], '--stream-runs', 1),
    bouncers: integer(values.bouncers, '--bouncers', 1),
    pollBase: integer(values['poll-base'], '--poll-base', 0),
    pollSeconds: integer(values['poll-seconds'], '--poll-seconds', 1),
    trickle: integer(values.trickle, '--trickle', 0),
    concurrency: integer(values.concurrency, '--concurrency', 1),
    profile: values.profile === true,
    profileTop: integer(values['profile-top'], '--profile-top', 1),
    dataDir: resolve(String(values['data-dir'])),
    keep: values.keep === true,
    repoRoot,
  };
}

function list(value: unknown, flag: string): string[] {
  const items = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new OptionError(`${flag}: give at least one value`);
  return items;
}

/** `100k` → 100000, `1M` → 1000000, `2500` → 2500. */
export function count(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text);
  if (!m) throw new OptionError(`${flag}: '${text}' is not a count (e.g. 5000, 100k, 1M)`);
  const scale = m[2] === '' ? 1 : m[2]!.toLowerCase() === 'k' ? 1e3 : 1e6;
  const n = Math.round(Number(m[1]) * scale);
  if (!Number.isSafeInteger(n) || n < 1) throw new OptionError(`${flag}: '${text}' must be at least 1`);
  return n;
}

/** 100000 → `100k`, 1000000 → `1M`, 2500 → `2500`: how sizes are named in the report. */
export function sizeLabel(n: number): string {
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 1e3 === 0) return `${n / 1e3}k`;
  return String(n);
}

function integer(value: unknown, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    throw new OptionError(`${flag}: expected an integer ≥ ${min}, got '${String(value)}'`);
  }
  return n;
}
