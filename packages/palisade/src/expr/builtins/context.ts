import type { BuiltinNode, Node } from '../ast/nodes.ts';
import type { Compiled, Scope } from '../compile/scope.ts';
import { anyEv, isAny, nameOf } from '../compile/type-utils.ts';
import type { Evaluator, Frame } from '../runtime/frame.ts';
import { Fault } from '../source/error.ts';
import { anyType, type Type } from '../types.ts';
import { Float64 } from '../values/float.ts';
import { goTypeName } from '../values/format.ts';

/** One builtin: checks its arguments and compiles the call. */
export interface Builtin {
  readonly name: string;
  compile(call: BuiltinCall): Compiled;
}

/** A compiled closure argument: `run(frame, elem, index)` evaluates the body for one element. */
export interface Closure {
  readonly type: Type;
  readonly body: Evaluator;
  readonly elemSlot: number;
  readonly indexSlot: number;
  readonly accSlot: number;
}

/** What a builtin sees of its call site. */
export class BuiltinCall {
  readonly node: BuiltinNode;
  readonly scope: Scope;
  constructor(node: BuiltinNode, scope: Scope) {
    this.node = node;
    this.scope = scope;
  }

  get name(): string {
    return this.node.name;
  }
  get args(): readonly Node[] {
    return this.node.arguments;
  }
  get pos(): number {
    return this.node.pos;
  }

  /** Load-time error at the call. */
  fail(message: string, pos = this.node.pos): never {
    return this.scope.fail(message, pos);
  }

  /** Requires between `min` and `max` arguments (expr-lang wording). */
  arity(min: number, max = min): void {
    const n = this.args.length;
    if (n < min) this.fail(`not enough arguments to call ${this.name}`);
    if (n > max) this.fail(`too many arguments to call ${this.name}`);
  }

  /** Compiles argument `i` (which must not be a closure). */
  arg(i: number): Compiled {
    const node = this.args[i]!;
    if (node.kind === 'PredicateNode') this.fail(`unexpected closure argument to ${this.name}`, node.pos);
    return this.scope.compile(node);
  }

  /**
   * Compiles argument `i` as a closure over elements of type `elem` (and an accumulator for
   * `reduce`). The pointer slots are fresh, so nested closures do not disturb each other.
   */
  closure(i: number, elem: Type, acc?: Type): Closure {
    const node = this.args[i];
    if (node?.kind !== 'PredicateNode') return this.fail(`${this.name}: closure expected`);
    const elemSlot = this.scope.allocate();
    const indexSlot = this.scope.allocate();
    const accSlot = acc ? this.scope.allocate() : -1;
    const inner = this.scope.withPointer({
      elem: elemSlot,
      index: indexSlot,
      acc: accSlot,
      elemType: elem,
      accType: acc,
    });
    const body = inner.compile(node.node);
    return { type: body.type, body: body.ev, elemSlot, indexSlot, accSlot };
  }

  /** The element type of an iterable argument; a non-array known type is a load-time error. */
  elemOf(c: Compiled, i = 0): Type {
    if (c.type.kind === 'array') return c.type.elem;
    if (isAny(c.type)) return anyType;
    return this.fail(`builtin ${this.name} takes only array (got ${nameOf(c.type)})`, this.args[i]!.pos);
  }

  /** Evaluator of an iterable argument that checks at run time that the value is an array. */
  arrayEv(c: Compiled): (f: Frame) => unknown[] {
    const ev = c.ev;
    const name = this.name;
    const pos = this.pos;
    if (c.type.kind === 'array') {
      return (f) => {
        const v = ev(f) as unknown[] | null;
        return v ?? [];
      };
    }
    return (f) => {
      const v = ev(f);
      if (Array.isArray(v)) return v;
      if (v == null) return [];
      throw new Fault(`builtin ${name} takes only array (got ${goTypeName(v)})`, pos);
    };
  }

  /** Evaluator of argument `c` in `any` representation. */
  anyEv(c: Compiled): Evaluator {
    return anyEv(c);
  }
}

/** Unboxes a `Float64` (for builtins that compute on plain numbers). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof Float64) return v.value;
  return undefined;
}

/** True for an int in `any` representation. */
export function isIntValue(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
