/**
 * The filter flags that select alerts (`alerts list|delete`, `decisions list`), turned into the
 * store's AlertFilter (the same filters as `GET /v1/alerts`, §3.3 of the LAPI notes).
 */
import type { Command } from 'commander';
import type { AlertFilter } from '../store/index.ts';
import { timeAgo, usageError } from './admin-common.ts';
import { isCidr, normaliseScope, valueProblem } from './decision-values.ts';

/** Values of the alert filter flags (all optional). */
export interface AlertFilterFlags {
  ip?: string;
  range?: string;
  scope?: string;
  value?: string;
  type?: string;
  origin?: string;
  scenario?: string;
  since?: string;
  until?: string;
  contained?: boolean;
}

/** Adds the alert filter flags to `cmd`; `what` names the listed things in help ("alerts"). */
export function withAlertFilterOptions(cmd: Command, what: string): Command {
  return cmd
    .option('-i, --ip <ip>', `${what} with a decision on this IP (or a range containing it)`)
    .option('-r, --range <cidr>', `${what} with a decision on this range (or a range containing it)`)
    .option('--scope <scope>', `${what} whose source has this scope (Ip, Range, AS, …)`)
    .option('-v, --value <value>', `${what} whose source has this exact value`)
    .option('-t, --type <type>', `${what} with a decision of this type (ban, captcha, …)`)
    .option('--origin <origin>', `${what} with a decision of this origin (crowdsec, cscli, CAPI, …)`)
    .option('-s, --scenario <scenario>', `${what} of this exact scenario (or with a decision of it)`)
    .option('--since <duration>', `${what} started at most this long ago (e.g. 4h, 7d)`)
    .option('--until <duration>', `${what} started at least this long ago`)
    .option('--contained', 'with --ip/--range: decisions inside it instead of containing it');
}

/** Whether any alert filter flag was given. */
export function anyAlertFilter(flags: AlertFilterFlags): boolean {
  return [
    flags.ip,
    flags.range,
    flags.scope,
    flags.value,
    flags.type,
    flags.origin,
    flags.scenario,
    flags.since,
    flags.until,
  ].some((v) => v !== undefined);
}

/** Checks --ip/--range; returns a usage problem naming the flag, or undefined. */
export function ipFlagsProblem(flags: { ip?: string; range?: string }): string | undefined {
  if (flags.ip !== undefined && flags.range !== undefined) return '--ip and --range cannot be used together';
  if (flags.ip !== undefined) {
    const p = valueProblem('Ip', flags.ip);
    if (p) return `--ip: ${p}`;
  }
  if (flags.range !== undefined && !isCidr(flags.range)) {
    return `--range: '${flags.range}' is not a valid CIDR range (e.g. 10.0.0.0/24)`;
  }
  return undefined;
}

/** The AlertFilter of the flags (usage error on a bad IP, range or duration). */
export function alertFilterFromFlags(flags: AlertFilterFlags, cmd: Command, now: number): AlertFilter {
  const problem = ipFlagsProblem(flags);
  if (problem) usageError(cmd, problem);
  const filter: AlertFilter = {};
  if (flags.ip !== undefined || flags.range !== undefined) filter.contains = !flags.contained;
  if (flags.ip !== undefined) filter.ip = flags.ip;
  if (flags.range !== undefined) filter.range = flags.range;
  if (flags.scope !== undefined) filter.scope = normaliseScope(flags.scope);
  if (flags.value !== undefined) filter.value = flags.value;
  if (flags.type !== undefined) filter.decisionType = flags.type;
  if (flags.origin !== undefined) filter.origin = flags.origin;
  if (flags.scenario !== undefined) filter.scenario = flags.scenario;
  if (flags.since !== undefined) filter.startedAfter = timeAgo(cmd, '--since', flags.since, now);
  if (flags.until !== undefined) filter.startedBefore = timeAgo(cmd, '--until', flags.until, now);
  return filter;
}
