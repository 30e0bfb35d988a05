import type { BinaryNode } from '../ast/nodes.ts';
import { add, divide, intModulo, modulo, multiply, power, subtract } from '../runtime/arithmetic.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { anyType, durationType, floatType, intType, stringType, type Type, timeType } from '../types.ts';
import type { Compiled, Scope } from './scope.ts';
import { anyEv, isAny, isDurationType, isFloat, isInt, isNumber, isString, isTime } from './type-utils.ts';

type Generic = (a: unknown, b: unknown, pos: number) => unknown;

const GENERIC: Record<string, Generic> = {
  '+': add,
  '-': subtract,
  '*': multiply,
  '/': divide,
  '%': modulo,
  '**': (a, b, pos) => power(a, b, '**', pos),
  '^': (a, b, pos) => power(a, b, '^', pos),
};

/**
 * `+ - * / % ** ^`. Statically typed numbers compile to plain JS arithmetic (int∘int ⇒ int, a float
 * operand ⇒ float, `/` and `**` ⇒ float, `%` ints only); strings concatenate; times and durations
 * combine like Go; a dynamically typed operand goes through the generic run-time operation.
 * Returns undefined when the operand types are incompatible (the caller reports the mismatch).
 */
export function compileArithmetic(
  node: BinaryNode,
  l: Compiled,
  r: Compiled,
  _scope: Scope,
): Compiled | undefined {
  const op = node.operator;
  const lt = l.type;
  const rt = r.type;
  const a = l.ev;
  const b = r.ev;
  const pos = node.pos;
  if (isNumber(lt) && isNumber(rt)) {
    const bothInt = isInt(lt) && isInt(rt);
    const numberType: Type = bothInt ? intType : floatType;
    switch (op) {
      case '+':
        return { type: numberType, ev: (f) => (a(f) as number) + (b(f) as number) };
      case '-':
        return { type: numberType, ev: (f) => (a(f) as number) - (b(f) as number) };
      case '*':
        return { type: numberType, ev: (f) => (a(f) as number) * (b(f) as number) };
      case '/':
        return { type: floatType, ev: (f) => (a(f) as number) / (b(f) as number) };
      case '%':
        if (!bothInt) return undefined;
        return { type: intType, ev: (f) => intModulo(a(f) as number, b(f) as number, pos) };
      default:
        return { type: floatType, ev: (f) => (a(f) as number) ** (b(f) as number) };
    }
  }
  if (op === '+' && isString(lt) && isString(rt)) {
    return { type: stringType, ev: (f) => (a(f) as string) + (b(f) as string) };
  }
  const temporal = temporalType(op, lt, rt);
  if (temporal) return generic(op, l, r, temporal, pos);
  if (isAny(lt) || isAny(rt)) {
    // The other side must at least be something the operator can take.
    const other = isAny(lt) ? rt : lt;
    const ok =
      isAny(other) ||
      isNumber(other) ||
      (op === '+' && isString(other)) ||
      ((op === '+' || op === '-') && (isTime(other) || isDurationType(other))) ||
      (op === '*' && isDurationType(other));
    if (!ok) return undefined;
    const type = op === '/' || op === '**' || op === '^' ? floatType : op === '%' ? intType : anyType;
    return generic(op, l, r, type, pos);
  }
  return undefined;
}

function temporalType(op: string, lt: Type, rt: Type): Type | undefined {
  if (op === '+') {
    if ((isTime(lt) && isDurationType(rt)) || (isDurationType(lt) && isTime(rt))) return timeType;
    if (isDurationType(lt) && isDurationType(rt)) return durationType;
  }
  if (op === '-') {
    if (isTime(lt) && isTime(rt)) return durationType;
    if (isTime(lt) && isDurationType(rt)) return timeType;
    if (isDurationType(lt) && isDurationType(rt)) return durationType;
  }
  if (op === '*' && ((isDurationType(lt) && isInt(rt)) || (isInt(lt) && isDurationType(rt))))
    return durationType;
  return undefined;
}

function generic(op: string, l: Compiled, r: Compiled, type: Type, pos: number): Compiled {
  const fn = GENERIC[op]!;
  const a = anyEv(l);
  const b = anyEv(r);
  let ev: Evaluator = (f) => fn(a(f), b(f), pos);
  // A statically float result is kept as a plain number (unboxed) like every static float.
  if (isFloat(type) || type.kind === 'int') {
    const boxed = ev;
    ev = (f) => Number(boxed(f));
  }
  return { type, ev };
}
