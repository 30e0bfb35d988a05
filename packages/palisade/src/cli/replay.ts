/**
 * `palisade replay`: runs the whole detection pipeline (parsers, scenarios, postoverflows) over a
 * log file, like `crowdsec -dsn file://F -type T`, and prints each alert as one JSON line, as the
 * LAPI would receive it in `POST /v1/alerts`; a summary goes to stderr.
 *
 *   palisade replay --file auth.log --type syslog --hub DIR --collection crowdsecurity/linux
 *   palisade replay --file - --type nginx --hub DIR --parsers a,b --scenarios c [--labels k:v]
 *
 * `--stats-json FILE` writes what the replay cost the process (CPU, peak RSS, wall) and did.
 *
 * Bad input (flags, a missing file, hub or item) is one `error:` line, exit code 2; content that
 * does not load is one `error: file:line: …` line per problem, exit code 1.
 */
import { writeFileSync } from 'node:fs';
import { type Command, CommanderError } from 'commander';
import { AcquisitionError, parseLabelList } from '../acquisition/index.ts';
import { alertToApiJson } from '../alerts/api-json.ts';
import type { EventTime } from '../event/index.ts';
import {
  ItemResolutionError,
  type ResolvedSelection,
  resolveSelection,
  type SelectionRequest,
} from '../hub/collections.ts';
import { HubError } from '../hub/errors.ts';
import { PipelineLoadError, type ReplaySummary, runReplay } from '../pipeline/index.ts';
import { checkHubInputs } from './hub-input-flags.ts';
import type { CliIo } from './io.ts';
import { UsageRecorder } from './replay-stats.ts';

/** What the command reads besides its flags (injected by tests). */
export interface ReplayDeps {
  /** Standard input for `--file -` (default `process.stdin`). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** The clock (acquisition time, year of year-less dates). */
  readonly now?: () => EventTime;
}

interface ReplayFlags {
  file?: string;
  type?: string;
  hub?: string;
  collection?: string[];
  parsers?: string;
  scenarios?: string;
  postoverflows?: string;
  contexts?: string;
  labels?: string;
  data?: string;
  verbose?: boolean;
  statsJson?: string;
}

/** Adds `replay` to `program`. */
export function registerReplayCommand(program: Command, io: CliIo, deps: ReplayDeps = {}): void {
  program
    .command('replay')
    .description(
      'run parsers, scenarios and postoverflows over a log file and print the alerts as JSON lines',
    )
    .option('--file <path>', "log file to replay ('-' for standard input)")
    .option('--type <type>', 'log type (the acquisition `type` label), e.g. syslog, nginx')
    .option('--hub <dir>', 'hub directory (CrowdSec hub layout, with .index.json)')
    .option(
      '--collection <name>',
      'collection to install, with its dependencies (repeatable)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--parsers <items>', 'comma-separated parser names or YAML paths')
    .option('--scenarios <items>', 'comma-separated scenario names or YAML paths')
    .option('--postoverflows <items>', 'comma-separated postoverflow names or YAML paths')
    .option('--contexts <items>', 'comma-separated alert context names or YAML paths')
    .option('--labels <k:v,...>', 'extra acquisition labels, e.g. program:envoy')
    .option('--data <dir>', 'data files directory (default: <hub>/data)')
    .option('-v, --verbose', 'print warnings of the engine on stderr')
    .option(
      '--stats-json <file>',
      'write the resource usage of this process (CPU, peak RSS, wall) and the counters as JSON at the end',
    )
    .action(async (flags: ReplayFlags, cmd: Command) => {
      const bad = (message: string): never =>
        cmd.error(`error: ${message}`, { exitCode: 2, code: 'palisade.replay.badInput' });
      await replayCommand(flags, io, deps, bad);
    });
}

async function replayCommand(
  flags: ReplayFlags,
  io: CliIo,
  deps: ReplayDeps,
  bad: (message: string) => never,
): Promise<void> {
  if (flags.file === undefined || flags.file === '')
    bad("--file is required (a log file, or '-' for standard input)");
  const { type, hub, dataDir } = checkHubInputs(flags, 'items', bad);
  let labels: Record<string, string> = {};
  try {
    labels = parseLabelList(flags.labels ?? '', '--labels');
  } catch (err) {
    bad((err as AcquisitionError).format());
  }
  const request: SelectionRequest = {
    collections: flags.collection ?? [],
    parsers: list(flags.parsers),
    scenarios: list(flags.scenarios),
    postoverflows: list(flags.postoverflows),
    contexts: list(flags.contexts),
  };
  const given = Object.values(request).reduce((n, l) => n + (l?.length ?? 0), 0);
  if (given === 0) {
    bad(
      'nothing to replay with: give at least one --collection (e.g. crowdsecurity/linux) or --parsers/--scenarios items',
    );
  }
  let selection: ResolvedSelection = {
    parsers: [],
    postoverflows: [],
    scenarios: [],
    contexts: [],
    collections: [],
  };
  try {
    selection = resolveSelection(hub, request);
  } catch (err) {
    if (err instanceof ItemResolutionError) bad(err.message);
    if (err instanceof HubError) bad(err.format());
    throw err;
  }
  const warn = (message: string) => {
    if (flags.verbose) io.err(`warning: ${message}\n`);
  };
  adviseOnSelection(selection, io);

  const usage = flags.statsJson === undefined ? undefined : new UsageRecorder();
  let summary: ReplaySummary;
  try {
    summary = await runReplay({
      source: flags.file as string,
      type: type.trim(),
      labels,
      hubDir: hub,
      dataDir,
      parsers: selection.parsers,
      postoverflows: selection.postoverflows,
      scenarios: selection.scenarios,
      contexts: selection.contexts,
      stdin: deps.stdin,
      now: deps.now,
      onAlert: (alert) => io.out(`${JSON.stringify(alertToApiJson(alert))}\n`),
      onProblem: (p) => io.err(`warning: ${p.format()}\n`),
      onWarning: warn,
      ...(usage ? { onParsed: usage.onParsed } : {}),
    });
  } catch (err) {
    if (err instanceof PipelineLoadError) {
      for (const e of err.errors) io.err(`error: ${e.format()}\n`);
      throw new CommanderError(1, 'palisade.replay.loadFailed', '');
    }
    if (err instanceof AcquisitionError) {
      if (err.kind === 'io' || err.kind === 'config') bad(`--file: ${err.format()}`);
      io.err(`error: --file: ${err.format()}\n`);
      throw new CommanderError(1, 'palisade.replay.readFailed', '');
    }
    throw err;
  }
  io.err(renderSummary(summary));
  if (usage && flags.statsJson !== undefined) {
    const stats = usage.finish(summary, selection);
    try {
      writeFileSync(flags.statsJson, `${JSON.stringify(stats, null, 1)}\n`);
    } catch (err) {
      io.err(`error: --stats-json: cannot write ${flags.statsJson}: ${(err as Error).message}\n`);
      throw new CommanderError(1, 'palisade.replay.statsFailed', '');
    }
  }
}

/** The one-paragraph summary printed on stderr. */
export function renderSummary(s: ReplaySummary): string {
  const lines = [
    `lines read: ${s.linesRead}${s.linesRejected > 0 ? ` (${s.linesRejected} too long, skipped)` : ''}`,
    `parsed: ${s.parsed} (whitelisted: ${s.whitelisted}), unparsed: ${s.unparsed}`,
    `poured: ${s.poured}, buckets created: ${s.bucketsCreated}, still pending at the end: ${s.bucketsPending}`,
    `overflows: ${s.overflows} (whitelisted: ${s.overflowsWhitelisted}, reprocessed: ${s.reprocessed}), alerts: ${s.alerts}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** A likely mistake: parsers but nothing to turn raw lines into fields (s00-raw). */
function adviseOnSelection(selection: ResolvedSelection, io: CliIo): void {
  if (selection.parsers.length > 0 && !selection.parsers.some((p) => p.stage === 's00-raw')) {
    io.err(
      'note: no s00-raw parser is installed, so raw lines are not split into program/message; ' +
        'add crowdsecurity/syslog-logs (or --collection crowdsecurity/linux) for syslog files\n',
    );
  }
  if (selection.scenarios.length === 0) io.err('note: no scenario is installed: no alert can come out\n');
}

function list(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
