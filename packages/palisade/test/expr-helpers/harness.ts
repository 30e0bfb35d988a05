/** Test helper: the helper table as a name ⇒ fn record, with a recording logger. */
import { createHelpers, type HelperDeps, type HelperLogger } from '../../src/expr/helpers/index.ts';

export interface Recorded {
  readonly level: string;
  readonly msg: string;
}

export function helpers(deps: HelperDeps = {}): {
  fn: Record<string, (...args: unknown[]) => unknown>;
  logs: Recorded[];
} {
  const logs: Recorded[] = [];
  const rec = (level: string) => (msg: string) => {
    logs.push({ level, msg });
  };
  const logger: HelperLogger = {
    debug: rec('debug'),
    info: rec('info'),
    warn: rec('warn'),
    error: rec('error'),
  };
  const fn: Record<string, (...args: unknown[]) => unknown> = {};
  for (const h of createHelpers({ logger, ...deps })) fn[h.name] = h.fn;
  return { fn, logs };
}
