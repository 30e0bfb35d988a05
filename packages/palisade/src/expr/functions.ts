import type { FuncType } from './types.ts';

/**
 * A function callable from expressions: a CrowdSec helper (`Upper`, `File`, `IpInRange`, …) or a
 * function added by a host (hubtest's `basename`). The expr-lang builtins (`len`, `any`, `filter`,
 * …) are part of the language itself and are not declared this way.
 *
 * A helper is one table entry: its name (case-sensitive: `Upper` is not `upper`), the signatures the
 * checker accepts (overloads, tried in order; the first whose parameters fit wins), and the
 * implementation, called with already-evaluated arguments. An implementation signals a run-time
 * error by throwing; the caller of `Program.run` catches and counts it.
 */
export interface ExprFunction {
  readonly name: string;
  readonly types: readonly FuncType[];
  readonly fn: (...args: any[]) => unknown;
  /**
   * True when the result depends only on the arguments (no side effect, no log, no clock, no
   * data file, no stash) and is a value nobody mutates: the compiler may then evaluate a call with
   * constant arguments once at load time and reuse a call site's previous result for the same
   * string arguments. Absent ⇒ called every time.
   */
  readonly pure?: boolean;
}
