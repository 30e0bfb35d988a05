/**
 * What the admin command groups (`machines`, `bouncers`, `decisions`, `alerts`) share: the
 * command class that makes usage errors exit with code 2, the `-c/--config`, `--db-path` and
 * `-o` options, opening the store straight from the configuration (like cscli, these commands
 * work on the database, not over HTTP), and the two kinds of error exits.
 *
 * Exit codes: 0 success; 1 a failure (the database, a missing row, a file that cannot be written);
 * 2 a usage error (a bad flag or value, a bad input line that stops the command). Every error is
 * one `error: …` line on stderr naming the flag, the argument or the input line.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, defaultConfig, loadConfigFile, type PalisadeConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { parseDecisionDuration } from './decision-values.ts';
import { OUTPUT_FORMATS, type OutputFormat, parseOutputFormat } from './format/output.ts';
import type { CliIo } from './io.ts';

/** What the admin commands read besides their flags; tests inject these. */
export interface AdminDeps {
  /** Whether stderr is a terminal (progress bar vs periodic lines); default false. */
  readonly stderrIsTty?: boolean;
  /** The clock, in epoch milliseconds (decision expiry, "since" filters). */
  readonly now?: () => number;
  /** Standard input for `decisions import -i -` (default `process.stdin`). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
}

/**
 * A commander Command whose own parse errors (unknown option, missing argument, …) exit with
 * code 2 instead of commander's 1: they are usage errors. Subcommands created with `.command()`
 * are AdminCommands too.
 */
export class AdminCommand extends Command {
  override createCommand(name?: string): Command {
    return new AdminCommand(name);
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    // Commander's parse errors (including invalid choices, which it tags with exit code 1) are
    // all about the command line, hence usage errors.
    const fromCommander = errorOptions?.code?.startsWith('commander.') === true;
    const exitCode = fromCommander ? 2 : (errorOptions?.exitCode ?? 2);
    return super.error(message, { ...errorOptions, exitCode });
  }
}

/**
 * Creates the command group `name` under `program`. It copies the program's settings (output
 * streams, exit override) before its subcommands are defined, which `addCommand` alone would not.
 */
export function adminGroup(program: Command, name: string, description: string): AdminCommand {
  const group = new AdminCommand(name).description(description);
  group.copyInheritedSettings(program);
  // Without a subcommand: help on stderr and the usage exit code (commander's default is 1).
  group.allowExcessArguments(true);
  group.action(() => {
    const [unknown] = group.args;
    if (unknown !== undefined)
      usageError(group, `unknown command '${name} ${unknown}' (see 'palisade ${name} --help')`);
    group.outputHelp({ error: true });
    throw new CommanderError(2, 'palisade.admin.noCommand', '');
  });
  program.addCommand(group);
  return group;
}

/** Options common to every admin subcommand that reaches the database. */
export interface StoreFlags {
  config?: string;
  dbPath?: string;
}

/** Options of a subcommand that prints. */
export interface OutputFlags {
  output: string;
}

/** Adds `-c/--config` and `--db-path` to `cmd`. */
export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option(
      '-c, --config <file>',
      'configuration file (CrowdSec-style config.yaml; default: the built-in defaults, as for `palisade lapi`)',
    )
    .option('--db-path <file>', 'SQLite database file (overrides db_config of the configuration)');
}

/** Adds `-o/--output human|json|raw` to `cmd`. */
export function withOutputOption(cmd: Command): Command {
  return cmd.addOption(
    new Option('-o, --output <format>', 'output format: human (table), json, raw (CSV)')
      .choices(OUTPUT_FORMATS as string[])
      .default('human'),
  );
}

/** The format selected with `-o` (commander has already checked it is one of the choices). */
export function outputFormat(flags: OutputFlags): OutputFormat {
  return parseOutputFormat(flags.output) ?? 'human';
}

/** Ends the command with a usage error (exit code 2): `message` names the flag or the input. */
export function usageError(cmd: Command, message: string): never {
  return cmd.error(`error: ${message}`, { exitCode: 2, code: 'palisade.admin.usage' });
}

/** Ends the command with a failure (exit code 1) after printing `message` as one line. */
export function failure(io: CliIo, message: string): never {
  io.err(`error: ${oneLine(message)}\n`);
  throw new CommanderError(1, 'palisade.admin.failed', '');
}

/** A message flattened to a single line (database errors can span several). */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** Splits a positional list that may also be comma-separated (`delete a b,c`). */
export function names(list: readonly string[]): string[] {
  return list
    .flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

/** A name for a machine or bouncer: 1-255 printable characters without spaces. */
export function nameProblem(kind: string, name: string): string | undefined {
  if (name === '') return `${kind} name is empty`;
  if (name.length > 255) return `${kind} name is longer than 255 characters`;
  if (/[\s\u0000-\u001f\u007f]/.test(name))
    return `${kind} name '${name}' contains spaces or control characters`;
  return undefined;
}

/**
 * Loads the configuration named by `-c` (built-in defaults without it), applies `--db-path`.
 * A configuration that does not load is a usage error listing each problem on its own line.
 */
export function loadAdminConfig(flags: StoreFlags, cmd: Command, io: CliIo): PalisadeConfig {
  let config: PalisadeConfig;
  try {
    config = flags.config === undefined ? defaultConfig() : loadConfigFile(flags.config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const [first, ...rest] = err.problems;
    for (const p of rest) io.err(`error: -c/--config: ${oneLine(p)}\n`);
    return usageError(cmd, `-c/--config: ${oneLine(first ?? err.message)}`);
  }
  if (flags.dbPath !== undefined) {
    if (flags.dbPath.trim() === '') usageError(cmd, '--db-path: empty path');
    config = { ...config, dbConfig: { ...config.dbConfig, type: 'sqlite', dbPath: resolve(flags.dbPath) } };
  }
  return config;
}

/**
 * Opens the store of the configuration, runs `work` with it and closes it. A store that cannot
 * be opened, a database error, or a StoreError is a failure (exit 1) printed as one line.
 */
export async function withStore<T>(
  flags: StoreFlags,
  cmd: Command,
  io: CliIo,
  work: (store: Store, config: PalisadeConfig) => Promise<T>,
): Promise<T> {
  const config = loadAdminConfig(flags, cmd, io);
  let store: Store;
  try {
    // Like `palisade lapi`: the data directory is created on first use, so bouncers and machines
    // can be provisioned before the LAPI first starts.
    const db = config.dbConfig;
    if (db.type === 'sqlite' && db.dbPath !== ':memory:')
      mkdirSync(dirname(db.dbPath), { recursive: true, mode: 0o750 });
    // Loaded on use: the database drivers and the LAPI modules cost ~25 MB of memory that the
    // commands which never open a store (replay, hubtest…) would otherwise pay at start-up.
    const [{ storeDbConfig }, { openStore }] = await Promise.all([
      import('../lapi/index.ts'),
      import('../store/index.ts'),
    ]);
    store = await openStore(storeDbConfig(config.dbConfig));
  } catch (err) {
    const where =
      config.dbConfig.type === 'sqlite'
        ? config.dbConfig.dbPath
        : `${config.dbConfig.host}:${config.dbConfig.port}`;
    return failure(
      io,
      `cannot open the ${config.dbConfig.type} database (${where}): ${(err as Error).message}`,
    );
  }
  try {
    return await work(store, config);
  } catch (err) {
    if (err instanceof CommanderError) throw err;
    return failure(io, (err as Error).message ?? String(err));
  } finally {
    await store.close();
  }
}

/** A duration flag counted back from now (`--since 4h` ⇒ now − 4h); usage error when invalid. */
export function timeAgo(cmd: Command, flag: string, text: string, now: number): number {
  const ns = parseDecisionDuration(text);
  if (typeof ns === 'string') usageError(cmd, `${flag}: ${ns}`);
  return now - Math.round((ns as number) / 1e6);
}

/** `--limit`: a non-negative integer. */
export function limitFlag(cmd: Command, text: string): number {
  if (!/^\d{1,9}$/.test(text)) usageError(cmd, `--limit: '${text}' is not a non-negative integer`);
  return Number(text);
}
