import { compileRe2 } from '../../regex/index.ts';
import type { BinaryNode } from '../ast/nodes.ts';
import { equal } from '../runtime/equal.ts';
import { inValue } from '../runtime/fetch.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { cachedRegex } from '../runtime/regex-cache.ts';
import { Fault } from '../source/error.ts';
import { boolType, type StructType } from '../types.ts';
import { goTypeName } from '../values/format.ts';
import type { Compiled, Scope } from './scope.ts';
import { anyEv, assignable, comparable, isAny, isNil, isString, isStruct, nameOf } from './type-utils.ts';

/**
 * `in`: array membership (by `==`), map key presence, struct field existence, nil ⇒ false. A
 * constant array of strings compiles to a `Set` lookup. Returns undefined on a type mismatch.
 */
export function compileIn(node: BinaryNode, l: Compiled, r: Compiled, scope: Scope): Compiled | undefined {
  const lt = l.type;
  const rt = r.type;
  const a = l.ev;
  const b = r.ev;
  const pos = node.pos;
  if (rt.kind === 'array') {
    // A mixed literal (`[401, "401"]`) is `[]any`, so only same-kind literals can mismatch.
    if (!comparable(lt, rt.elem)) {
      return scope.fail(`cannot use ${nameOf(lt)} as type ${nameOf(rt.elem)} in array`, pos);
    }
    const values = r.constant?.value as unknown[] | undefined;
    if (values?.every((v) => typeof v === 'string') && (isString(lt) || isAny(lt))) {
      const set = new Set(values as string[]);
      return { type: boolType, ev: (f) => set.has(a(f) as string) };
    }
    const x = anyEv(l);
    return {
      type: boolType,
      ev: (f) => {
        const needle = x(f);
        const haystack = b(f) as unknown[] | null;
        if (haystack == null) return false;
        for (let i = 0; i < haystack.length; i++) if (equal(needle, haystack[i])) return true;
        return false;
      },
    };
  }
  if (rt.kind === 'map') {
    if (!isAny(lt) && !assignable(lt, rt.key)) return undefined;
    return {
      type: boolType,
      ev: (f) => {
        const key = a(f);
        const map = b(f) as Record<string, unknown> | null;
        return map != null && typeof key === 'string' && Object.hasOwn(map, key);
      },
    };
  }
  if (isStruct(rt)) {
    if (!isString(lt) && !isAny(lt)) return undefined;
    const fields = (rt as StructType).fields;
    return {
      type: boolType,
      ev: (f) => {
        const key = a(f);
        return b(f) != null && typeof key === 'string' && Object.hasOwn(fields, key);
      },
    };
  }
  if (isAny(rt) || isNil(rt)) {
    const x = anyEv(l);
    return { type: boolType, ev: (f) => inValue(x(f), b(f), pos) };
  }
  return undefined;
}

type StringTest = (s: string, t: string) => boolean;

const STRING_TESTS: Record<string, StringTest> = {
  contains: (s, t) => s.includes(t),
  startsWith: (s, t) => s.startsWith(t),
  endsWith: (s, t) => s.endsWith(t),
};

/** `contains`, `startsWith`, `endsWith`: strings only (dynamic operands are checked at run time). */
export function compileStringTest(node: BinaryNode, l: Compiled, r: Compiled): Compiled | undefined {
  if (!bothStringish(l, r)) return undefined;
  const test = STRING_TESTS[node.operator]!;
  const a = l.ev;
  const b = r.ev;
  if (isString(l.type) && isString(r.type)) {
    if (r.constant) {
      const t = r.constant.value as string;
      if (node.operator === 'contains') return { type: boolType, ev: (f) => (a(f) as string).includes(t) };
      if (node.operator === 'startsWith')
        return { type: boolType, ev: (f) => (a(f) as string).startsWith(t) };
      return { type: boolType, ev: (f) => (a(f) as string).endsWith(t) };
    }
    return { type: boolType, ev: (f) => test(a(f) as string, b(f) as string) };
  }
  const op = node.operator;
  const pos = node.pos;
  return {
    type: boolType,
    ev: (f) => {
      const s = a(f);
      const t = b(f);
      if (typeof s !== 'string' || typeof t !== 'string') throw mismatch(op, s, t, pos);
      return test(s, t);
    },
  };
}

/**
 * `matches`: Go RE2 search (unanchored). A constant pattern is translated and compiled once at load
 * time (an invalid pattern is a load-time error); a computed pattern goes through a bounded cache.
 */
export function compileMatches(
  node: BinaryNode,
  l: Compiled,
  r: Compiled,
  scope: Scope,
): Compiled | undefined {
  if (!bothStringish(l, r)) return undefined;
  const a = l.ev;
  const op = node.operator;
  const pos = node.pos;
  let ev: Evaluator;
  let re: RegExp | undefined;
  if (r.constant && typeof r.constant.value === 'string') {
    try {
      re = compileRe2(r.constant.value);
    } catch (e) {
      // A pattern computed by a folded helper call (`Upper('(?i)x')`) is, as in expr-lang, only
      // compiled when evaluated: its error is a run-time one.
      if (node.right.kind !== 'CallNode') return scope.fail((e as Error).message, node.right.pos);
    }
  }
  if (re !== undefined) {
    const pattern = re;
    ev = isString(l.type)
      ? (f) => pattern.test(a(f) as string)
      : (f) => {
          const s = a(f);
          if (typeof s !== 'string') throw mismatch(op, s, r.constant!.value, pos);
          return pattern.test(s);
        };
  } else {
    const b = r.ev;
    ev = (f) => {
      const s = a(f);
      const p = b(f);
      if (typeof s !== 'string' || typeof p !== 'string') throw mismatch(op, s, p, pos);
      let re: RegExp;
      try {
        re = cachedRegex(p);
      } catch (e) {
        throw new Fault((e as Error).message, pos, { cause: e });
      }
      return re.test(s);
    };
  }
  return { type: boolType, ev };
}

function bothStringish(l: Compiled, r: Compiled): boolean {
  return (isString(l.type) || isAny(l.type)) && (isString(r.type) || isAny(r.type));
}

function mismatch(op: string, a: unknown, b: unknown, pos: number): Fault {
  return new Fault(`invalid operation: ${op} (mismatched types ${goTypeName(a)} and ${goTypeName(b)})`, pos);
}
