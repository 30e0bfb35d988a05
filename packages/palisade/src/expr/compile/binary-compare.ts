import type { BinaryNode } from '../ast/nodes.ts';
import { order } from '../runtime/compare.ts';
import { equal } from '../runtime/equal.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { compareStrings } from '../runtime/utf8.ts';
import { boolType } from '../types.ts';
import type { Compiled } from './scope.ts';
import {
  anyEv,
  comparable,
  isAny,
  isBool,
  isDurationType,
  isNil,
  isNumber,
  isString,
  isTime,
} from './type-utils.ts';

/**
 * `==` / `!=`. Same-kind scalars compile to `===` (strings, bools, static numbers, which are never
 * boxed); `nil` compiles to a nil test; everything else uses the generic deep equality. Returns
 * undefined when the types can never be compared (a load-time error).
 */
export function compileEquality(node: BinaryNode, l: Compiled, r: Compiled): Compiled | undefined {
  if (!comparable(l.type, r.type)) return undefined;
  const negated = node.operator === '!=';
  const lt = l.type;
  const rt = r.type;
  let ev: Evaluator;
  if ((isString(lt) && isString(rt)) || (isBool(lt) && isBool(rt)) || (isNumber(lt) && isNumber(rt))) {
    const a = l.ev;
    const b = r.ev;
    ev = negated ? (f) => a(f) !== b(f) : (f) => a(f) === b(f);
  } else if (isNil(lt) || isNil(rt)) {
    const side = isNil(lt) ? r.ev : l.ev;
    ev = negated ? (f) => side(f) != null : (f) => side(f) == null;
  } else if (r.constant && typeof r.constant.value === 'string' && isAny(lt)) {
    // Hub idiom: `evt.Unmarshaled.x == "literal"`; a string equals only an identical string.
    const a = l.ev;
    const s = r.constant.value;
    ev = negated ? (f) => a(f) !== s : (f) => a(f) === s;
  } else {
    const a = anyEv(l);
    const b = anyEv(r);
    ev = negated ? (f) => !equal(a(f), b(f)) : (f) => equal(a(f), b(f));
  }
  return { type: boolType, ev };
}

/** `< > <= >=` on numbers, strings (UTF-8 byte order), times, durations, or dynamic values. */
export function compileOrdering(node: BinaryNode, l: Compiled, r: Compiled): Compiled | undefined {
  const op = node.operator;
  const lt = l.type;
  const rt = r.type;
  const a = l.ev;
  const b = r.ev;
  if (isNumber(lt) && isNumber(rt)) {
    switch (op) {
      case '<':
        return { type: boolType, ev: (f) => (a(f) as number) < (b(f) as number) };
      case '>':
        return { type: boolType, ev: (f) => (a(f) as number) > (b(f) as number) };
      case '<=':
        return { type: boolType, ev: (f) => (a(f) as number) <= (b(f) as number) };
      default:
        return { type: boolType, ev: (f) => (a(f) as number) >= (b(f) as number) };
    }
  }
  let cmp: (f: Parameters<Evaluator>[0]) => number;
  if (isString(lt) && isString(rt)) {
    cmp = (f) => compareStrings(a(f) as string, b(f) as string);
  } else if (
    isAny(lt) ||
    isAny(rt) ||
    (isTime(lt) && isTime(rt)) ||
    (isDurationType(lt) && isDurationType(rt))
  ) {
    const other = isAny(lt) ? rt : lt;
    if (!(isAny(other) || isNumber(other) || isString(other) || isTime(other) || isDurationType(other))) {
      return undefined;
    }
    const x = anyEv(l);
    const y = anyEv(r);
    const pos = node.pos;
    cmp = (f) => order(x(f), y(f), op, pos);
  } else {
    return undefined;
  }
  switch (op) {
    case '<':
      return { type: boolType, ev: (f) => cmp(f) < 0 };
    case '>':
      return { type: boolType, ev: (f) => cmp(f) > 0 };
    case '<=':
      return { type: boolType, ev: (f) => cmp(f) <= 0 };
    default:
      return { type: boolType, ev: (f) => cmp(f) >= 0 };
  }
}
