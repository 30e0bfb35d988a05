/**
 * The expression language: expr-lang v1.17 as CrowdSec configures it (spec hub-compat §4).
 *
 * `compile(source, { env, functions, expect })` parses, type-checks against the static types of the
 * environment and the declared helpers, and compiles the expression once into nested closures;
 * `program.run(vars)` evaluates it per event. Load-time problems throw `ExprError`, run-time ones
 * `ExprRuntimeError`, both located in the expression text.
 *
 * @example
 * const program = compile("evt.Meta.log_type in ['http_access-log']", { env: { evt: eventType }, expect: boolType });
 * program.run({ evt }); // true or false
 */

import { compileNode } from './compile/node.ts';
import { Scope, type Unit } from './compile/scope.ts';
import type { ExprFunction } from './functions.ts';
import { parse } from './parser/parser.ts';
import type { Frame } from './runtime/frame.ts';
import { ExprError, ExprRuntimeError, Fault } from './source/error.ts';
import { type Type, typeName } from './types.ts';
import { floatToAny } from './values/float.ts';

export type { ExprFunction } from './functions.ts';
export { ExprError, ExprRuntimeError } from './source/error.ts';
export * from './types.ts';

/** What an expression is compiled against. */
export interface CompileOptions {
  /** Variables and their static types. */
  env: Record<string, Type>;
  /** Declared functions (CrowdSec helpers, …); names are case-sensitive and override builtins. */
  functions?: readonly ExprFunction[];
  /** Required result type (e.g. `boolType` for filters); a known, different type is a load error. */
  expect?: Type;
}

/** A compiled expression. */
export interface Program {
  readonly source: string;
  /** Static type of the result (`any` when only known at run time). */
  readonly type: Type;
  /**
   * Evaluates the expression with these variable values. Throws `ExprRuntimeError`. A statically
   * float result that is integral is returned as a `Float64` box (like every value in an `any` place).
   * Not reentrant: one evaluation at a time per program (evaluation is synchronous).
   */
  run(vars: Record<string, unknown>): unknown;
}

/** Parses, checks and compiles `source`. Throws `ExprError` on any load-time problem. */
export function compile(source: string, options: CompileOptions): Program {
  const functions = new Map((options.functions ?? []).map((f) => [f.name, f]));
  const unit: Unit = { source, env: options.env, functions, slots: 0, compileNode };
  const ast = parse(source, { overrides: new Set(functions.keys()) });
  const compiled = new Scope(unit).compile(ast);
  const type = compiled.type;
  const expect = options.expect;
  if (expect && expect.kind !== 'any' && type.kind !== 'any' && !resultFits(type, expect)) {
    throw new ExprError(`expected ${typeName(expect)}, but got ${typeName(type)}`);
  }
  const ev = compiled.ev;
  // One frame per program, reused: evaluation is synchronous and allocates no frame per run.
  const frame: Frame = { vars: {}, slots: new Array(unit.slots).fill(null) };
  const boxFloat = type.kind === 'float';
  const clearSlots = unit.slots > 0;
  return Object.freeze({
    source,
    type,
    run(vars: Record<string, unknown>): unknown {
      frame.vars = vars;
      try {
        const result = ev(frame);
        return boxFloat ? floatToAny(result as number) : result;
      } catch (e) {
        if (e instanceof Fault) {
          throw new ExprRuntimeError(e.message, source, e.pos, { cause: e.cause ?? e });
        }
        if (e instanceof RangeError) {
          throw new ExprRuntimeError(e.message, source, 0, { cause: e });
        }
        throw e;
      } finally {
        // Drop references to the event so that a long-lived program does not retain it.
        frame.vars = EMPTY;
        if (clearSlots) frame.slots.fill(null);
      }
    },
  });
}

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function resultFits(type: Type, expect: Type): boolean {
  if (expect.kind === 'int' || expect.kind === 'float') return type.kind === 'int' || type.kind === 'float';
  return type.kind === expect.kind;
}
