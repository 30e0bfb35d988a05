/**
 * The real CrowdSec agent (`crowdsec`, Debian 1.4.6) as a machine of the LAPI under test, in
 * one-shot replay ("time-machine") mode: `crowdsec -c <cfg> -dsn file://<log> -type syslog
 * -no-api` reads the file, runs parsers and scenarios, POSTs the alerts to the LAPI named in
 * its credentials file, and exits.
 *
 * Its configuration lives in a temp dir built for the test:
 * - hub items come from the offline hub the `crowdsec` package ships (/usr/share/crowdsec/hub),
 *   which matches the agent's version. The newer hub snapshot in shared/crowdsec-hub does NOT
 *   load in 1.4.6: its scenarios carry list-valued labels (`classification: [...]`) and 1.4.6
 *   fails with "cannot unmarshal !!seq into string" (checked when this harness was written);
 * - grok patterns from /etc/crowdsec/patterns (installed by the package);
 * - a minimal hub index (1.4.6 refuses to start without one; an empty object crashes it, an
 *   object with the four item kinds and no items works: our items then count as local ones).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BINARIES } from './preconditions.ts';
import { type ManagedProcess, startProcess } from './process.ts';

/** Where the crowdsec package puts its offline hub and its grok patterns. */
export const PACKAGE_HUB = '/usr/share/crowdsec/hub';
export const PACKAGE_PATTERNS = '/etc/crowdsec/patterns';

/** Hub items the sshd brute-force replay needs: `[stage dir, hub path]`. */
const ITEMS: readonly (readonly [string, string])[] = [
  ['parsers/s00-raw', 'parsers/s00-raw/crowdsecurity/syslog-logs.yaml'],
  ['parsers/s01-parse', 'parsers/s01-parse/crowdsecurity/sshd-logs.yaml'],
  ['parsers/s02-enrich', 'parsers/s02-enrich/crowdsecurity/dateparse-enrich.yaml'],
  ['scenarios', 'scenarios/crowdsecurity/ssh-bf.yaml'],
];

/** Writes the agent's config dir under `dir` and returns the config.yaml path. */
export function writeAgentConfig(dir: string, lapiUrl: string, login: string, password: string): string {
  const root = join(dir, 'agent');
  const configDir = join(root, 'etc');
  const hubDir = join(root, 'hub');
  const dataDir = join(root, 'data');
  for (const d of [configDir, hubDir, dataDir, join(configDir, 'postoverflows')])
    mkdirSync(d, { recursive: true });
  for (const [stageDir, item] of ITEMS) {
    const target = join(configDir, stageDir);
    mkdirSync(target, { recursive: true });
    cpSync(join(PACKAGE_HUB, item), join(target, item.split('/').pop() as string));
  }
  cpSync(PACKAGE_PATTERNS, join(configDir, 'patterns'), { recursive: true });
  writeFileSync(
    join(hubDir, '.index.json'),
    JSON.stringify({ parsers: {}, scenarios: {}, postoverflows: {}, collections: {} }),
  );
  writeFileSync(join(configDir, 'simulation.yaml'), 'simulation: off\n');
  writeFileSync(join(configDir, 'acquis.yaml'), '');
  const credentialsPath = join(configDir, 'local_api_credentials.yaml');
  writeFileSync(credentialsPath, stringify({ url: lapiUrl.replace(/\/$/, ''), login, password }));
  const config = {
    common: { daemonize: false, log_media: 'stdout', log_level: 'info', working_dir: '.' },
    config_paths: {
      config_dir: `${configDir}/`,
      data_dir: `${dataDir}/`,
      simulation_path: join(configDir, 'simulation.yaml'),
      hub_dir: `${hubDir}/`,
      index_path: join(hubDir, '.index.json'),
    },
    crowdsec_service: { acquisition_path: join(configDir, 'acquis.yaml'), parser_routines: 1 },
    api: { client: { credentials_path: credentialsPath } },
    prometheus: { enabled: false },
  };
  const configPath = join(configDir, 'config.yaml');
  writeFileSync(configPath, stringify(config));
  return configPath;
}

/** Starts the one-shot replay of `logFile`; the caller waits for its exit (bounded). */
export function startAgentReplay(dir: string, configPath: string, logFile: string): ManagedProcess {
  return startProcess(
    BINARIES.crowdsec,
    ['-c', configPath, '-dsn', `file://${logFile}`, '-type', 'syslog', '-no-api'],
    {
      name: 'crowdsec agent (replay)',
      logFile: join(dir, 'agent.log'),
      cwd: dir,
    },
  );
}
