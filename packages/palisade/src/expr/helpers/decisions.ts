/**
 * LAPI decision helpers: GetDecisionsCount, GetActiveDecisionsCount, GetActiveDecisionsTimeLeft,
 * GetDecisionsSinceCount. Without a database they return 0 and log an error, as CrowdSec does;
 * a failing database is a HelperError (CrowdSec swallows it into 0, which code-anchors §8.2 rejects).
 */
import type { ExprFunction } from '../functions.ts';
import { durationType, funcOf, intType, stringType } from '../types.ts';
import { Duration, parseDuration } from '../values/duration.ts';
import type { DecisionStore, HelperDeps } from './deps.ts';
import { silentLogger } from './deps.ts';
import { HelperError } from './errors.ts';
import { str } from './util.ts';

/** CrowdSec `cstime.ParseDurationWithDays`: `Nd` days, optionally followed by a Go duration. */
export function parseDurationWithDays(s: string): number | undefined {
  const m = /^(\d+)d(.*)$/.exec(s);
  try {
    if (!m) return parseDuration(s).ns;
    const rest = m[2] === '' ? 0 : parseDuration(m[2]).ns;
    return Number(m[1]) * 86_400e9 + rest;
  } catch {
    return undefined;
  }
}

/** The decision helpers over `deps.decisions`. */
export function decisionHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  const call = <T>(helper: string, zero: T, f: (db: DecisionStore) => T): T => {
    if (!deps.decisions) {
      log.error(`No database config to call ${helper}()`);
      return zero;
    }
    try {
      return f(deps.decisions);
    } catch (err) {
      throw new HelperError(helper, 'database-error', String((err as Error).message ?? err), { cause: err });
    }
  };
  return [
    {
      name: 'GetDecisionsCount',
      types: [funcOf([stringType], intType)],
      fn: (v: unknown) => {
        const value = str('GetDecisionsCount', v);
        return call('GetDecisionsCount', 0, (db) => db.count(value));
      },
    },
    {
      name: 'GetActiveDecisionsCount',
      types: [funcOf([stringType], intType)],
      fn: (v: unknown) => {
        const value = str('GetActiveDecisionsCount', v);
        return call('GetActiveDecisionsCount', 0, (db) => db.activeCount(value));
      },
    },
    {
      name: 'GetActiveDecisionsTimeLeft',
      types: [funcOf([stringType], durationType)],
      fn: (v: unknown) => {
        const value = str('GetActiveDecisionsTimeLeft', v);
        return new Duration(call('GetActiveDecisionsTimeLeft', 0, (db) => db.activeTimeLeftNs(value)));
      },
    },
    {
      name: 'GetDecisionsSinceCount',
      types: [funcOf([stringType, stringType], intType)],
      fn: (v: unknown, s: unknown) => {
        const value = str('GetDecisionsSinceCount', v);
        const since = str('GetDecisionsSinceCount', s);
        return call('GetDecisionsSinceCount', 0, (db) => {
          const ns = parseDurationWithDays(since);
          if (ns === undefined) {
            log.error(`Failed to parse since parameter '${since}'`);
            return 0;
          }
          return db.countSince(value, now() - ns / 1e6);
        });
      },
    },
  ];
}
