import type { IdentifierNode, PointerNode } from '../ast/nodes.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { intType } from '../types.ts';
import type { Compiled, Scope } from './scope.ts';
import { zeroValue } from './type-utils.ts';

/**
 * A name: a `let` variable (frame slot) or an environment variable (`vars`, own properties only; a
 * variable missing at run time is its type's zero value). Unknown names are load-time errors.
 */
export function compileIdentifier(node: IdentifierNode, scope: Scope): Compiled {
  const name = node.value;
  const local = scope.locals.get(name);
  if (local) {
    const slot = local.slot;
    return { type: local.type, ev: (f) => f.slots[slot] };
  }
  if (Object.hasOwn(scope.unit.env, name)) {
    const type = scope.unit.env[name]!;
    const zero = zeroValue(type);
    if (!(name in Object.prototype)) {
      // `vars` are plain (or null-prototype) objects: a name Object.prototype lacks reads as
      // undefined unless it is an own property, so no `hasOwn` is needed (`evt`, the hot one).
      return { type, ev: envReader(name, zero) };
    }
    return {
      type,
      ev: (f) => {
        const vars = f.vars;
        if (!Object.hasOwn(vars, name)) return zero;
        const v = vars[name];
        return v === undefined ? zero : v;
      },
    };
  }
  return scope.fail(`unknown name ${name}`, node.pos);
}

/**
 * The evaluator of environment variable `name` (absent or undefined ⇒ `zero`), for a name that
 * Object.prototype does not have.
 */
export function envReader(name: string, zero: unknown): Evaluator {
  return (f) => {
    const v = f.vars[name];
    return v === undefined ? zero : v;
  };
}

/** `#` (current element), `#index`, `#acc` (reduce accumulator) of the innermost closure. */
export function compilePointer(node: PointerNode, scope: Scope): Compiled {
  const pointer = scope.pointer;
  if (!pointer) return scope.fail('cannot use pointer accessor outside predicate', node.pos);
  if (node.name === '') {
    const slot = pointer.elem;
    return { type: pointer.elemType, ev: (f) => f.slots[slot] };
  }
  if (node.name === 'index') {
    const slot = pointer.index;
    return { type: intType, ev: (f) => f.slots[slot] };
  }
  if (node.name === 'acc' && pointer.accType) {
    const slot = pointer.acc;
    return { type: pointer.accType, ev: (f) => f.slots[slot] };
  }
  return scope.fail(`unknown pointer #${node.name}`, node.pos);
}
