/**
 * Compiling one expression of a scenario or context item, turning a load-time error into a
 * HubError at the file line of the expression (the same message shape as the parser engine's).
 */
import type { ExprEnv } from '../event/index.ts';
import { compile, ExprError, type ExprFunction, type Program } from '../expr/index.ts';
import { HubError } from '../hub/errors.ts';
import type { ExprSpec } from '../hub/parser-spec.ts';
import { siteLine } from '../hub/sites.ts';

/** Compiles `spec` against `env`; throws HubError naming the file, line and YAML path. */
export function compileSite(spec: ExprSpec, env: ExprEnv, functions: readonly ExprFunction[]): Program {
  try {
    // No expected type: like CrowdSec, a result of the wrong type is a run-time matter.
    return compile(spec.source, { env, functions });
  } catch (err) {
    if (err instanceof ExprError) {
      const where = { ...spec.where, line: siteLine(spec, err.line) };
      const col = err.column > 0 ? ` (column ${err.column})` : '';
      throw new HubError(where, `${spec.path}: ${err.reason}${col} in \`${oneLine(spec.source)}\``, {
        cause: err,
      });
    }
    throw new HubError(spec.where, `${spec.path}: ${String(err)}`, { cause: err });
  }
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}
