import type { Node } from '../ast/nodes.ts';
import type { ExprFunction } from '../functions.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { ExprError } from '../source/error.ts';
import type { Type } from '../types.ts';

/**
 * The result of checking and compiling one node: its static type, its evaluator, and its value
 * when it is known at load time (literals and folded constant expressions).
 */
export interface Compiled {
  readonly type: Type;
  readonly ev: Evaluator;
  readonly constant?: { readonly value: unknown };
}

/** A `let` variable: the frame slot that holds it and its static type. */
export interface Local {
  readonly slot: number;
  readonly type: Type;
}

/** The closure a `#` refers to: slots of the element, its index and the reduce accumulator. */
export interface Pointer {
  readonly elem: number;
  readonly index: number;
  readonly acc: number;
  readonly elemType: Type;
  readonly accType: Type | undefined;
}

/** What every scope of one compilation shares. */
export interface Unit {
  readonly source: string;
  readonly env: Readonly<Record<string, Type>>;
  readonly functions: ReadonlyMap<string, ExprFunction>;
  /** Number of frame slots allocated so far. */
  slots: number;
  /** The node dispatcher (compile/node.ts), reached through the scope to avoid import cycles. */
  readonly compileNode: (node: Node, scope: Scope, chain: boolean) => Compiled;
}

/**
 * Lexical scope of the node being compiled: the compilation unit, the visible `let` variables and
 * the innermost closure (for `#`). Scopes are immutable; `withLocal`/`withPointer` derive new ones.
 */
export class Scope {
  readonly unit: Unit;
  readonly locals: ReadonlyMap<string, Local>;
  readonly pointer: Pointer | undefined;

  constructor(unit: Unit, locals: ReadonlyMap<string, Local> = new Map(), pointer?: Pointer) {
    this.unit = unit;
    this.locals = locals;
    this.pointer = pointer;
  }

  /** Checks and compiles `node`; `chain` is set for the base of an access inside a `?.` chain. */
  compile(node: Node, chain = false): Compiled {
    return this.unit.compileNode(node, this, chain);
  }

  /** Throws a load-time error located at `pos`. */
  fail(message: string, pos: number): never {
    throw new ExprError(message, this.unit.source, pos);
  }

  /** Reserves a frame slot. */
  allocate(): number {
    return this.unit.slots++;
  }

  withLocal(name: string, local: Local): Scope {
    const locals = new Map(this.locals);
    locals.set(name, local);
    return new Scope(this.unit, locals, this.pointer);
  }

  withPointer(pointer: Pointer): Scope {
    return new Scope(this.unit, this.locals, pointer);
  }
}

/** Wraps a constant value as a compiled node. */
export function constant(type: Type, value: unknown): Compiled {
  return { type, ev: () => value, constant: { value } };
}
