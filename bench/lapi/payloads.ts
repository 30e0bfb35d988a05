/**
 * What the benchmark sends: agent-like alerts (one event, remediation on, so the default
 * profile makes one ban of each), and decision lists for the import tools.
 */
import { writeFileSync } from 'node:fs';

/** The User-Agent of the benchmark's machine (the LAPI wants exactly one `/`). */
export const MACHINE_USER_AGENT = 'crowdsec/v1.4.6-bench';
/** The User-Agent of the benchmark's bouncers. */
export const BOUNCER_USER_AGENT = 'crowdsec-firewall-bouncer/v0.0.25-bench';

/** Where generated values start, so that the workloads never reuse an address. */
export const IP_BLOCKS = {
  /** Imported decisions (startup stream, poll base): 10.0.0.0 upwards. */
  imported: 0x0a000000,
  /** Alerts of the ingestion workload: 100.64.0.0 upwards. */
  ingest: 0x64400000,
  /** Alerts trickling in during the delta polls: 172.16.0.0 upwards. */
  trickle: 0xac100000,
} as const;

/** The `i`-th IPv4 address after `base` (a 32-bit number), dotted. */
export function ipv4(base: number, i: number): string {
  const n = (base + i) >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * An alert as the CrowdSec agent posts it for an ssh brute force by `ip`: one event with the
 * usual meta, remediation true and no decisions (the LAPI's profile decides).
 */
export function agentAlert(ip: string, now: number): Record<string, unknown> {
  const stop = new Date(now).toISOString();
  const start = new Date(now - 2_000).toISOString();
  const meta = (pairs: Record<string, string>) =>
    Object.entries(pairs).map(([key, value]) => ({ key, value }));
  return {
    scenario: 'crowdsecurity/ssh-bf',
    scenario_hash: '4441dcff07020f6690d998b7101e642359ba405c2abb83565bbbdcee36de280f',
    scenario_version: '0.1',
    message: `Ip ${ip} performed 'crowdsecurity/ssh-bf' (6 events over 2s) at ${stop}`,
    events_count: 6,
    start_at: start,
    stop_at: stop,
    capacity: 5,
    leakspeed: '10s',
    simulated: false,
    remediation: true,
    source: { scope: 'Ip', value: ip, ip, range: '', as_number: '', as_name: '', cn: '' },
    events: [
      {
        timestamp: stop,
        meta: meta({
          datasource_path: '/var/log/auth.log',
          datasource_type: 'file',
          log_type: 'ssh_failed-auth',
          machine: 'bench-host',
          service: 'ssh',
          source_ip: ip,
          target_user: 'root',
          timestamp: stop,
        }),
      },
    ],
    meta: meta({ target_user: '["root"]', service: '["ssh"]' }),
    labels: null,
  };
}

/** `count` agent alerts from consecutive addresses of `block`, starting at index `first`. */
export function alertBatch(
  block: number,
  first: number,
  count: number,
  now: number,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) out.push(agentAlert(ipv4(block, first + i), now));
  return out;
}

/**
 * Writes `count` 4h Ip bans (distinct addresses from IP_BLOCKS.imported) as the CSV both import
 * tools read (`duration,scope,value` with a header line). Written in slices, so 1M lines never
 * make one giant string.
 */
export function writeDecisionsCsv(path: string, count: number): void {
  writeFileSync(path, 'duration,scope,value\n');
  const slice = 50_000;
  for (let start = 0; start < count; start += slice) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(count, start + slice); i++)
      lines.push(`4h,ip,${ipv4(IP_BLOCKS.imported, i)}`);
    writeFileSync(path, `${lines.join('\n')}\n`, { flag: 'a' });
  }
}
