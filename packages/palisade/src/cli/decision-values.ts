/**
 * Checks shared by `decisions add` and `decisions import`: scope normalisation, IP / range
 * validation, durations with days. Each check returns a message naming what is wrong (the caller
 * adds the flag or the input line) or the normalised value.
 */
import { isIP } from 'node:net';
import { parseDurationWithDays } from '../expr/helpers/decisions.ts';

/**
 * The machine named in `manual '<type>' from '<machine>'` and stored as `machine_id` on the alerts
 * the admin commands create (they work on the database and log in as no machine).
 */
export const CLI_MACHINE = 'palisade-cli';

/** CrowdSec's scope normalisation: ip→Ip, range→Range, as→AS, country→Country; others verbatim. */
export function normaliseScope(scope: string): string {
  switch (scope.toLowerCase()) {
    case 'ip':
      return 'Ip';
    case 'range':
      return 'Range';
    case 'as':
      return 'AS';
    case 'country':
      return 'Country';
    default:
      return scope;
  }
}

/** Whether `value` is a CIDR range (`a.b.c.d/n`, `x::/n`) with a prefix valid for its family. */
export function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash <= 0) return false;
  const family = isIP(value.slice(0, slash));
  const prefix = value.slice(slash + 1);
  if (family === 0 || value.includes('%') || !/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Checks `value` against its (normalised) scope: an Ip must be one address, a Range a CIDR; other
 * scopes only need a non-empty value. Returns a problem description or undefined.
 */
export function valueProblem(scope: string, value: string): string | undefined {
  if (value === '') return 'empty value';
  if (scope === 'Ip' && (isIP(value) === 0 || value.includes('%')))
    return `'${value}' is not a valid IP address`;
  if (scope === 'Range' && !isCidr(value)) return `'${value}' is not a valid CIDR range (e.g. 10.0.0.0/24)`;
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'value contains control characters';
  return undefined;
}

/**
 * Parses a decision duration (Go syntax plus `d` days: `4h`, `30m`, `7d`, `1d12h`) into
 * nanoseconds; returns a message when it is invalid or not positive.
 */
export function parseDecisionDuration(text: string): number | string {
  const ns = parseDurationWithDays(text.trim());
  if (ns === undefined) return `invalid duration '${text}' (expected e.g. 4h, 30m, 7d)`;
  if (ns <= 0) return `duration '${text}' must be positive`;
  return ns;
}
