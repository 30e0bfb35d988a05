import type { Node } from '../ast/nodes.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { Fault } from '../source/error.ts';
import type { FuncType, Type } from '../types.ts';
import { Float64 } from '../values/float.ts';
import { goTypeName } from '../values/format.ts';
import type { Compiled } from './scope.ts';
import { anyEv, assignable, isAny, nameOf } from './type-utils.ts';

/** Outcome of matching call arguments against one signature. */
export type ArgumentCheck = { readonly evs: Evaluator[] } | { readonly error: string; readonly pos: number };

/**
 * Matches compiled arguments against a signature (expr-lang `checkArguments`): arity (with a
 * variadic tail), then assignability of each argument. On success returns one evaluator per
 * argument, converted for the parameter: boxed floats for `any` parameters, unboxed numbers for
 * numeric ones, and a run-time type check where a dynamic value meets a string parameter.
 */
export function checkArguments(
  name: string,
  fn: FuncType,
  args: readonly Compiled[],
  nodes: readonly Node[],
  callPos: number,
): ArgumentCheck {
  const fixed = fn.params.length;
  if (args.length < fixed) return { error: `not enough arguments to call ${name}`, pos: callPos };
  if (args.length > fixed && !fn.variadic)
    return { error: `too many arguments to call ${name}`, pos: callPos };
  const evs: Evaluator[] = [];
  for (let i = 0; i < args.length; i++) {
    const param = i < fixed ? fn.params[i]! : fn.variadic!;
    const arg = args[i]!;
    if (!assignable(arg.type, param)) {
      return {
        error: `cannot use ${nameOf(arg.type)} as argument (type ${nameOf(param)}) to call ${name} `,
        pos: nodes[i]!.pos,
      };
    }
    evs.push(convertArgument(arg, param, name, nodes[i]!.pos));
  }
  return { evs };
}

function convertArgument(arg: Compiled, param: Type, name: string, pos: number): Evaluator {
  if (isAny(param)) return anyEv(arg);
  if (!isAny(arg.type)) return arg.ev;
  const ev = arg.ev;
  switch (param.kind) {
    case 'int':
    case 'float':
      return (f) => {
        const v = ev(f);
        if (v instanceof Float64) return v.value;
        if (typeof v !== 'number') throw badArgument(v, param, name, pos);
        return v;
      };
    case 'string':
      return (f) => {
        const v = ev(f);
        if (typeof v !== 'string') throw badArgument(v, param, name, pos);
        return v;
      };
    case 'bool':
      return (f) => {
        const v = ev(f);
        if (typeof v !== 'boolean') throw badArgument(v, param, name, pos);
        return v;
      };
    default:
      return ev;
  }
}

function badArgument(v: unknown, param: Type, name: string, pos: number): Fault {
  return new Fault(`cannot use ${goTypeName(v)} as argument (type ${nameOf(param)}) to call ${name}`, pos);
}

/**
 * Compiles a call of `impl` with already converted argument evaluators; an exception thrown by the
 * implementation becomes a run-time error located at the call (the original is kept as `cause`).
 */
export function invoke(
  impl: (...args: any[]) => unknown,
  self: ((f: Parameters<Evaluator>[0]) => unknown) | undefined,
  evs: readonly Evaluator[],
  pos: number,
): Evaluator {
  const n = evs.length;
  const call = (thisArg: unknown, args: unknown[]): unknown => {
    try {
      return impl.apply(thisArg, args);
    } catch (e) {
      if (e instanceof Fault) throw e;
      throw new Fault(e instanceof Error ? e.message : String(e), pos, { cause: e });
    }
  };
  if (self === undefined) {
    if (n === 1) {
      const a0 = evs[0]!;
      return (f) => {
        const x = a0(f);
        try {
          return impl(x);
        } catch (e) {
          if (e instanceof Fault) throw e;
          throw new Fault(e instanceof Error ? e.message : String(e), pos, { cause: e });
        }
      };
    }
    if (n === 2) {
      const a0 = evs[0]!;
      const a1 = evs[1]!;
      return (f) => {
        const x = a0(f);
        const y = a1(f);
        try {
          return impl(x, y);
        } catch (e) {
          if (e instanceof Fault) throw e;
          throw new Fault(e instanceof Error ? e.message : String(e), pos, { cause: e });
        }
      };
    }
  }
  return (f) => {
    const thisArg = self ? self(f) : undefined;
    const args = new Array(n);
    for (let i = 0; i < n; i++) args[i] = evs[i]!(f);
    return call(thisArg, args);
  };
}
