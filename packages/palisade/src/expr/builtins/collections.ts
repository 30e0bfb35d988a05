import type { Compiled } from '../compile/scope.ts';
import { nameOf } from '../compile/type-utils.ts';
import { order } from '../runtime/compare.ts';
import { equal, isPlainObject } from '../runtime/equal.ts';
import { fetch } from '../runtime/fetch.ts';
import { isDuration, isTime } from '../runtime/temporal.ts';
import { byteLength } from '../runtime/utf8.ts';
import { Fault } from '../source/error.ts';
import { anyType, arrayOf, intType, mapOf, stringType, type Type } from '../types.ts';
import { Float64 } from '../values/float.ts';
import { formatValue, goTypeName } from '../values/format.ts';
import type { Builtin, BuiltinCall } from './context.ts';
import { eager, returning } from './eager.ts';
import { fromGoJson, toGoJson } from './json.ts';
import { direction } from './predicates.ts';
import { str } from './strings.ts';

/** Builtins on arrays and maps, `len`, `type`, and JSON encoding. */

const len: Builtin = {
  name: 'len',
  compile(call: BuiltinCall): Compiled {
    call.arity(1);
    const arg = call.arg(0);
    const ev = arg.ev;
    const pos = call.pos;
    switch (arg.type.kind) {
      case 'string':
        return { type: intType, ev: (f) => byteLength(ev(f) as string) };
      case 'array':
        return { type: intType, ev: (f) => (ev(f) as unknown[] | null)?.length ?? 0 };
      case 'map':
        return { type: intType, ev: (f) => countKeys(ev(f)) };
      case 'any':
        return { type: intType, ev: (f) => dynamicLen(ev(f), pos) };
      default:
        return call.fail(`invalid argument for len (type ${nameOf(arg.type)})`, call.args[0]!.pos);
    }
  },
};

function countKeys(v: unknown): number {
  return v == null ? 0 : Object.keys(v).length;
}

function dynamicLen(v: unknown, pos: number): number {
  if (typeof v === 'string') return byteLength(v);
  if (Array.isArray(v)) return v.length;
  if (isPlainObject(v)) return countKeys(v);
  throw new Fault(`invalid argument for len (type ${goTypeName(v)})`, pos);
}

/** expr-lang's `type()` names. */
function typeOf(v: unknown): string {
  if (v == null) return 'nil';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
  }
  if (v instanceof Float64) return 'float';
  if (Array.isArray(v)) return 'array';
  if (isTime(v)) return 'time.Time';
  if (isDuration(v)) return 'time.Duration';
  if (isPlainObject(v)) return 'map';
  return 'struct';
}

function arrayArg(a: unknown[], name: string, pos: number, what = name): unknown[] {
  const v = a[0];
  if (Array.isArray(v)) return v;
  if (v == null) return [];
  throw new Fault(`cannot ${what} ${goTypeName(v)}`, pos);
}

function mapArg(a: unknown[], what: string, pos: number): Record<string, unknown> {
  const v = a[0];
  if (isPlainObject(v)) return v;
  if (v == null) return {};
  throw new Fault(`${what} ${goTypeName(v)}`, pos);
}

function expectArray(call: BuiltinCall, args: readonly Compiled[], i: number, message: string): Type {
  const t = args[i]!.type;
  if (t.kind === 'array' || t.kind === 'any') return t;
  return call.fail(`${message} ${nameOf(t)}`, call.args[i]!.pos);
}

function expectMap(call: BuiltinCall, args: readonly Compiled[], message: string): Type {
  const t = args[0]!.type;
  if (t.kind === 'map' || t.kind === 'any') return t;
  return call.fail(`${message} ${nameOf(t)}`, call.args[0]!.pos);
}

function elemOf(t: Type): Type {
  return t.kind === 'array' ? t.elem : anyType;
}

function flattenDeep(v: unknown[], out: unknown[]): unknown[] {
  for (const e of v) {
    if (Array.isArray(e)) flattenDeep(e, out);
    else out.push(e);
  }
  return out;
}

export const COLLECTION_BUILTINS: readonly Builtin[] = [
  len,
  eager(
    'type',
    1,
    1,
    () => stringType,
    (a) => typeOf(a[0]),
  ),
  eager(
    'first',
    1,
    1,
    (args, call) => elemOf(expectArray(call, args, 0, 'cannot get first element from')),
    (a) => (Array.isArray(a[0]) && a[0].length > 0 ? a[0][0] : null),
  ),
  eager(
    'last',
    1,
    1,
    (args, call) => elemOf(expectArray(call, args, 0, 'cannot get last element from')),
    (a) => (Array.isArray(a[0]) && a[0].length > 0 ? a[0][a[0].length - 1] : null),
  ),
  eager(
    'get',
    2,
    2,
    (args) => {
      const t = args[0]!.type;
      return t.kind === 'array' ? t.elem : t.kind === 'map' ? t.value : anyType;
    },
    (a, pos) => {
      try {
        return fetch(a[0], a[1], pos);
      } catch {
        return null;
      }
    },
  ),
  eager(
    'take',
    2,
    2,
    (args, call) => {
      const t = expectArray(call, args, 0, 'cannot take from');
      const n = args[1]!.type;
      if (n.kind !== 'int' && n.kind !== 'any')
        call.fail(`cannot take ${nameOf(n)} elements`, call.args[1]!.pos);
      return t;
    },
    (a, pos) => {
      const list = arrayArg(a, 'take', pos, 'take from');
      const n = a[1];
      if (typeof n !== 'number' || !Number.isInteger(n))
        throw new Fault(`cannot take ${goTypeName(n)} elements`, pos);
      return list.slice(0, Math.max(0, n));
    },
  ),
  eager(
    'keys',
    1,
    1,
    (args, call) => returning(arrayOf(anyType), expectMap(call, args, 'cannot get keys from')),
    (a, pos) => Object.keys(mapArg(a, 'cannot get keys from', pos)),
  ),
  eager(
    'values',
    1,
    1,
    (args, call) => {
      const t = expectMap(call, args, 'cannot get values from');
      return arrayOf(t.kind === 'map' ? t.value : anyType);
    },
    (a, pos) => Object.values(mapArg(a, 'cannot get values from', pos)),
  ),
  eager(
    'toPairs',
    1,
    1,
    (args, call) => returning(arrayOf(arrayOf(anyType)), expectMap(call, args, 'cannot transform to pairs')),
    (a, pos) => Object.entries(mapArg(a, 'cannot transform to pairs', pos)),
  ),
  eager(
    'fromPairs',
    1,
    1,
    (args, call) => returning(mapOf(anyType), expectArray(call, args, 0, 'cannot transform from pairs')),
    (a, pos) => {
      const out: Record<string, unknown> = {};
      for (const pair of arrayArg(a, 'fromPairs', pos, 'transform from pairs')) {
        if (!Array.isArray(pair)) throw new Fault(`invalid pair ${formatValue(pair)}`, pos);
        if (pair.length !== 2) throw new Fault(`invalid pair length ${formatValue(pair)}`, pos);
        const key = typeof pair[0] === 'string' ? pair[0] : formatValue(pair[0]);
        Object.defineProperty(out, key, {
          value: pair[1],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    },
  ),
  eager(
    'reverse',
    1,
    1,
    (args, call) => expectArray(call, args, 0, 'cannot reverse'),
    (a, pos) => [...arrayArg(a, 'reverse', pos)].reverse(),
  ),
  eager(
    'uniq',
    1,
    1,
    (args, call) => expectArray(call, args, 0, 'cannot uniq'),
    (a, pos) => {
      const out: unknown[] = [];
      for (const v of arrayArg(a, 'uniq', pos)) if (!out.some((o) => equal(o, v))) out.push(v);
      return out;
    },
  ),
  eager(
    'concat',
    1,
    Number.POSITIVE_INFINITY,
    (args, call) => {
      for (let i = 0; i < args.length; i++) expectArray(call, args, i, 'cannot concat');
      const first = args[0]!.type;
      return args.every(
        (c) => c.type.kind === 'array' && first.kind === 'array' && c.type.elem.kind === first.elem.kind,
      )
        ? first
        : arrayOf(anyType);
    },
    (a, pos) => {
      const out: unknown[] = [];
      for (const v of a) {
        if (!Array.isArray(v)) throw new Fault(`cannot concat ${goTypeName(v)}`, pos);
        for (const e of v) out.push(e);
      }
      return out;
    },
  ),
  eager(
    'flatten',
    1,
    1,
    (args, call) => returning(arrayOf(anyType), expectArray(call, args, 0, 'cannot flatten')),
    (a, pos) => flattenDeep(arrayArg(a, 'flatten', pos), []),
  ),
  {
    name: 'sort',
    compile(call: BuiltinCall): Compiled {
      call.arity(1, 2);
      const list = call.arg(0);
      expectArray(call, [list], 0, 'cannot sort');
      const dir = direction(call, 1);
      const items = call.arrayEv(list);
      const pos = call.pos;
      return {
        type: list.type,
        ev: (f) => {
          const sign = dir(f) === 'desc' ? -1 : 1;
          return [...items(f)].sort((x, y) => sign * order(x, y, '<', pos));
        },
      };
    },
  },
  eager(
    'toJSON',
    1,
    1,
    () => stringType,
    (a) => toGoJson(a[0]),
  ),
  eager(
    'fromJSON',
    1,
    1,
    (args, call) => {
      const t = args[0]!.type;
      if (t.kind !== 'string' && t.kind !== 'any')
        call.fail(`invalid argument for fromJSON (type ${nameOf(t)})`);
      return anyType;
    },
    (a, pos) => fromGoJson(str(a, 0, 'fromJSON', pos)),
  ),
];
