import type { ArrayNode, MapNode } from '../ast/nodes.ts';
import type { Frame } from '../runtime/frame.ts';
import { anyType, arrayOf, mapOf, type Type } from '../types.ts';
import { formatValue } from '../values/format.ts';
import { type Compiled, constant, type Scope } from './scope.ts';
import { anyEv } from './type-utils.ts';

/**
 * Array literal: `[]T` when every element has the same kind, else `[]any` (elements converted to
 * `any` representation). An array of constants is built once at load time, frozen, and shared by
 * every evaluation (the language never mutates arrays; builtins that reorder return copies).
 */
export function compileArray(node: ArrayNode, scope: Scope): Compiled {
  const items = node.nodes.map((n) => scope.compile(n));
  const same = items.length > 0 && items.every((c) => c.type.kind === items[0]!.type.kind);
  const type: Type = same ? arrayOf(items[0]!.type) : arrayOf(anyType);
  const evs = same ? items.map((c) => c.ev) : items.map(anyEv);
  if (items.every((c) => c.constant)) {
    const frame = undefined as unknown as Frame;
    return constant(type, Object.freeze(evs.map((ev) => ev(frame))));
  }
  const n = evs.length;
  return {
    type,
    ev: (f) => {
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = evs[i]!(f);
      return out;
    },
  };
}

/** Sets a map entry as an own property, even for the key `__proto__`. */
export function setEntry(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** Map literal `{k: v}`: a `map[string]any`; keys are strings (identifier, string or number keys). */
export function compileMap(node: MapNode, scope: Scope): Compiled {
  const pairs = node.pairs.map((p) => ({ key: scope.compile(p.key), value: scope.compile(p.value) }));
  const keys = pairs.map((p) => p.key.ev);
  const values = pairs.map((p) => anyEv(p.value));
  const n = pairs.length;
  const keyText = (k: unknown): string => (typeof k === 'string' ? k : formatValue(k));
  return {
    type: mapOf(anyType),
    ev: (f) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) setEntry(out, keyText(keys[i]!(f)), values[i]!(f));
      return out;
    },
  };
}
