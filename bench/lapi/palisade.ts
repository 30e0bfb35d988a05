/**
 * Palisade's LAPI under test: `palisade lapi -c <cfg>` as a child process (this Node, with the
 * flags of the bin's shebang), on SQLite in the temp dir. The machine and the first bouncer are
 * made with `palisade machines add` / `palisade bouncers add`; further bouncers through the same
 * store call `bouncers add` makes, in this process (one CLI process per bouncer would take an
 * hour for 1,000). Imports use `palisade decisions import`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadConfigFile } from '../../packages/palisade/src/config/index.ts';
import { storeDbConfig } from '../../packages/palisade/src/lapi/store-config.ts';
import { openStore } from '../../packages/palisade/src/store/index.ts';
import { ServerProcess } from './child.ts';
import {
  newApiKey,
  newPassword,
  PROFILES_YAML,
  type PreparedServer,
  runTool,
  type ServerKind,
  type StartServerOptions,
  waitHealthy,
} from './servers.ts';

/** The palisade executable script. */
export const PALISADE_BIN = resolve(import.meta.dirname, '../../packages/palisade/bin/palisade.ts');

/** The Node flags of the bin's shebang (`#!/usr/bin/env -S node --flag …`), so runs match the bin. */
export function binNodeFlags(bin = PALISADE_BIN): string[] {
  const first = readFileSync(bin, 'utf8').split('\n', 1)[0] ?? '';
  if (!first.startsWith('#!')) return [];
  return first.split(/\s+/).filter((t) => t.startsWith('--'));
}

/** `node <flags> bin/palisade.ts <args…>` as argv for this Node. */
function palisadeArgs(args: readonly string[], extraNodeFlags: readonly string[] = []): string[] {
  return [...binNodeFlags(), ...extraNodeFlags, PALISADE_BIN, ...args];
}

/** Palisade's LAPI. */
export const palisadeServer: ServerKind = {
  name: 'palisade',
  label: 'Palisade',
  setupNotes: [
    'Palisade: machine and first bouncer with `palisade machines add` / `palisade bouncers add`, further bouncers with the store call `bouncers add` makes (in the benchmark process), decisions with `palisade decisions import -i FILE.csv` (straight into the database)',
  ],

  async prepare(dir, port, bouncers, progress): Promise<PreparedServer> {
    const profilesPath = join(dir, 'profiles.yaml');
    writeFileSync(profilesPath, PROFILES_YAML);
    const config = {
      common: { log_media: 'stdout', log_level: 'info' },
      api: {
        server: {
          listen_uri: `127.0.0.1:${port}`,
          profiles_path: profilesPath,
          trusted_ips: ['127.0.0.1', '::1'],
        },
      },
      db_config: { type: 'sqlite', db_path: join(dir, 'palisade.db'), use_wal: true },
      prometheus: { enabled: false },
    };
    const configPath = join(dir, 'config.yaml');
    writeFileSync(configPath, stringify(config));
    const cli = (args: string[]) =>
      runTool(process.execPath, palisadeArgs([...args, '-c', configPath]), 120_000);

    const machine = { login: 'bench-machine', password: newPassword() };
    await cli(['machines', 'add', machine.login, '--password', machine.password]);
    const keys = [newApiKey()];
    await cli(['bouncers', 'add', 'bench-bouncer-0', '--key', keys[0] as string]);
    if (bouncers > 1) {
      const store = await openStore(storeDbConfig(loadConfigFile(configPath).dbConfig));
      try {
        for (let i = 1; i < bouncers; i++) {
          const key = newApiKey();
          await store.createBouncer({ name: `bench-bouncer-${i}`, apiKey: key, authType: 'api-key' });
          keys.push(key);
        }
      } finally {
        await store.close();
      }
      if (bouncers >= 100) progress(`palisade: ${bouncers} bouncers added`);
    }
    return { dir, port, configPath, machine, bouncerKeys: keys };
  },

  async start(server: PreparedServer, options: StartServerOptions): Promise<ServerProcess> {
    const prof = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
    const child = new ServerProcess(
      'palisade lapi',
      process.execPath,
      palisadeArgs(['lapi', '-c', server.configPath], prof),
      join(server.dir, options.logName),
    );
    await waitHealthy(child, server.port);
    return child;
  },

  async importDecisions(server: PreparedServer, csvPath: string): Promise<void> {
    await runTool(
      process.execPath,
      palisadeArgs(['decisions', 'import', '-i', csvPath, '-c', server.configPath]),
      3_600_000,
    );
  },
};
