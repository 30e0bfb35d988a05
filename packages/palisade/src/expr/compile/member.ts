import type { ChainNode, MemberNode, SliceNode } from '../ast/nodes.ts';
import { cannotFetch, fetch, normaliseIndex, sliceValue } from '../runtime/fetch.ts';
import { type Evaluator, NEVER, SHORT_CIRCUIT } from '../runtime/frame.ts';
import { byteAt, byteLength } from '../runtime/utf8.ts';
import { type ArrayType, anyType, intType, type Type } from '../types.ts';
import { formatValue } from '../values/format.ts';
import type { Compiled, Scope } from './scope.ts';
import { assignable, isAny, isInt, isString, nameOf, zeroValue } from './type-utils.ts';

/**
 * Guards the base of an access: inside a `?.` chain a short-circuited base passes through, and an
 * optional access (`?.`) on nil short-circuits the chain.
 */
function guard(base: Evaluator, chain: boolean, optional: boolean): Evaluator {
  if (!chain) return base;
  return optional
    ? (f) => {
        const v = base(f);
        return v == null ? SHORT_CIRCUIT : v;
      }
    : base;
}

/**
 * `a.b` / `a[k]`. Struct fields are checked at load time (`type T has no field X`); a missing map key
 * yields the zero value of the element type; arrays and strings take int indexes (negative from the
 * end; a string index yields a UTF-8 byte). Nil is a run-time error. Dynamic bases use `fetch`.
 */
export function compileMember(node: MemberNode, scope: Scope, chain: boolean): Compiled {
  const base = scope.compile(node.node, chain);
  const b = guard(base.ev, chain, node.optional);
  const short: unknown = chain ? SHORT_CIRCUIT : NEVER;
  const pos = node.pos;
  const bt = base.type;
  const property = node.property;
  const constKey = property.kind === 'StringNode' ? property.value : undefined;

  if (bt.kind === 'struct' && constKey !== undefined) {
    if (!Object.hasOwn(bt.fields, constKey)) {
      return scope.fail(`type ${bt.name} has no field ${constKey}`, pos);
    }
    const type = bt.fields[constKey]!;
    const zero = zeroValue(type);
    const root = node.node;
    if (
      !chain &&
      root.kind === 'IdentifierNode' &&
      !scope.locals.has(root.value) &&
      Object.hasOwn(scope.unit.env, root.value) &&
      !(root.value in Object.prototype)
    ) {
      // `evt.Meta`: the variable read and the field access in one step (the hottest access).
      const name = root.value;
      const rootZero = zeroValue(scope.unit.env[name]!);
      return {
        type,
        ev: (f) => {
          let o = f.vars[name] as Record<string, unknown> | null | undefined;
          if (o === undefined) o = rootZero as Record<string, unknown> | null;
          if (o == null) throw cannotFetch(constKey, o, pos);
          const v = o[constKey];
          return v === undefined ? zero : v;
        },
      };
    }
    return {
      type,
      ev: (f) => {
        const o = b(f) as Record<string, unknown> | null | typeof SHORT_CIRCUIT;
        if (o === short) return o;
        if (o == null) throw cannotFetch(constKey, o, pos);
        const v = (o as Record<string, unknown>)[constKey];
        return v === undefined ? zero : v;
      },
    };
  }

  const key = scope.compile(property);
  const k = key.ev;
  const kt = key.type;

  if (bt.kind === 'map') {
    if (!assignable(kt, bt.key)) {
      return scope.fail(`cannot use ${nameOf(kt)} to get an element from ${nameOf(bt)}`, pos);
    }
    const type = bt.value;
    const zero = zeroValue(type);
    if (constKey !== undefined && type.kind === 'string') {
      // Hot path (`evt.Meta.x`): Object.prototype has no string-valued property, so a string
      // result can only be an own entry; anything else is the zero value.
      return {
        type,
        ev: (f) => {
          const o = b(f) as Record<string, unknown> | null;
          if (o === short) return o;
          if (o == null) return '';
          const v = o[constKey];
          return typeof v === 'string' ? v : '';
        },
      };
    }
    if (constKey !== undefined) {
      return {
        type,
        ev: (f) => {
          const o = b(f) as Record<string, unknown> | null;
          if (o === short) return o;
          if (o == null || !Object.hasOwn(o, constKey)) return zero;
          const v = o[constKey];
          return v === undefined ? zero : v;
        },
      };
    }
    // JS objects only have string keys: maps with other key types (groupBy) use the printed key.
    const stringKeys = bt.key.kind === 'string';
    return {
      type,
      ev: (f) => {
        const o = b(f) as Record<string, unknown> | null;
        if (o === short) return o;
        const raw = k(f);
        const name = typeof raw === 'string' || stringKeys ? raw : formatValue(raw);
        if (o == null || typeof name !== 'string' || !Object.hasOwn(o, name)) return zero;
        const v = o[name];
        return v === undefined ? zero : v;
      },
    };
  }

  if (bt.kind === 'array' || isString(bt)) {
    if (!isInt(kt) && !isAny(kt)) {
      return scope.fail(`array elements can only be selected using an integer (got ${nameOf(kt)})`, pos);
    }
    if (isString(bt)) {
      return {
        type: intType,
        ev: (f) => {
          const s = b(f) as string;
          if ((s as unknown) === short) return s;
          return byteAt(s, normaliseIndex(k(f), byteLength(s), pos, s));
        },
      };
    }
    return {
      type: (bt as ArrayType).elem,
      ev: (f) => {
        const a = b(f) as unknown[] | null;
        if (a === short) return a;
        if (a == null) throw cannotFetch(k(f), a, pos);
        return a[normaliseIndex(k(f), a.length, pos, a)];
      },
    };
  }

  if (isAny(bt) || bt.kind === 'nil' || bt.kind === 'struct') {
    return {
      type: anyType,
      ev: (f) => {
        const o = b(f);
        if (o === short) return o;
        return fetch(o, k(f), pos);
      },
    };
  }

  if (constKey !== undefined) return scope.fail(`type ${nameOf(bt)} has no field ${constKey}`, pos);
  return scope.fail(`type ${nameOf(bt)}[${nameOf(kt)}] is undefined`, pos);
}

/** `a[i:j]` on arrays and strings (bytes); bounds are clamped, never an error. */
export function compileSlice(node: SliceNode, scope: Scope, chain: boolean): Compiled {
  const base = scope.compile(node.node, chain);
  const bt = base.type;
  if (!(bt.kind === 'array' || isString(bt) || isAny(bt))) {
    return scope.fail(`cannot slice ${nameOf(bt)}`, node.pos);
  }
  const bounds = [node.from, node.to].map((n) => (n === undefined ? undefined : scope.compile(n)));
  for (const c of bounds) {
    if (c && !isInt(c.type) && !isAny(c.type)) {
      return scope.fail(
        `invalid operation: slice index must be an integer (got ${nameOf(c.type)})`,
        node.pos,
      );
    }
  }
  const b = base.ev;
  const from = bounds[0]?.ev;
  const to = bounds[1]?.ev;
  const pos = node.pos;
  const short: unknown = chain ? SHORT_CIRCUIT : NEVER;
  const type: Type = bt;
  return {
    type,
    ev: (f) => {
      const v = b(f);
      if (v === short) return v;
      return sliceValue(v, from ? from(f) : undefined, to ? to(f) : undefined, pos);
    },
  };
}

/** A `?.` chain: a short-circuited access anywhere inside makes the whole chain nil. */
export function compileChain(node: ChainNode, scope: Scope): Compiled {
  const inner = scope.compile(node.node, true);
  const ev = inner.ev;
  const t = inner.type;
  // A short-circuited chain yields nil, so a scalar result type becomes dynamic.
  const type: Type = ['string', 'int', 'float', 'bool'].includes(t.kind) ? anyType : t;
  return {
    type,
    ev: (f) => {
      const v = ev(f);
      return v === SHORT_CIRCUIT ? null : v;
    },
  };
}
