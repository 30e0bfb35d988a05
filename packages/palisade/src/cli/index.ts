import { Command } from 'commander';

/** Builds the `palisade` command tree. Each command group lives in its own file of this folder. */
export function buildProgram(): Command {
  const program = new Command('palisade')
    .description('Palisade: collaborative intrusion detection and prevention, CrowdSec-compatible')
    .version('0.1.0');
  return program;
}

/** Runs the CLI with the given argv and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    return typeof code === 'number' ? code : 1;
  }
}
