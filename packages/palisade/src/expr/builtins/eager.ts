import { foldIfConstant } from '../compile/fold.ts';
import type { Compiled } from '../compile/scope.ts';
import { anyEv } from '../compile/type-utils.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { Fault } from '../source/error.ts';
import { type Type, typeName as typeNameOf } from '../types.ts';
import { Float64 } from '../values/float.ts';
import type { Builtin, BuiltinCall } from './context.ts';

/**
 * A builtin whose arguments are all evaluated before the call. `check` validates the static
 * argument types (failing through `call.fail`) and returns the result type; `impl` receives the
 * arguments in `any` representation (floats possibly boxed) and returns its result in `any`
 * representation too; a statically numeric result is unboxed. An `Error` thrown by `impl` becomes a
 * run-time error located at the call.
 */
export function eager(
  name: string,
  min: number,
  max: number,
  check: (args: readonly Compiled[], call: BuiltinCall) => Type,
  impl: (args: unknown[], pos: number) => unknown,
): Builtin {
  return {
    name,
    compile(call: BuiltinCall): Compiled {
      call.arity(min, max);
      const args = call.args.map((_, i) => call.arg(i));
      const type = check(args, call);
      const evs = args.map(anyEv);
      const n = evs.length;
      const pos = call.pos;
      const unbox = type.kind === 'float' || type.kind === 'int';
      const ev: Evaluator = (f) => {
        const values = new Array(n);
        for (let i = 0; i < n; i++) values[i] = evs[i]!(f);
        let result: unknown;
        try {
          result = impl(values, pos);
        } catch (e) {
          if (e instanceof Fault) throw e;
          throw new Fault(e instanceof Error ? e.message : String(e), pos, { cause: e });
        }
        return unbox && result instanceof Float64 ? result.value : result;
      };
      // `now()` is the only builtin whose result changes between evaluations.
      return name === 'now' ? { type, ev } : foldIfConstant({ type, ev }, args);
    },
  };
}

/** Accepts a value of one of `kinds` (or a dynamic one) as argument `i`; fails otherwise. */
export function expectKinds(
  call: BuiltinCall,
  args: readonly Compiled[],
  i: number,
  ...kinds: Type['kind'][]
): void {
  const t = args[i]!.type;
  if (t.kind === 'any' || kinds.includes(t.kind)) return;
  call.fail(`invalid argument for ${call.name} (type ${typeNameOf(t)})`, call.args[i]!.pos);
}

/** Returns `result` after a check has run (lets one-line `check` callbacks validate, then type). */
export function returning<T>(result: T, _check: unknown): T {
  return result;
}
