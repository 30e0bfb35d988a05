/**
 * The whitelist check of a node (hub-compat §3.2): candidate IPs (LOG: `Meta.source_ip`; OVFLW:
 * every source key) against `ip` then `cidr`, then the expressions until one is true. The first
 * matching whitelist marks the event (and, for an overflow, the overflow) whitelisted.
 */
import { EVENT_LOG, EVENT_OVERFLOW, type Event } from '../event/index.ts';
import type { CompiledNode, CompiledWhitelist, RunContext } from './compiled.ts';
import { addrEqual, type NetAddr, parseAddr, prefixContains } from './netip.ts';
import { detail } from './statics.ts';

/** Whether the event matches `node`'s whitelist; marks the event on a match. */
export function checkWhitelist(
  wl: CompiledWhitelist,
  evt: Event,
  node: CompiledNode,
  ctx: RunContext,
): boolean {
  let hit = wl.ips.length + wl.cidrs.length > 0 && ipListed(wl, evt);
  if (!hit) {
    for (const program of wl.expressions) {
      let out: unknown;
      try {
        out = program.run(ctx.vars);
      } catch (err) {
        // CrowdSec gives up on the whole whitelist (not whitelisted) at the first failing expression.
        node.counters.exprErrors++;
        detail(ctx, node, `whitelist expression failed: ${(err as Error).message}`);
        return false;
      }
      if (out === true) {
        hit = true;
        break;
      }
      if (typeof out !== 'boolean') detail(ctx, node, 'whitelist expression returned a non-bool, ignored');
    }
  }
  if (hit && !evt.Whitelisted) {
    evt.Whitelisted = true;
    evt.WhitelistReason = wl.reason;
    if (evt.Type === EVENT_OVERFLOW) evt.Overflow.Whitelisted = true;
  }
  if (hit) detail(ctx, node, `whitelisted (${wl.reason})`);
  return hit;
}

/**
 * The address of the last text parsed: every whitelist node of an event tests the same
 * `Meta.source_ip`. A parsed address is never mutated, so sharing it is invisible.
 */
let lastText: string | undefined;
let lastAddr: NetAddr | undefined;
const MAX_CACHED_TEXT = 64;

function parseAddrCached(text: string): NetAddr | undefined {
  if (text === lastText) return lastAddr;
  const addr = parseAddr(text);
  if (text.length <= MAX_CACHED_TEXT) {
    lastText = text;
    lastAddr = addr;
  }
  return addr;
}

function ipListed(wl: CompiledWhitelist, evt: Event): boolean {
  if (evt.Type === EVENT_LOG) {
    if (!Object.hasOwn(evt.Meta, 'source_ip')) return false;
    const addr = parseAddrCached(evt.Meta.source_ip as string);
    return addr !== undefined && addrListed(wl, addr);
  }
  if (evt.Type === EVENT_OVERFLOW) {
    for (const key of Object.keys(evt.Overflow.Sources)) {
      const addr = parseAddrCached(key);
      if (addr !== undefined && addrListed(wl, addr)) return true;
    }
  }
  return false;
}

function addrListed(wl: CompiledWhitelist, addr: NetAddr): boolean {
  for (const ip of wl.ips) if (addrEqual(ip, addr)) return true;
  for (const p of wl.cidrs) if (prefixContains(p, addr)) return true;
  return false;
}
