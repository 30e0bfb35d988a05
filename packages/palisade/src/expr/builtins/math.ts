import { nameOf } from '../compile/type-utils.ts';
import { order } from '../runtime/compare.ts';
import { Fault } from '../source/error.ts';
import { anyType, floatType, intType, type Type } from '../types.ts';
import { Float64 } from '../values/float.ts';
import { goTypeName } from '../values/format.ts';
import type { Builtin } from './context.ts';
import { eager, expectKinds, returning } from './eager.ts';
import { int } from './strings.ts';

/** Numeric builtins: abs ceil floor round int float max min mean median and the bit operations. */

function numberOf(v: unknown, name: string, pos: number): number {
  if (typeof v === 'number') return v;
  if (v instanceof Float64) return v.value;
  throw new Fault(`invalid argument for ${name} (type ${goTypeName(v)})`, pos);
}

function rounding(name: string, fn: (x: number) => number): Builtin {
  return eager(
    name,
    1,
    1,
    (args, call) => returning(floatType, expectKinds(call, args, 0, 'int', 'float')),
    (a, pos) => fn(numberOf(a[0], name, pos)),
  );
}

/** Go math.Round: half away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Values of an aggregate's arguments: one array argument, or the arguments themselves. */
function flattenAggregate(a: unknown[], name: string, pos: number): unknown[] {
  const out: unknown[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'number' || v instanceof Float64) out.push(v);
    else throw new Fault(`invalid argument for ${name} (type ${goTypeName(v)})`, pos);
  };
  a.forEach(visit);
  return out;
}

function aggregateType(args: readonly { type: Type }[], call: Parameters<Builtin['compile']>[0]): Type {
  if (args.length === 1) {
    const t = args[0]!.type;
    if (t.kind === 'array') return t.elem.kind === 'int' || t.elem.kind === 'float' ? t.elem : anyType;
    if (t.kind === 'int' || t.kind === 'float' || t.kind === 'any') return t;
    return call.fail(`invalid argument for ${call.name} (type ${nameOf(t)})`, call.args[0]!.pos);
  }
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.type;
    if (!['int', 'float', 'any', 'array'].includes(t.kind)) {
      call.fail(`invalid argument for ${call.name} (type ${nameOf(t)})`, call.args[i]!.pos);
    }
  }
  return args.every((a) => a.type.kind === 'int') ? intType : anyType;
}

function minMax(name: 'min' | 'max'): Builtin {
  return eager(name, 1, Number.POSITIVE_INFINITY, aggregateType, (a, pos) => {
    const values = flattenAggregate(a, name, pos);
    if (values.length === 0) throw new Fault(`not enough arguments to call ${name}`, pos);
    let best = values[0];
    for (const v of values) {
      const c = order(v, best, name, pos);
      if (name === 'max' ? c > 0 : c < 0) best = v;
    }
    return best;
  });
}

function bitFunc(name: string, op: (x: bigint, y: bigint) => bigint, shift: boolean): Builtin {
  return eager(
    name,
    2,
    2,
    (args, call) => {
      expectKinds(call, args, 0, 'int');
      expectKinds(call, args, 1, 'int');
      return intType;
    },
    (a, pos) => {
      const x = int(a, 0, name, pos);
      const y = int(a, 1, name, pos);
      if (shift && y < 0) throw new Fault(`invalid operation: negative shift count ${y} (type int)`, pos);
      return Number(BigInt.asIntN(64, op(BigInt(x), BigInt(shift ? Math.min(y, 64) : y))));
    },
  );
}

export const MATH_BUILTINS: readonly Builtin[] = [
  eager(
    'abs',
    1,
    1,
    (args, call) => returning(args[0]!.type, expectKinds(call, args, 0, 'int', 'float')),
    (a, pos) => {
      const v = a[0];
      if (v instanceof Float64) return new Float64(Math.abs(v.value));
      return Math.abs(numberOf(v, 'abs', pos));
    },
  ),
  rounding('ceil', Math.ceil),
  rounding('floor', Math.floor),
  rounding('round', roundHalfAway),
  eager(
    'int',
    1,
    1,
    (args, call) => returning(intType, expectKinds(call, args, 0, 'int', 'float', 'string')),
    (a, pos) => {
      const v = a[0];
      if (typeof v === 'string') {
        if (!/^[+-]?\d+$/.test(v))
          throw new Fault(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`, pos);
        return Number.parseInt(v, 10);
      }
      return Math.trunc(numberOf(v, 'int', pos));
    },
  ),
  eager(
    'float',
    1,
    1,
    (args, call) => returning(floatType, expectKinds(call, args, 0, 'int', 'float', 'string')),
    (a, pos) => {
      const v = a[0];
      if (typeof v === 'string') {
        const t = v.trim() === v ? v : '';
        const x = /^[+-]?(inf|infinity)$/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
        if (t === '' || (Number.isNaN(x) && !/^[+-]?nan$/i.test(t)) || /^[+-]?0x/i.test(t)) {
          throw new Fault(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`, pos);
        }
        return x;
      }
      return numberOf(v, 'float', pos);
    },
  ),
  minMax('max'),
  minMax('min'),
  eager(
    'mean',
    1,
    Number.POSITIVE_INFINITY,
    (args, call) => returning(floatType, aggregateType(args, call)),
    (a, pos) => {
      const values = flattenAggregate(a, 'mean', pos).map((v) => numberOf(v, 'mean', pos));
      return values.length === 0 ? 0 : values.reduce((s, x) => s + x, 0) / values.length;
    },
  ),
  eager(
    'median',
    1,
    Number.POSITIVE_INFINITY,
    (args, call) => returning(floatType, aggregateType(args, call)),
    (a, pos) => {
      const values = flattenAggregate(a, 'median', pos)
        .map((v) => numberOf(v, 'median', pos))
        .sort((x, y) => x - y);
      const n = values.length;
      if (n === 0) return 0;
      return n % 2 === 1 ? values[(n - 1) / 2]! : (values[n / 2 - 1]! + values[n / 2]!) / 2;
    },
  ),
  bitFunc('bitand', (x, y) => x & y, false),
  bitFunc('bitor', (x, y) => x | y, false),
  bitFunc('bitxor', (x, y) => x ^ y, false),
  bitFunc('bitnand', (x, y) => x & ~y, false),
  bitFunc('bitshl', (x, y) => x << y, true),
  bitFunc('bitshr', (x, y) => x >> y, true),
  bitFunc('bitushr', (x, y) => BigInt.asUintN(64, x) >> y, true),
  eager(
    'bitnot',
    1,
    1,
    (args, call) => returning(intType, expectKinds(call, args, 0, 'int')),
    (a, pos) => Number(BigInt.asIntN(64, ~BigInt(int(a, 0, 'bitnot', pos)))),
  ),
];
