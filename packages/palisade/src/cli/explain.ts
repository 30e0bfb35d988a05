/**
 * `palisade explain`: shows how the parsers see log lines, the way a CrowdSec user debugs a
 * parser with `cscli explain`. For each line: every stage, every top-level node that ran (✓/✗)
 * and what it changed in the event, then the verdict (parsed, or dropped at which stage).
 *
 *   palisade explain --type syslog --log '<line>' --hub DIR [--parsers a,b] [--labels k:v] [-v]
 *   palisade explain --type nginx --file access.log --hub DIR      (`--file -` reads stdin)
 *
 * Bad input (flags, a missing file or hub) is one `error:` line naming the flag, exit code 2.
 */
import { join } from 'node:path';
import { type Command, CommanderError } from 'commander';
import {
  AcquisitionError,
  type DataSource,
  DEFAULT_MAX_LINE_BYTES,
  loadSource,
  newCounters,
  parseLabelList,
  replayLabels,
  replayLines,
} from '../acquisition/index.ts';
import type { Event, EventTime } from '../event/index.ts';
import { createEnrichers, geoIpHelperDeps, openGeoIp } from '../parser/enrichers/index.ts';
import { loadParserSet } from '../parser/index.ts';
import { ItemSelectionError, selectParserItems } from './explain-items.ts';
import { countExplanation, newTotals, renderExplanation, renderTotals } from './explain-render.ts';
import { explainEvent } from './explain-trace.ts';
import { checkHubInputs, directoryProblem } from './hub-input-flags.ts';
import type { CliIo } from './io.ts';

/** `Line.Src` of a line given with `--log`. */
export const COMMAND_LINE_SRC = 'command-line';

/** What the command reads besides its flags (injected by tests). */
export interface ExplainDeps {
  /** Standard input for `--file -` (default `process.stdin`). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** The clock (acquisition time, parse time, year of year-less dates). */
  readonly now?: () => EventTime;
}

interface ExplainOptions {
  file?: string;
  log?: string;
  type?: string;
  hub?: string;
  parsers?: string;
  labels?: string;
  data?: string;
  verbose?: boolean;
}

/** Adds `explain` to `program`. */
export function registerExplainCommand(program: Command, io: CliIo, deps: ExplainDeps = {}): void {
  program
    .command('explain')
    .description('show how the parsers process log lines, node by node')
    .option('--file <path>', "log file to explain ('-' for standard input)")
    .option('--log <line>', 'one log line to explain')
    .option('--type <type>', 'log type (the acquisition `type` label), e.g. syslog, nginx')
    .option('--hub <dir>', 'hub directory (CrowdSec hub layout) holding the parsers')
    .option(
      '--parsers <items>',
      'comma-separated parser names or YAML paths (default: every parser of the hub)',
    )
    .option('--labels <k:v,...>', 'extra acquisition labels, e.g. program:envoy')
    .option('--data <dir>', 'data files directory (default: <hub>/data)')
    .option('-v, --verbose', 'show every node, the engine details and full values')
    .action(async (options: ExplainOptions, cmd: Command) => {
      const bad = (message: string): never =>
        cmd.error(`error: ${message}`, { exitCode: 2, code: 'palisade.explain.badInput' });
      await runExplain(options, io, deps, bad);
    });
}

async function runExplain(
  options: ExplainOptions,
  io: CliIo,
  deps: ExplainDeps,
  bad: (message: string) => never,
): Promise<void> {
  if ((options.file === undefined) === (options.log === undefined))
    bad('give exactly one of --file or --log');
  const { type, hub, dataDir } = checkHubInputs(options, 'parsers', bad);
  let labels: Record<string, string> = {};
  try {
    labels = replayLabels(type, parseLabelList(options.labels ?? '', '--labels'));
  } catch (err) {
    bad((err as AcquisitionError).format());
  }
  let items: ReturnType<typeof selectParserItems> = [];
  try {
    items = selectParserItems(hub, options.parsers);
  } catch (err) {
    if (err instanceof ItemSelectionError) bad(`--parsers: ${err.message}`);
    throw err;
  }

  const source = await openInput(options, labels, deps, io, bad);
  const set = loadParsers(hub, dataDir, items, deps, io, options.verbose === true);
  const totals = newTotals();
  const render = { verbose: options.verbose === true };
  let index = 0;
  try {
    for await (const evt of source.events) {
      const x = explainEvent((e, trace) => set.parse(e, trace), evt, ++index);
      countExplanation(totals, x);
      io.out(renderExplanation(x, render));
    }
  } catch (err) {
    if (!(err instanceof AcquisitionError)) throw err;
    io.err(`error: ${source.flag}: ${err.format()}\n`);
    throw new CommanderError(1, 'palisade.explain.readFailed', '');
  }
  totals.rejected = source.counters().linesRejected;
  if (totals.lines !== 1 || totals.rejected > 0) io.out(renderTotals(totals));
}

/** The events to explain, with the flag they come from (for messages) and the read counters. */
interface ExplainInput {
  readonly flag: string;
  readonly events: AsyncIterable<Event>;
  counters(): { linesRejected: number };
}

async function openInput(
  options: ExplainOptions,
  labels: Record<string, string>,
  deps: ExplainDeps,
  io: CliIo,
  bad: (message: string) => never,
): Promise<ExplainInput> {
  const onProblem = (p: AcquisitionError) => io.err(`warning: ${p.format()}\n`);
  if (options.log !== undefined) {
    const counters = newCounters();
    const events = replayLines(once(options.log), {
      src: COMMAND_LINE_SRC,
      module: 'file',
      labels,
      timeMachine: true,
      maxLineBytes: DEFAULT_MAX_LINE_BYTES,
      counters,
      now: deps.now,
      onProblem,
    });
    return { flag: '--log', events, counters: () => counters };
  }
  const file = options.file as string;
  const ctx = { now: deps.now, stdin: deps.stdin, onProblem };
  let source: DataSource;
  try {
    if (file === '-') {
      const stdin = await loadSource('stdin', '--file');
      source = await stdin.configure(stdin.parseConfig({ labels }, '--file'), ctx);
    } else {
      const files = await loadSource('file', '--file');
      source = await files.configure(
        files.parseConfig({ filename: file, mode: 'cat', labels }, '--file'),
        ctx,
      );
    }
  } catch (err) {
    if (err instanceof AcquisitionError) bad(`--file: ${err.format()}`);
    throw err;
  }
  const oneShot = source.oneShot?.bind(source);
  if (!oneShot) bad(`--file: datasource ${source.name} cannot be replayed`);
  return {
    flag: '--file',
    events: (oneShot as NonNullable<typeof oneShot>)(),
    counters: () => source.counters,
  };
}

function loadParsers(
  hub: string,
  dataDir: string,
  items: ReturnType<typeof selectParserItems>,
  deps: ExplainDeps,
  io: CliIo,
  verbose: boolean,
) {
  const warn = (message: string) => {
    if (verbose) io.err(`warning: ${message}\n`);
  };
  // Read-only databases, shared by the enrichers and the GeoIP expression helpers.
  const geoip = openGeoIp({ dataDir, onWarning: warn });
  const nowMs = deps.now ? () => (deps.now as () => EventTime)().UnixMilli() : undefined;
  const { set, errors } = loadParserSet({
    kind: 'parsers',
    items,
    // A hub without patterns/ still has the built-in base patterns.
    patternsDir: directoryProblem(join(hub, 'patterns')) ? undefined : join(hub, 'patterns'),
    dataDir,
    helperDeps: { geoip: geoIpHelperDeps(geoip), ...(nowMs ? { now: nowMs } : {}) },
    enrichers: createEnrichers({
      dataDir,
      geoip,
      now: deps.now,
      onWarning: warn,
      // Reverse DNS only serves postoverflows; explain must not send lookups in the background.
      dns: { reverseFromCacheOrSchedule: () => null },
    }),
    onWarning: warn,
  });
  // A broken item is left out (the others still explain the line), but never silently.
  for (const e of errors) io.err(`error: ${e.format()}\n`);
  return set;
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}
