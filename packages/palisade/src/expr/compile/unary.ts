import type { UnaryNode } from '../ast/nodes.ts';
import { negate, plus } from '../runtime/arithmetic.ts';
import { Fault } from '../source/error.ts';
import { anyType, boolType } from '../types.ts';
import { goTypeName } from '../values/format.ts';
import { foldIfConstant } from './fold.ts';
import type { Compiled, Scope } from './scope.ts';
import { anyEv, isAny, isBool, isDurationType, isNumber, nameOf } from './type-utils.ts';

/** `not x`, `!x` (bool), `-x`, `+x` (numbers keep their kind; `-` also negates durations). */
export function compileUnary(node: UnaryNode, scope: Scope): Compiled {
  const operand = scope.compile(node.node);
  const t = operand.type;
  const ev = operand.ev;
  const pos = node.pos;
  const op = node.operator;
  let result: Compiled;
  if (op === 'not' || op === '!') {
    if (isBool(t)) result = { type: boolType, ev: (f) => !ev(f) };
    else if (isAny(t)) result = { type: boolType, ev: (f) => !expectBool(ev(f), op, pos) };
    else return scope.fail(`invalid operation: ${op} (mismatched type ${nameOf(t)})`, pos);
  } else if (op === '-') {
    if (isNumber(t)) result = { type: t, ev: (f) => 0 - (ev(f) as number) };
    else if (isAny(t) || isDurationType(t)) {
      const aev = anyEv(operand);
      result = { type: isAny(t) ? anyType : t, ev: (f) => negate(aev(f), pos) };
    } else return scope.fail(`invalid operation: ${op} (mismatched type ${nameOf(t)})`, pos);
  } else if (isNumber(t)) {
    result = operand;
  } else if (isAny(t)) {
    result = { type: anyType, ev: (f) => plus(ev(f), pos) };
  } else {
    return scope.fail(`invalid operation: ${op} (mismatched type ${nameOf(t)})`, pos);
  }
  return foldIfConstant(result, [operand]);
}

/** Run-time check of a dynamically typed boolean operand. */
export function expectBool(v: unknown, op: string, pos: number): boolean {
  if (typeof v === 'boolean') return v;
  throw new Fault(`interface conversion: interface {} is ${goTypeName(v)}, not bool (operator ${op})`, pos);
}
