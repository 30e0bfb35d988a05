import type { BinaryNode } from '../ast/nodes.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { Fault } from '../source/error.ts';
import { anyType, arrayOf, boolType, intType, type Type } from '../types.ts';
import { compileArithmetic } from './binary-arithmetic.ts';
import { compileEquality, compileOrdering } from './binary-compare.ts';
import { compileIn, compileMatches, compileStringTest } from './binary-membership.ts';
import { foldIfConstant } from './fold.ts';
import type { Compiled, Scope } from './scope.ts';
import { anyEv, isAny, isBool, isInt, isNil, nameOf, sameType } from './type-utils.ts';
import { expectBool } from './unary.ts';

/** Longest range `a..b` builds (a guard against unbounded memory from run-time bounds). */
const MAX_RANGE = 10_000_000;

/**
 * Binary operators: checks the operand types (an incompatible pair of known types is a load-time
 * error, `invalid operation: OP (mismatched types L and R)`) and compiles the operation, folding
 * it when both operands are constants.
 */
export function compileBinary(node: BinaryNode, scope: Scope): Compiled {
  const op = node.operator;
  if (op === 'and' || op === '&&' || op === 'or' || op === '||') return compileLogical(node, scope);
  const l = scope.compile(node.left);
  const r = scope.compile(node.right);
  let result: Compiled | undefined;
  switch (op) {
    case '==':
    case '!=':
      result = compileEquality(node, l, r);
      break;
    case '<':
    case '>':
    case '<=':
    case '>=':
      result = compileOrdering(node, l, r);
      break;
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '**':
    case '^':
      result = compileArithmetic(node, l, r, scope);
      break;
    case 'in':
      result = compileIn(node, l, r, scope);
      break;
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      result = compileStringTest(node, l, r);
      break;
    case 'matches':
      result = compileMatches(node, l, r, scope);
      break;
    case '..':
      result = compileRange(node, l, r);
      break;
    case '??':
      result = compileCoalesce(l, r);
      break;
  }
  if (result === undefined) {
    return scope.fail(
      `invalid operation: ${op} (mismatched types ${nameOf(l.type)} and ${nameOf(r.type)})`,
      node.pos,
    );
  }
  return op === '??' ? result : foldIfConstant(result, [l, r]);
}

/** `and`/`&&`, `or`/`||`: short-circuit; operands must be bool (dynamic ones checked at run time). */
function compileLogical(node: BinaryNode, scope: Scope): Compiled {
  const l = scope.compile(node.left);
  const r = scope.compile(node.right);
  const op = node.operator;
  const okLeft = isBool(l.type) || isAny(l.type);
  const okRight = isBool(r.type) || isAny(r.type);
  if (!okLeft || !okRight) {
    return scope.fail(
      `invalid operation: ${op} (mismatched types ${nameOf(l.type)} and ${nameOf(r.type)})`,
      node.pos,
    );
  }
  const pos = node.pos;
  const a: Evaluator = isBool(l.type) ? l.ev : (f) => expectBool(l.ev(f), op, pos);
  const b: Evaluator = isBool(r.type) ? r.ev : (f) => expectBool(r.ev(f), op, pos);
  const ev: Evaluator =
    op === 'and' || op === '&&'
      ? (f) => a(f) === true && b(f) === true
      : (f) => a(f) === true || b(f) === true;
  return foldIfConstant({ type: boolType, ev }, [l, r]);
}

/** `a..b`: the ints from a to b inclusive (empty when b < a). */
function compileRange(node: BinaryNode, l: Compiled, r: Compiled): Compiled | undefined {
  const intish = (t: Type) => isInt(t) || isAny(t);
  if (!intish(l.type) || !intish(r.type)) return undefined;
  const a = l.ev;
  const b = r.ev;
  const pos = node.pos;
  return {
    type: arrayOf(intType),
    ev: (f) => {
      const from = a(f);
      const to = b(f);
      if (!Number.isInteger(from) || !Number.isInteger(to)) {
        throw new Fault('invalid operation: .. (operands must be int)', pos);
      }
      const n = (to as number) - (from as number) + 1;
      if (n > MAX_RANGE) throw new Fault(`range too large: ${n} elements`, pos);
      const out: number[] = [];
      for (let i = from as number; i <= (to as number); i++) out.push(i);
      return out;
    },
  };
}

/** `a ?? b`: `b` when `a` is nil. `a`'s own inner accesses are not protected. */
function compileCoalesce(l: Compiled, r: Compiled): Compiled {
  if (isNil(l.type)) return r;
  if (l.constant && l.constant.value != null) return l;
  const same = sameType(l.type, r.type);
  const type: Type = same ? l.type : isNil(r.type) ? l.type : anyType;
  const a = same || isNil(r.type) ? l.ev : anyEv(l);
  const b = same ? r.ev : anyEv(r);
  return {
    type,
    ev: (f) => {
      const v = a(f);
      return v == null ? b(f) : v;
    },
  };
}
