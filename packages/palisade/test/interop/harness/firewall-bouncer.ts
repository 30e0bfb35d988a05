/**
 * The real `crowdsec-firewall-bouncer` (Debian, 0.0.25) in nftables mode, run inside a test
 * namespace so its tables never touch the host, and a reader of the nftables sets it fills.
 *
 * Observed with 0.0.25 (the version Debian 12 ships): one set per family, named after
 * `blacklists_ipv4` (`crowdsec-blacklists` in table `ip crowdsec`), not the per-origin sets
 * (`crowdsec-blacklists-<origin>`) of later releases; the set has only the `timeout` flag, so a
 * Range decision `192.0.2.0/24` is inserted as the single address `192.0.2.0` (the prefix is
 * dropped; upstream cs-firewall-bouncer#396). `setElements` reads every set of the table, so the
 * tests hold for both layouts.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Cleanup } from './cleanup.ts';
import type { Namespace } from './netns.ts';
import { BINARIES } from './preconditions.ts';
import { type ManagedProcess, startProcess } from './process.ts';

/** The IPv4 table the bouncer manages (its default name, kept in our config). */
export const NFT_TABLE_V4 = 'crowdsec';

/** Starts the firewall bouncer inside `ns`, pointed at the namespace end of the LAPI relay. */
export function startFirewallBouncer(
  dir: string,
  ns: Namespace,
  apiKey: string,
  cleanup: Cleanup,
): ManagedProcess {
  const config = {
    mode: 'nftables',
    pid_dir: dir,
    update_frequency: '1s',
    daemonize: false,
    log_mode: 'stdout',
    log_level: 'info',
    api_url: `http://127.0.0.1:${ns.lapiPort}/`,
    api_key: apiKey,
    insecure_skip_verify: false,
    disable_ipv6: false,
    deny_action: 'DROP',
    deny_log: false,
    supported_decisions_types: ['ban'],
    blacklists_ipv4: 'crowdsec-blacklists',
    blacklists_ipv6: 'crowdsec6-blacklists',
    nftables: {
      ipv4: { enabled: true, 'set-only': false, table: NFT_TABLE_V4, chain: 'crowdsec-chain' },
      ipv6: { enabled: true, 'set-only': false, table: 'crowdsec6', chain: 'crowdsec6-chain' },
    },
    prometheus: { enabled: false, listen_addr: '127.0.0.1', listen_port: 60601 },
  };
  const configPath = join(dir, 'firewall-bouncer.yaml');
  writeFileSync(configPath, stringify(config));
  const [command, ...prefixArgs] = ns.prefix;
  const child = startProcess(command as string, [...prefixArgs, BINARIES.firewallBouncer, '-c', configPath], {
    name: `crowdsec-firewall-bouncer in ${ns.name}`,
    logFile: join(dir, 'firewall-bouncer.log'),
  });
  cleanup.add('stop crowdsec-firewall-bouncer', async () => {
    await child.stop();
  });
  return child;
}

/** What `nft -j list table` says about one set. */
export interface NftSet {
  name: string;
  flags: string[];
  /** Elements as text: `1.2.3.4`, or `10.0.0.0/24` for prefix elements. */
  elements: string[];
}

/** Lists the sets of `ip <table>` inside `ns` (empty when the table does not exist yet). */
export async function nftSets(ns: Namespace, table = NFT_TABLE_V4): Promise<NftSet[]> {
  const res = await ns.exec(BINARIES.nft, ['-j', 'list', 'table', 'ip', table]);
  if (res.code !== 0) {
    if (/No such file or directory/.test(res.stderr)) return [];
    throw new Error(`nft list table ip ${table}: ${res.stderr.trim()}`);
  }
  const doc = JSON.parse(res.stdout) as {
    nftables?: { set?: { name: string; flags?: string[]; elem?: unknown[] } }[];
  };
  const sets: NftSet[] = [];
  for (const entry of doc.nftables ?? []) {
    if (!entry.set) continue;
    sets.push({
      name: entry.set.name,
      flags: entry.set.flags ?? [],
      elements: (entry.set.elem ?? []).map(elementText),
    });
  }
  return sets;
}

// nft's JSON writes an element as a bare string, as {"elem": {"val": …, "timeout": …}} when it
// carries a timeout, and a prefix as {"prefix": {"addr", "len"}}.
function elementText(element: unknown): string {
  if (typeof element === 'string') return element;
  if (element && typeof element === 'object') {
    const e = element as { elem?: { val?: unknown }; prefix?: { addr?: unknown; len?: unknown } };
    if (e.elem) return elementText(e.elem.val);
    if (e.prefix) return `${String(e.prefix.addr)}/${String(e.prefix.len)}`;
  }
  return JSON.stringify(element);
}
