import type { ConditionalNode, SequenceNode, VariableDeclaratorNode } from '../ast/nodes.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { Fault } from '../source/error.ts';
import { anyType, type Type } from '../types.ts';
import { goTypeName } from '../values/format.ts';
import type { Compiled, Scope } from './scope.ts';
import { anyEv, isAny, isBool, isNil, nameOf, sameType } from './type-utils.ts';

/**
 * `c ? a : b`, `c ?: b` and `if c { a } else { b }`: the condition must be bool (a dynamic one is
 * checked at run time); the result has the branches' type when they agree, else it is dynamic.
 */
export function compileConditional(node: ConditionalNode, scope: Scope): Compiled {
  const cond = scope.compile(node.cond);
  if (!isBool(cond.type) && !isAny(cond.type)) {
    return scope.fail(`non-bool expression (type ${nameOf(cond.type)}) used as condition`, node.cond.pos);
  }
  const a = scope.compile(node.exp1);
  const b = scope.compile(node.exp2);
  if (cond.constant) return cond.constant.value === true ? a : b;
  let type: Type;
  let x: Evaluator;
  let y: Evaluator;
  if (sameType(a.type, b.type)) {
    type = a.type;
    x = a.ev;
    y = b.ev;
  } else if (isNil(b.type) && ['array', 'map', 'struct', 'any'].includes(a.type.kind)) {
    type = a.type;
    x = a.ev;
    y = b.ev;
  } else if (isNil(a.type) && ['array', 'map', 'struct', 'any'].includes(b.type.kind)) {
    type = b.type;
    x = a.ev;
    y = b.ev;
  } else {
    type = anyType;
    x = anyEv(a);
    y = anyEv(b);
  }
  const c = cond.ev;
  const pos = node.cond.pos;
  const ev: Evaluator = isBool(cond.type)
    ? (f) => (c(f) ? x(f) : y(f))
    : (f) => {
        const v = c(f);
        if (typeof v !== 'boolean')
          throw new Fault(`non-bool expression (type ${goTypeName(v)}) used as condition`, pos);
        return v ? x(f) : y(f);
      };
  return { type, ev };
}

/** `let name = value; body`: the value is computed once into a frame slot. */
export function compileLet(node: VariableDeclaratorNode, scope: Scope): Compiled {
  if (scope.locals.has(node.name) || Object.hasOwn(scope.unit.env, node.name)) {
    return scope.fail(`cannot redeclare ${node.name}`, node.pos);
  }
  const value = scope.compile(node.value);
  const slot = scope.allocate();
  const body = scope.withLocal(node.name, { slot, type: value.type }).compile(node.expr);
  const v = value.ev;
  const e = body.ev;
  return {
    type: body.type,
    ev: (f) => {
      f.slots[slot] = v(f);
      return e(f);
    },
  };
}

/** `a; b; c`: evaluates in order, yields the last value. */
export function compileSequence(node: SequenceNode, scope: Scope): Compiled {
  const parts = node.nodes.map((n) => scope.compile(n));
  const evs = parts.map((p) => p.ev);
  const last = parts[parts.length - 1]!;
  const n = evs.length;
  return {
    type: last.type,
    ev: (f) => {
      for (let i = 0; i < n - 1; i++) evs[i]!(f);
      return evs[n - 1]!(f);
    },
  };
}
