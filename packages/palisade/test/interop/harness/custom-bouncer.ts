/**
 * The real `crowdsec-custom-bouncer` (Debian, 0.0.15) in stream mode against the LAPI under test.
 * For every decision it runs its `bin_path` as `<script> add|del <value> <seconds> <reason> <json>`;
 * our script appends that argument list as one line to a file, which the tests poll.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Cleanup } from './cleanup.ts';
import { BINARIES } from './preconditions.ts';
import { type ManagedProcess, startProcess } from './process.ts';

/** One call of the hook script. */
export interface HookCall {
  action: string;
  value: string;
  /** Seconds left, as the bouncer computed them (0 or negative on deletion). */
  seconds: number;
  /** The decision JSON the bouncer received (last argument). */
  decision: { value?: string; scope?: string; origin?: string; scenario?: string; type?: string };
  line: string;
}

/** A running custom bouncer and the record of its hook calls. */
export interface CustomBouncer {
  readonly process: ManagedProcess;
  /** Every hook call so far, in order. */
  calls(): HookCall[];
}

/** Parses one hook line: `add <value> <seconds> <reason words…> <json>` (the JSON is last). */
export function parseHookLine(line: string): HookCall | undefined {
  const brace = line.indexOf(' {');
  if (brace < 0) return undefined;
  const head = line.slice(0, brace).split(' ');
  let decision: HookCall['decision'];
  try {
    decision = JSON.parse(line.slice(brace + 1)) as HookCall['decision'];
  } catch {
    return undefined;
  }
  const [action = '', value = '', seconds = ''] = head;
  return { action, value, seconds: Number(seconds), decision, line };
}

/** Writes the hook script and the bouncer config into `dir`, starts the bouncer. */
export function startCustomBouncer(
  dir: string,
  apiUrl: string,
  apiKey: string,
  cleanup: Cleanup,
): CustomBouncer {
  const callsFile = join(dir, 'custom-bouncer-calls.txt');
  const script = join(dir, 'custom-bouncer-hook.sh');
  // "$*" joins the arguments with spaces: one line per call, JSON last.
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${callsFile}'\n`);
  chmodSync(script, 0o755);
  const config = {
    bin_path: script,
    feed_via_stdin: false,
    total_retries: 0,
    scenarios_containing: [],
    scenarios_not_containing: [],
    origins: [],
    piddir: dir,
    update_frequency: '1s',
    cache_retention_duration: '1s',
    daemonize: false,
    log_mode: 'stdout',
    log_level: 'info',
    api_url: apiUrl,
    api_key: apiKey,
    prometheus: { enabled: false, listen_addr: '127.0.0.1', listen_port: 60602 },
  };
  const configPath = join(dir, 'custom-bouncer.yaml');
  writeFileSync(configPath, stringify(config));
  const child = startProcess(BINARIES.customBouncer, ['-c', configPath], {
    name: 'crowdsec-custom-bouncer',
    logFile: join(dir, 'custom-bouncer.log'),
  });
  cleanup.add('stop crowdsec-custom-bouncer', async () => {
    await child.stop();
  });
  return {
    process: child,
    calls: () => {
      if (!existsSync(callsFile)) return [];
      return readFileSync(callsFile, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => parseHookLine(l))
        .filter((c): c is HookCall => c !== undefined);
    },
  };
}
