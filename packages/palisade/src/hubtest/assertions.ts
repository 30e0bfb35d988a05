/**
 * Evaluation of hubtest assertion files (hub-compat §7.4): each non-empty line is an independent
 * boolean expression over `results`, with every CrowdSec helper plus `basename(path)`.
 *
 * Outcome per line: true ⇒ pass; false ⇒ failure reported with the actual value of the left side
 * of its first top-level `==` (the harness re-evaluates that side for its report); a compile or
 * run-time error ⇒ failure with that error (CrowdSec stops the whole test there).
 */
import { compile, ExprError, type ExprFunction, ExprRuntimeError } from '../expr/index.ts';
import { boolType, funcOf, stringType, type Type } from '../expr/types.ts';
import { formatValue, quoteGo } from '../expr/values/format.ts';

/** The first failing line of an assertion file. */
export interface AssertionFailure {
  /** The line as evaluated (after the `datasource_path` shim). */
  readonly assertion: string;
  /** 1-based line number in the file. */
  readonly line: number;
  /** `got <value>` for a false line, or the error of a line that could not be evaluated. */
  readonly reason: string;
  /** True when the line errored (compile or run time) rather than evaluated to false. */
  readonly error: boolean;
}

/** What an assertion file came to. */
export interface AssertionOutcome {
  /** Lines evaluated (non-empty). */
  readonly evaluated: number;
  /** Lines that were false or errored. */
  readonly failedCount: number;
  readonly firstFailure: AssertionFailure | undefined;
}

/** `basename(path)`: Go's `filepath.Base` on forward-slash paths. */
export const basenameFunction: ExprFunction = Object.freeze({
  name: 'basename',
  types: [funcOf([stringType], stringType)],
  fn: (path: string) => goBase(path),
});

/** Go `filepath.Base`: the last element; `.` for "", `/` for a path of slashes. */
export function goBase(path: string): string {
  if (path === '') return '.';
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  if (end === 0) return '/';
  const trimmed = path.slice(0, end);
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * The compatibility shim of the harness: a line that mentions `datasource_path` without calling
 * `basename(` gets its left side (up to the first `==`) wrapped in `basename(…)`, because dumps
 * hold the absolute log path.
 */
export function applyDatasourceShim(line: string): string {
  if (!line.includes('datasource_path') || line.includes('basename(')) return line;
  const eq = line.indexOf('==');
  if (eq < 0) return line;
  return `basename(${line.slice(0, eq).trim()}) == ${line.slice(eq + 2).trim()}`;
}

/**
 * Offset of the first `==` outside string literals and outside brackets/parentheses, or -1.
 * Linear in the line length.
 */
export function topLevelEquals(line: string): number {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(line, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '=' && line[i + 1] === '=' && depth === 0) return i;
  }
  return -1;
}

function skipString(line: string, start: number): number {
  const quote = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '\\' && quote !== '`') i++;
    else if (line[i] === quote) return i;
  }
  return line.length;
}

const MAX_SHOWN = 300;

/** How an actual value is shown in a report: Go-quoted strings, `%v` otherwise, capped in length. */
export function showValue(v: unknown): string {
  const text = typeof v === 'string' ? quoteGo(v, false) : formatValue(v);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** Compiles and evaluates assertion lines against one `results` value. */
export class AssertionEvaluator {
  readonly #functions: readonly ExprFunction[];
  readonly #resultsType: Type;

  /** `helpers`: the CrowdSec helper table; `basename` is added. */
  constructor(helpers: readonly ExprFunction[], resultsType: Type) {
    this.#functions = [...helpers, basenameFunction];
    this.#resultsType = resultsType;
  }

  /** Evaluates every non-empty line of `text`; keeps the first failure. */
  evaluate(text: string, results: unknown): AssertionOutcome {
    let evaluated = 0;
    let failedCount = 0;
    let firstFailure: AssertionFailure | undefined;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const raw = (lines[i] ?? '').replace(/\r$/, '');
      if (raw.trim() === '') continue;
      evaluated++;
      const failure = this.#evaluateLine(applyDatasourceShim(raw), i + 1, results);
      if (failure) {
        failedCount++;
        firstFailure ??= failure;
      }
    }
    return { evaluated, failedCount, firstFailure };
  }

  #evaluateLine(assertion: string, line: number, results: unknown): AssertionFailure | undefined {
    const env = { results: this.#resultsType };
    let value: unknown;
    try {
      const program = compile(assertion, { env, functions: this.#functions, expect: boolType });
      value = program.run({ results });
    } catch (err) {
      return { assertion, line, reason: describeError(err), error: true };
    }
    if (value === true) return undefined;
    if (value !== false) {
      return {
        assertion,
        line,
        reason: `the assertion returned ${showValue(value)}, not a bool`,
        error: true,
      };
    }
    return { assertion, line, reason: `got ${this.#leftSide(assertion, results)}`, error: false };
  }

  /** The actual value of the left side of the first top-level `==`, or `false` when there is none. */
  #leftSide(assertion: string, results: unknown): string {
    const eq = topLevelEquals(assertion);
    if (eq < 0) return 'false';
    try {
      const left = compile(assertion.slice(0, eq), {
        env: { results: this.#resultsType },
        functions: this.#functions,
      });
      return showValue(left.run({ results }));
    } catch (err) {
      return `error: ${describeError(err)}`;
    }
  }
}

function describeError(err: unknown): string {
  // One line per report: the bare reason and its column, without the caret snippet.
  if (err instanceof ExprError) return `compile error: ${err.reason}${at(err.column)}`;
  if (err instanceof ExprRuntimeError) return `run-time error: ${err.reason}${at(err.column)}`;
  return err instanceof Error ? err.message : String(err);
}

function at(column: number): string {
  return column > 0 ? ` (column ${column})` : '';
}
