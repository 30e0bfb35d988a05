import { Command } from 'commander';
import type { AdminDeps } from './admin-common.ts';
import { registerAlertsCommands } from './alerts.ts';
import { registerBouncersCommands } from './bouncers.ts';
import { registerDecisionsCommands } from './decisions.ts';
import { registerExplainCommand } from './explain.ts';
import { registerHubCommands } from './hub.ts';
import { registerHubtestCommands } from './hubtest.ts';
import { type CliIo, processIo } from './io.ts';
import { registerLapiCommand } from './lapi.ts';
import { registerMachinesCommands } from './machines.ts';
import { registerReplayCommand } from './replay.ts';

export type { CliIo } from './io.ts';

/**
 * Builds the `palisade` command tree. Each command group lives in its own file of this folder and
 * is added here with one `register…` line. Everything is written through `io`.
 */
export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('palisade')
    .description('Palisade: collaborative intrusion detection and prevention, CrowdSec-compatible')
    .version('0.1.0')
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerHubCommands(program, io);
  registerExplainCommand(program, io);
  registerHubtestCommands(program, io);
  registerReplayCommand(program, io);
  registerLapiCommand(program, io);
  // The admin commands draw a progress bar only when their stderr is a real terminal.
  const admin: AdminDeps = { stderrIsTty: io === processIo && process.stderr.isTTY === true };
  registerMachinesCommands(program, io, admin);
  registerBouncersCommands(program, io, admin);
  registerDecisionsCommands(program, io, admin);
  registerAlertsCommands(program, io, admin);
  return program;
}

/**
 * Runs the CLI with the given argv (`process.argv` shape) and returns the process exit code:
 * 0 on success, the command's code on failure (1 for a failed check, 2 for bad input).
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  program.exitOverride();
  for (const cmd of allCommands(program)) cmd.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    if (typeof code === 'number') return code;
    // An unexpected exception: one clear line rather than a stack trace.
    io.err(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}
