/**
 * CrowdSec 1.4.6 (Debian's package) as the reference LAPI: `crowdsec -c <cfg> -no-cs -no-capi`
 * runs its Local API alone, on SQLite in the temp dir. Machines, bouncers and imports go through
 * `cscli -c <cfg>`, as an administrator would do it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
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

/** The Debian binaries (installed by scripts/interop/install.sh). */
export const CROWDSEC_BIN = '/usr/bin/crowdsec';
export const CSCLI_BIN = '/usr/bin/cscli';

/** Undefined when CrowdSec can run here, else why not. */
export function crowdsecMissing(): string | undefined {
  for (const bin of [CROWDSEC_BIN, CSCLI_BIN]) {
    if (!existsSync(bin)) return `${bin} not found: run scripts/interop/install.sh (as root) first`;
  }
  return undefined;
}

/** CrowdSec's LAPI. */
export const crowdsecServer: ServerKind = {
  name: 'crowdsec',
  label: 'CrowdSec 1.4.6',
  setupNotes: [
    'CrowdSec: bouncers with `cscli bouncers add NAME -k KEY` (one call each), decisions with `cscli decisions import -i FILE.csv` (over its API)',
  ],

  async prepare(dir, port, bouncers, progress): Promise<PreparedServer> {
    const etc = join(dir, 'etc');
    const data = join(dir, 'data');
    const hub = join(dir, 'hub');
    for (const d of [etc, data, hub]) mkdirSync(d, { recursive: true });
    writeFileSync(join(etc, 'profiles.yaml'), PROFILES_YAML);
    writeFileSync(join(etc, 'simulation.yaml'), 'simulation: off\n');
    // 1.4.6 wants a hub index even for the LAPI alone; an empty object crashes it.
    writeFileSync(
      join(hub, '.index.json'),
      JSON.stringify({ parsers: {}, scenarios: {}, postoverflows: {}, collections: {} }),
    );
    const credentialsPath = join(etc, 'local_api_credentials.yaml');
    const config = {
      common: { daemonize: false, log_media: 'stdout', log_level: 'info', working_dir: '.' },
      config_paths: {
        config_dir: `${etc}/`,
        data_dir: `${data}/`,
        simulation_path: join(etc, 'simulation.yaml'),
        hub_dir: `${hub}/`,
        index_path: join(hub, '.index.json'),
      },
      cscli: { output: 'human' },
      db_config: { type: 'sqlite', db_path: join(data, 'crowdsec.db'), use_wal: true },
      api: {
        client: { credentials_path: credentialsPath },
        // No online_client: the central API stays out of it.
        server: {
          listen_uri: `127.0.0.1:${port}`,
          profiles_path: join(etc, 'profiles.yaml'),
          trusted_ips: ['127.0.0.1', '::1'],
        },
      },
      prometheus: { enabled: false, level: 'full', listen_addr: '127.0.0.1', listen_port: 0 },
    };
    const configPath = join(etc, 'config.yaml');
    writeFileSync(configPath, stringify(config));

    const machine = { login: 'bench-machine', password: newPassword() };
    await runTool(
      CSCLI_BIN,
      [
        '-c',
        configPath,
        'machines',
        'add',
        machine.login,
        '--password',
        machine.password,
        '-f',
        credentialsPath,
      ],
      60_000,
    );
    const keys: string[] = [];
    for (let i = 0; i < bouncers; i++) {
      const key = newApiKey();
      await runTool(
        CSCLI_BIN,
        ['-c', configPath, 'bouncers', 'add', `bench-bouncer-${i}`, '-k', key],
        60_000,
      );
      keys.push(key);
      if (bouncers >= 100 && (i + 1) % Math.ceil(bouncers / 5) === 0)
        progress(`crowdsec: ${i + 1}/${bouncers} bouncers added`);
    }
    return { dir, port, configPath, machine, bouncerKeys: keys };
  },

  async start(server: PreparedServer, options: StartServerOptions): Promise<ServerProcess> {
    const child = new ServerProcess(
      'crowdsec lapi',
      CROWDSEC_BIN,
      ['-c', server.configPath, '-no-cs', '-no-capi'],
      join(server.dir, options.logName),
    );
    await waitHealthy(child, server.port);
    return child;
  },

  async importDecisions(server: PreparedServer, csvPath: string): Promise<void> {
    await runTool(CSCLI_BIN, ['-c', server.configPath, 'decisions', 'import', '-i', csvPath], 3_600_000);
  },
};
