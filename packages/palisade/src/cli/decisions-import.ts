/**
 * `palisade decisions import`: many decisions at once from a file (or standard input), like
 * `cscli decisions import`.
 *
 *   palisade decisions import -i FILE [--format csv|json|values] [--duration 4h] [--type ban]
 *                                     [--scope ip] [--reason R] [--batch 1000]
 *
 * The input is read and checked first (decisions-import-parse.ts); lines that are not valid are
 * reported as `warning: FILE:LINE: …` and skipped. The valid decisions are then inserted in
 * batches, each batch one alert (`import FILE: N IPs`, decisions of origin `cscli-import`, as
 * cscli does), with progress on stderr: a bar on a terminal, otherwise a line per tenth.
 * Exit code 0 when every valid decision was stored (even if lines were skipped), 1 when the input
 * held no valid decision or the database failed, 2 for bad flags or an unreadable input.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { ApiAlert, ApiDecision } from '../alerts/api-json.ts';
import {
  type AdminDeps,
  failure,
  type StoreFlags,
  usageError,
  withStore,
  withStoreOptions,
} from './admin-common.ts';
import { CLI_MACHINE, parseDecisionDuration } from './decision-values.ts';
import {
  guessImportFormat,
  type ImportEntry,
  type ImportFormat,
  ImportFormatError,
  parseImport,
} from './decisions-import-parse.ts';
import { createProgress } from './format/progress.ts';
import type { CliIo } from './io.ts';

/** Decisions per alert (and per insert call) unless `--batch` says otherwise. */
export const DEFAULT_IMPORT_BATCH = 1000;
/** The most problems printed one by one; the rest are counted, so output stays bounded. */
const MAX_PROBLEMS_SHOWN = 100;

interface ImportFlags extends StoreFlags {
  input?: string;
  format?: string;
  duration: string;
  type: string;
  scope: string;
  reason: string;
  batch: string;
}

/** Adds `import` to the `decisions` command group. */
export function registerDecisionsImport(decisions: Command, io: CliIo, deps: AdminDeps = {}): void {
  withStoreOptions(decisions.command('import'))
    .description("import decisions from a CSV, JSON or plain list file (origin 'cscli-import')")
    .option('-i, --input <file>', "the file to import ('-' for standard input)")
    .option('--format <format>', 'csv, json or values (default: from the file extension)')
    .option('-d, --duration <duration>', 'duration of entries without one', '4h')
    .option('-t, --type <type>', 'type of entries without one', 'ban')
    .option('--scope <scope>', 'scope of entries without one', 'ip')
    .option('-R, --reason <reason>', 'reason (scenario) of entries without one', 'manual')
    .option('--batch <n>', 'decisions per alert and per database write', String(DEFAULT_IMPORT_BATCH))
    .action(async (flags: ImportFlags, cmd: Command) => importDecisions(flags, cmd, io, deps));
}

async function importDecisions(flags: ImportFlags, cmd: Command, io: CliIo, deps: AdminDeps): Promise<void> {
  const input = flags.input;
  if (input === undefined || input === '')
    return usageError(cmd, "-i/--input is required (a file, or '-' for standard input)");
  const format = importFormat(flags.format, input, cmd);
  if (!/^\d{1,7}$/.test(flags.batch) || Number(flags.batch) === 0) {
    usageError(cmd, `--batch: '${flags.batch}' is not a positive integer`);
  }
  const batch = Number(flags.batch);
  const duration = parseDecisionDuration(flags.duration);
  if (typeof duration === 'string') usageError(cmd, `--duration: ${duration}`);
  if (flags.type.trim() === '' || /\s/.test(flags.type))
    usageError(cmd, `--type: invalid type '${flags.type}'`);
  if (flags.scope.trim() === '') usageError(cmd, '--scope: empty scope');

  const text = await readInput(input, cmd, deps);
  const name = input === '-' ? 'stdin' : input;
  let parsed: ReturnType<typeof parseImport>;
  try {
    parsed = parseImport(text, format, {
      duration: flags.duration.trim(),
      type: flags.type.trim(),
      scope: flags.scope.trim(),
      reason: flags.reason,
    });
  } catch (err) {
    if (err instanceof ImportFormatError) return usageError(cmd, `${name}: ${err.message}`);
    throw err;
  }
  const { entries, problems } = parsed;
  for (const p of problems.slice(0, MAX_PROBLEMS_SHOWN))
    io.err(`warning: ${name}:${p.line}: ${p.message} (skipped)\n`);
  if (problems.length > MAX_PROBLEMS_SHOWN) {
    io.err(`warning: ${name}: ${problems.length - MAX_PROBLEMS_SHOWN} more invalid lines skipped\n`);
  }
  if (entries.length === 0) failure(io, `${name}: no valid decision to import`);

  await withStore(flags, cmd, io, async (store) => {
    const progress = createProgress({
      total: entries.length,
      label: 'importing',
      tty: deps.stderrIsTty === true,
      write: io.err,
    });
    const now = deps.now ?? Date.now;
    let stored = 0;
    let invalid = 0;
    progress.update(0);
    for (let i = 0; i < entries.length; i += batch) {
      const chunk = entries.slice(i, i + batch);
      const result = await store.insertAlerts(
        [{ alert: importAlert(basename(name), chunk, now()), machineId: CLI_MACHINE }],
        now(),
      );
      stored += chunk.length - result.invalidDecisions;
      invalid += result.invalidDecisions;
      progress.update(i + chunk.length);
    }
    progress.finish();
    const skipped = problems.length + invalid;
    io.out(
      `${stored} decision${stored === 1 ? '' : 's'} imported${skipped > 0 ? `, ${skipped} skipped` : ''}\n`,
    );
  });
}

function importFormat(given: string | undefined, input: string, cmd: Command): ImportFormat {
  if (given !== undefined) {
    if (given === 'csv' || given === 'json' || given === 'values') return given;
    return usageError(cmd, `--format: '${given}' is not one of csv, json, values`);
  }
  const guessed = input === '-' ? undefined : guessImportFormat(input);
  if (guessed === undefined) {
    return usageError(
      cmd,
      `--format is required: cannot tell the format of '${input}' from its extension (csv, json, values)`,
    );
  }
  return guessed;
}

async function readInput(input: string, cmd: Command, deps: AdminDeps): Promise<string> {
  if (input === '-') {
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for await (const c of deps.stdin ?? process.stdin)
      chunks.push(typeof c === 'string' ? c : decoder.decode(c, { stream: true }));
    chunks.push(decoder.decode());
    return chunks.join('');
  }
  try {
    return readFileSync(input, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return usageError(
      cmd,
      `-i/--input: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code})`}: ${input}`,
    );
  }
}

/** One alert carrying a batch of imported decisions, shaped as cscli builds it. */
function importAlert(file: string, chunk: readonly ImportEntry[], now: number): ApiAlert {
  const at = new Date(now).toISOString();
  const decisions: ApiDecision[] = chunk.map((e) => ({
    duration: e.duration,
    origin: 'cscli-import',
    scenario: e.reason,
    scope: e.scope,
    type: e.type,
    value: e.value,
  }));
  return {
    capacity: 0,
    decisions,
    events: [],
    events_count: chunk.length,
    kind: 'cscli',
    labels: [],
    leakspeed: '',
    message: '',
    scenario: `import ${file}: ${chunk.length} IPs`,
    scenario_hash: '',
    scenario_version: '',
    simulated: false,
    source: { scope: '', value: '' },
    start_at: at,
    stop_at: at,
  };
}
