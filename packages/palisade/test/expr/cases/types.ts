/**
 * Shape of one conformance case of the expression language. Cases are plain data so that a failure
 * names the expression, and so that the table reads like the language definition it checks.
 */

/** Kinds that the runner can assert for a numeric (or other) result, as expr-lang's `type()` names them. */
export type ValueKind = 'int' | 'float' | 'string' | 'bool' | 'nil' | 'array' | 'map';

interface CaseBase {
  /** Why the case exists, or which Go rule decides it when expr-lang's documentation is silent. */
  readonly name?: string;
  /** The expression text, compiled against the shared environment (env.ts). */
  readonly expr: string;
  /** Values that replace the shared run-time values for this case (types stay the shared ones). */
  readonly env?: Readonly<Record<string, unknown>>;
  /**
   * A documented difference from Go that JavaScript cannot express (e.g. a lone invalid UTF-8 byte in
   * a string). The case still runs and is reported as a todo with this reason; it never hides a bug
   * that can be fixed.
   */
  readonly knownLimitation?: string;
}

/** The expression compiles, runs, and yields `expect` (numbers compared by value, boxes unwrapped). */
export interface ValueCase extends CaseBase {
  readonly expect: unknown;
  /** When set, the result's Go kind must be this one (int and float are told apart). */
  readonly expectType?: ValueKind;
}

/** Compilation must fail with a load error whose message matches `error`. */
export interface CompileErrorCase extends CaseBase {
  readonly error: RegExp;
  /** When set, the 1-based line the error points at. */
  readonly errorLine?: number;
}

/** Compilation succeeds but running must fail with a run-time error whose message matches. */
export interface RuntimeErrorCase extends CaseBase {
  readonly runtimeError: RegExp;
}

export type ExprCase = ValueCase | CompileErrorCase | RuntimeErrorCase;

/** A named group of cases (one file per topic). */
export interface CaseGroup {
  readonly topic: string;
  readonly cases: readonly ExprCase[];
}
