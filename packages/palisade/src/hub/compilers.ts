/**
 * The real compilers behind `hub lint`: the expression compiler with CrowdSec's helper table,
 * and grok pattern hosts holding the base patterns (the pattern directory is loaded by the linter).
 */

import { createHelpers, type HelperDeps } from '../expr/helpers/index.ts';
import { compile } from '../expr/index.ts';
import { PatternHost } from '../grok/index.ts';
import type { LintCompilers } from './lint.ts';

/**
 * Builds the linter's compilers. Expressions are compiled without a required result type: like
 * CrowdSec, which checks results at run time, a filter is not rejected at load for its type.
 * The helpers get no dependencies (no data files, no GeoIP): compiling never calls them.
 */
export function createLintCompilers(deps: HelperDeps = {}): LintCompilers {
  const functions = createHelpers(deps);
  return {
    compileExpression(source, env) {
      compile(source, { env, functions });
    },
    newGrokHost() {
      const host = PatternHost.withBase();
      return {
        loadPatternDirectory(dir) {
          const before = countNames(host);
          try {
            host.loadDirectory(dir);
            return { loaded: countNames(host) - before };
          } catch (error) {
            return { loaded: countNames(host) - before, error };
          }
        },
        registerSyntax: (name, pattern, origin) => host.registerSyntax(name, pattern, origin),
        compile: (pattern, origin) => host.compile(pattern, origin),
        compileNamed: (name, origin) => host.compileNamed(name, origin),
      };
    },
  };
}

function countNames(host: PatternHost): number {
  let n = 0;
  for (const _ of host.names()) n++;
  return n;
}
