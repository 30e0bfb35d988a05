import type { Compiled } from '../compile/scope.ts';
import { anyEv, isAny, isBool, isFloat, isInt, nameOf } from '../compile/type-utils.ts';
import { order } from '../runtime/compare.ts';
import type { Evaluator, Frame } from '../runtime/frame.ts';
import { Fault } from '../source/error.ts';
import { anyType, arrayOf, boolType, intType, mapOf, type Type } from '../types.ts';
import { floatToAny } from '../values/float.ts';
import { formatValue, goTypeName } from '../values/format.ts';
import { type Builtin, type BuiltinCall, type Closure, num } from './context.ts';
import { FALLBACK, planStringScan } from './string-scan.ts';

/**
 * The builtins that take a closure (expr-lang v1.17): `all none any one filter map find findIndex
 * findLast findLastIndex count sum groupBy sortBy reduce`. Inside the closure `#` is the element,
 * `#index` its index and `#acc` the accumulator of `reduce`.
 */

/** Loop driver: sets the pointer slots and evaluates the closure body for element `i`. */
function step(f: Frame, c: Closure, items: unknown[], i: number): unknown {
  const slots = f.slots;
  slots[c.elemSlot] = items[i];
  slots[c.indexSlot] = i;
  return c.body(f);
}

/** A boolean closure: a known non-bool type is a load-time error, a dynamic one is checked. */
function predicate(call: BuiltinCall, i: number, elem: Type): Closure {
  const c = call.closure(i, elem);
  if (isBool(c.type)) return c;
  if (!isAny(c.type))
    return call.fail(`predicate should return boolean (got ${nameOf(c.type)})`, call.args[i]!.pos);
  const body = c.body;
  const pos = call.args[i]!.pos;
  return {
    ...c,
    body: (f) => {
      const v = body(f);
      if (typeof v !== 'boolean')
        throw new Fault(`predicate should return boolean (got ${goTypeName(v)})`, pos);
      return v;
    },
  };
}

/**
 * A quantifier: `decide` drives the loop (undefined: go on); `fromCount` gives the same verdict
 * from the number of matching elements, `countsAll` telling whether that number must be exact
 * (otherwise 1 stands for "at least one"), for the data-file fast path (string-scan.ts).
 */
function quantifier(
  name: string,
  decide: (count: number, matched: boolean, n: number) => boolean | undefined,
  fromCount: (matched: number, n: number) => boolean,
  countsAll: boolean,
) {
  return {
    name,
    compile(call: BuiltinCall): Compiled {
      call.arity(2);
      const list = call.arg(0);
      const elem = call.elemOf(list);
      const c = predicate(call, 1, elem);
      const items = call.arrayEv(list);
      const loop = (f: Frame, arr: unknown[]): boolean => {
        let count = 0;
        for (let i = 0; i < arr.length; i++) {
          const matched = step(f, c, arr, i) === true;
          if (matched) count++;
          const verdict = decide(count, matched, arr.length);
          if (verdict !== undefined) return verdict;
        }
        return decide(count, false, -1)!;
      };
      const scan = planStringScan(call, c, elem, countsAll);
      if (scan !== undefined) {
        return {
          type: boolType,
          ev: (f) => {
            const arr = items(f);
            const n = scan(f, arr);
            if (n === FALLBACK) return loop(f, arr);
            return fromCount(n, arr.length);
          },
        };
      }
      return { type: boolType, ev: (f) => loop(f, items(f)) };
    },
  };
}

const all = quantifier(
  'all',
  (_c, matched, n) => (n === -1 ? true : matched ? undefined : false),
  (m, n) => m === n,
  true,
);
const none = quantifier(
  'none',
  (_c, matched, n) => (n === -1 ? true : matched ? false : undefined),
  (m) => m === 0,
  false,
);
const anyOf = quantifier(
  'any',
  (_c, matched, n) => (n === -1 ? false : matched ? true : undefined),
  (m) => m > 0,
  false,
);
const one = quantifier(
  'one',
  (count, _m, n) => (n === -1 ? count === 1 : count > 1 ? false : undefined),
  (m) => m === 1,
  true,
);

const filter: Builtin = {
  name: 'filter',
  compile(call) {
    call.arity(2);
    const list = call.arg(0);
    const elem = call.elemOf(list);
    const c = predicate(call, 1, elem);
    const items = call.arrayEv(list);
    return {
      type: arrayOf(elem),
      ev: (f) => {
        const arr = items(f);
        const out: unknown[] = [];
        for (let i = 0; i < arr.length; i++) if (step(f, c, arr, i) === true) out.push(arr[i]);
        return out;
      },
    };
  },
};

const map: Builtin = {
  name: 'map',
  compile(call) {
    call.arity(2);
    const list = call.arg(0);
    const c = call.closure(1, call.elemOf(list));
    const items = call.arrayEv(list);
    return {
      type: arrayOf(c.type),
      ev: (f) => {
        const arr = items(f);
        const out = new Array(arr.length);
        for (let i = 0; i < arr.length; i++) out[i] = step(f, c, arr, i);
        return out;
      },
    };
  },
};

function finder(name: string, fromEnd: boolean, index: boolean): Builtin {
  return {
    name,
    compile(call) {
      call.arity(2);
      const list = call.arg(0);
      const elem = call.elemOf(list);
      const c = predicate(call, 1, elem);
      const items = call.arrayEv(list);
      return {
        type: index ? intType : elem,
        ev: (f) => {
          const arr = items(f);
          if (fromEnd) {
            for (let i = arr.length - 1; i >= 0; i--)
              if (step(f, c, arr, i) === true) return index ? i : arr[i];
          } else {
            for (let i = 0; i < arr.length; i++) if (step(f, c, arr, i) === true) return index ? i : arr[i];
          }
          // expr-lang's compiler pushes nil when nothing matched, for the index variants too.
          return null;
        },
      };
    },
  };
}

const count: Builtin = {
  name: 'count',
  compile(call) {
    call.arity(1, 2);
    const list = call.arg(0);
    const elem = call.elemOf(list);
    const items = call.arrayEv(list);
    if (call.args.length === 1) {
      if (!isBool(elem) && !isAny(elem))
        return call.fail(`predicate should return boolean (got ${nameOf(elem)})`);
      return {
        type: intType,
        ev: (f) => {
          const arr = items(f);
          let n = 0;
          for (let i = 0; i < arr.length; i++) if (arr[i] === true) n++;
          return n;
        },
      };
    }
    const c = predicate(call, 1, elem);
    return {
      type: intType,
      ev: (f) => {
        const arr = items(f);
        let n = 0;
        for (let i = 0; i < arr.length; i++) if (step(f, c, arr, i) === true) n++;
        return n;
      },
    };
  },
};

const sum: Builtin = {
  name: 'sum',
  compile(call) {
    call.arity(1, 2);
    const list = call.arg(0);
    const elem = call.elemOf(list);
    const items = call.arrayEv(list);
    const c = call.args.length === 2 ? call.closure(1, elem) : undefined;
    const valueType = c ? c.type : elem;
    if (!(isInt(valueType) || isFloat(valueType) || isAny(valueType))) {
      return call.fail(`invalid argument for sum (type ${nameOf(valueType)})`);
    }
    const pos = call.pos;
    const anyResult = isAny(valueType);
    const ev: Evaluator = (f) => {
      const arr = items(f);
      let total = 0;
      let float = isFloat(valueType);
      for (let i = 0; i < arr.length; i++) {
        const v = c ? step(f, c, arr, i) : arr[i];
        const x = num(v);
        if (x === undefined) throw new Fault(`invalid argument for sum (type ${goTypeName(v)})`, pos);
        if (anyResult && !(typeof v === 'number' && Number.isInteger(v))) float = true;
        total += x;
      }
      return anyResult && float ? floatToAny(total) : total;
    };
    return { type: anyResult ? anyType : valueType, ev };
  },
};

const groupBy: Builtin = {
  name: 'groupBy',
  compile(call) {
    call.arity(2);
    const list = call.arg(0);
    const elem = call.elemOf(list);
    const c = call.closure(1, elem);
    const items = call.arrayEv(list);
    const key = anyEv({ type: c.type, ev: c.body });
    const keyed: Closure = { ...c, body: key };
    return {
      type: mapOf(arrayOf(elem), anyType),
      ev: (f) => {
        const arr = items(f);
        const out: Record<string, unknown[]> = {};
        for (let i = 0; i < arr.length; i++) {
          const k = step(f, keyed, arr, i);
          const name = typeof k === 'string' ? k : formatValue(k);
          if (Object.hasOwn(out, name)) out[name]!.push(arr[i]);
          else
            Object.defineProperty(out, name, {
              value: [arr[i]],
              enumerable: true,
              writable: true,
              configurable: true,
            });
        }
        return out;
      },
    };
  },
};

/** The sort direction argument: "asc" (default) or "desc". */
export function direction(call: BuiltinCall, i: number): Evaluator {
  if (call.args.length <= i) return () => 'asc';
  const c = call.arg(i);
  if (!(c.type.kind === 'string' || isAny(c.type))) {
    return call.fail(
      `cannot use ${nameOf(c.type)} as argument (type string) to call ${call.name} `,
      call.args[i]!.pos,
    );
  }
  const pos = call.pos;
  const ev = c.ev;
  return (f) => {
    const d = ev(f);
    if (d !== 'asc' && d !== 'desc') throw new Fault(`unknown order ${formatValue(d)}, use asc or desc`, pos);
    return d;
  };
}

const sortBy: Builtin = {
  name: 'sortBy',
  compile(call) {
    call.arity(2, 3);
    const list = call.arg(0);
    const elem = call.elemOf(list);
    const c = call.closure(1, elem);
    const key = anyEv({ type: c.type, ev: c.body });
    const keyed: Closure = { ...c, body: key };
    const dir = direction(call, 2);
    const items = call.arrayEv(list);
    const pos = call.pos;
    return {
      type: arrayOf(elem),
      ev: (f) => {
        const arr = items(f);
        const keys = arr.map((_, i) => step(f, keyed, arr, i));
        const idx = arr.map((_, i) => i);
        const sign = dir(f) === 'desc' ? -1 : 1;
        idx.sort((x, y) => sign * order(keys[x], keys[y], '<', pos));
        return idx.map((i) => arr[i]);
      },
    };
  },
};

const reduce: Builtin = {
  name: 'reduce',
  compile(call) {
    call.arity(2, 3);
    const list = call.arg(0);
    const elem = call.elemOf(list);
    const init = call.args.length === 3 ? call.arg(2) : undefined;
    const accType = init ? init.type : elem;
    const c = call.closure(1, elem, anyType);
    const items = call.arrayEv(list);
    const initEv = init ? anyEv(init) : undefined;
    const body = anyEv({ type: c.type, ev: c.body });
    const pos = call.pos;
    return {
      type:
        c.type.kind === accType.kind && ['int', 'string', 'bool'].includes(c.type.kind) ? c.type : anyType,
      ev: (f) => {
        const arr = items(f);
        let start = 0;
        let acc: unknown;
        if (initEv) acc = initEv(f);
        else {
          if (arr.length === 0) throw new Fault('reduce of empty array with no initial value', pos);
          acc = arr[0];
          start = 1;
        }
        const slots = f.slots;
        for (let i = start; i < arr.length; i++) {
          slots[c.accSlot] = acc;
          slots[c.elemSlot] = arr[i];
          slots[c.indexSlot] = i;
          acc = body(f);
        }
        return acc;
      },
    };
  },
};

/** The closure-taking builtins. */
export const PREDICATE_BUILTIN_TABLE: readonly Builtin[] = [
  all,
  none,
  anyOf,
  one,
  filter,
  map,
  finder('find', false, false),
  finder('findIndex', false, true),
  finder('findLast', true, false),
  finder('findLastIndex', true, true),
  count,
  sum,
  groupBy,
  sortBy,
  reduce,
];
