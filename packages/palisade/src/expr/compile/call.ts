import type { CallNode, MemberNode } from '../ast/nodes.ts';
import { cannotFetch } from '../runtime/fetch.ts';
import { type Evaluator, NEVER, SHORT_CIRCUIT } from '../runtime/frame.ts';
import { Fault } from '../source/error.ts';
import { anyType, type FuncType, type Type } from '../types.ts';
import { goTypeName } from '../values/format.ts';
import { type ArgumentCheck, checkArguments, invoke } from './arguments.ts';
import { foldIfConstant } from './fold.ts';
import { memoizedCall } from './pure-call.ts';
import type { Compiled, Scope } from './scope.ts';
import { DURATION_METHODS, TIME_METHODS } from './time-methods.ts';
import { anyEv, nameOf } from './type-utils.ts';

/**
 * A call: a declared function (`Upper(x)`, overloads tried in order, the last error reported when
 * none fits) or a method (`evt.GetMeta("k")`, `evt.Time.Hour()`), checked against the declared
 * signature. A method on a dynamic value is looked up at run time.
 */
export function compileCall(node: CallNode, scope: Scope, chain: boolean): Compiled {
  const callee = node.callee;
  const args = node.arguments.map((a) => scope.compile(a));
  if (callee.kind === 'MemberNode') return compileMethodCall(node, callee, args, scope, chain);
  if (callee.kind !== 'IdentifierNode') return scope.fail('expression is not callable', node.pos);
  const name = callee.value;
  const fn = scope.unit.functions.get(name);
  if (!fn || scope.locals.has(name)) {
    if (scope.locals.has(name) || Object.hasOwn(scope.unit.env, name)) {
      return scope.fail(`${name} is not callable`, node.pos);
    }
    return scope.fail(`unknown name ${name}`, node.pos);
  }
  let last: ArgumentCheck | undefined;
  for (const signature of fn.types) {
    const check = checkArguments(name, signature, args, node.arguments, node.pos);
    if ('evs' in check) {
      if (fn.pure) return pureCall(fn.fn, signature.result, args, check.evs, node);
      return { type: signature.result, ev: invoke(fn.fn, undefined, check.evs, node.pos) };
    }
    last = check;
  }
  if (last && 'error' in last) return scope.fail(last.error, last.pos);
  return scope.fail(`function ${name} has no signature`, node.pos);
}

/**
 * A call of a pure helper: folded to a constant when every argument is one (an error is left for
 * run time), otherwise a call site that remembers results (pure-call.ts).
 */
function pureCall(
  impl: (...args: any[]) => unknown,
  type: Type,
  args: readonly Compiled[],
  evs: readonly Evaluator[],
  node: CallNode,
): Compiled {
  const plain: Compiled = { type, ev: invoke(impl, undefined, evs, node.pos) };
  const folded = foldIfConstant(plain, args);
  if (folded.constant) return folded;
  const ev = memoizedCall(impl, evs, node.arguments, node.pos);
  return ev === undefined ? plain : { type, ev };
}

function compileMethodCall(
  node: CallNode,
  callee: MemberNode,
  args: Compiled[],
  scope: Scope,
  chain: boolean,
): Compiled {
  const base = scope.compile(callee.node, chain);
  const name = (callee.property as { value: string }).value;
  const bt = base.type;
  let signature: FuncType | undefined;
  if (bt.kind === 'struct') signature = bt.methods[name];
  else if (bt.kind === 'time') signature = TIME_METHODS[name];
  else if (bt.kind === 'duration') signature = DURATION_METHODS[name];
  else if (bt.kind === 'any') return dynamicMethodCall(node, base, name, args, chain, callee.optional);
  if (!signature) return scope.fail(`type ${nameOf(bt)} has no method ${name}`, callee.pos);
  const check = checkArguments(name, signature, args, node.arguments, node.pos);
  if ('error' in check) return scope.fail(check.error, check.pos);
  const evs = check.evs;
  const b = base.ev;
  const pos = callee.pos;
  const short: unknown = chain ? SHORT_CIRCUIT : NEVER;
  const optional = callee.optional;
  const n = evs.length;
  const ev: Evaluator = (f) => {
    const o = b(f) as Record<string, unknown> | null;
    if (o === short) return o;
    if (o == null) {
      if (optional) return SHORT_CIRCUIT;
      throw cannotFetch(name, o, pos);
    }
    const m = o[name];
    if (typeof m !== 'function') throw new Fault(`cannot fetch ${name} from ${goTypeName(o)}`, pos);
    const values = new Array(n);
    for (let i = 0; i < n; i++) values[i] = evs[i]!(f);
    try {
      return m.apply(o, values);
    } catch (e) {
      if (e instanceof Fault) throw e;
      throw new Fault(e instanceof Error ? e.message : String(e), pos, { cause: e });
    }
  };
  return { type: signature.result, ev };
}

function dynamicMethodCall(
  node: CallNode,
  base: Compiled,
  name: string,
  args: Compiled[],
  chain: boolean,
  optional: boolean,
): Compiled {
  const b = base.ev;
  const evs = args.map(anyEv);
  const pos = node.pos;
  const short: unknown = chain ? SHORT_CIRCUIT : NEVER;
  const type: Type = anyType;
  const n = evs.length;
  return {
    type,
    ev: (f) => {
      const o = b(f);
      if (o === short) return o;
      if (o == null) {
        if (optional) return SHORT_CIRCUIT;
        throw cannotFetch(name, o, pos);
      }
      const m =
        typeof o === 'object' && !Array.isArray(o) && !(name in Object.prototype)
          ? (o as any)[name]
          : undefined;
      if (typeof m !== 'function') throw new Fault(`type ${goTypeName(o)} has no method ${name}`, pos);
      const values = new Array(n);
      for (let i = 0; i < n; i++) values[i] = evs[i]!(f);
      try {
        return m.apply(o, values);
      } catch (e) {
        if (e instanceof Fault) throw e;
        throw new Fault(e instanceof Error ? e.message : String(e), pos, { cause: e });
      }
    },
  };
}
