/**
 * `palisade lapi [-c config.yaml]`: runs the Local API alone, until SIGTERM or SIGINT, then
 * shuts down cleanly (in-flight requests finish, stream cursors are stored, the database is
 * closed). Without `-c` it runs with the built-in defaults (127.0.0.1:8080, SQLite under ./data).
 */
import { type Command, CommanderError } from 'commander';
import { ConfigError, defaultConfig, loadConfigFile } from '../config/index.ts';
import type { startLapi } from '../lapi/index.ts';
import type { CliIo } from './io.ts';

/** Adds the `lapi` command to `program`. */
export function registerLapiCommand(program: Command, io: CliIo): void {
  program
    .command('lapi')
    .description('run the Local API (CrowdSec-compatible LAPI)')
    .option('-c, --config <file>', 'configuration file (CrowdSec config.yaml layout)')
    .action(async (options: { config?: string }) => {
      let config: ReturnType<typeof defaultConfig>;
      try {
        config = options.config ? loadConfigFile(options.config) : defaultConfig();
      } catch (err) {
        if (err instanceof ConfigError) {
          for (const p of err.problems) io.err(`error: ${p}\n`);
          throw new CommanderError(2, 'palisade.lapi.badConfig', '');
        }
        throw err;
      }
      // Loaded here, not at the top: the server stack (fastify, the database drivers, pino) costs
      // ~25 MB of memory that every other command (replay, hubtest…) would pay for nothing.
      const [{ default: pino }, lapi] = await Promise.all([import('pino'), import('../lapi/index.ts')]);
      const log = pino({ level: pinoLevel(config.logLevel) });
      let running: Awaited<ReturnType<typeof startLapi>>;
      try {
        running = await lapi.startLapi(config, { log });
      } catch (err) {
        if (err instanceof ConfigError) {
          for (const p of err.problems) io.err(`error: ${p}\n`);
          throw new CommanderError(2, 'palisade.lapi.badConfig', '');
        }
        throw err;
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: string): void => {
          process.off('SIGTERM', onTerm);
          process.off('SIGINT', onInt);
          log.info({ signal }, 'shutting down');
          running.close().then(resolve, (err: unknown) => {
            log.error({ err }, 'error during shutdown');
            resolve();
          });
        };
        const onTerm = (): void => stop('SIGTERM');
        const onInt = (): void => stop('SIGINT');
        process.on('SIGTERM', onTerm);
        process.on('SIGINT', onInt);
      });
      log.info('stopped');
    });
}

/** A logrus level name (CrowdSec's `log_level`) as pino's; unknown names fall back to `info`. */
export function pinoLevel(level: string): string {
  const map: Record<string, string> = {
    trace: 'trace',
    debug: 'debug',
    info: 'info',
    warn: 'warn',
    warning: 'warn',
    error: 'error',
    fatal: 'fatal',
    panic: 'fatal',
  };
  return Object.hasOwn(map, level.toLowerCase()) ? map[level.toLowerCase()]! : 'info';
}
