/**
 * `target:` statics (hub-compat §1.4): CrowdSec sets the field by reflection, walking the dotted
 * path (leading `evt.` stripped) through struct fields by Go name; on reaching a map it sets
 * `map[next segment]` and stops; otherwise the last field must be a string. We resolve the path
 * once at load against the Event's static type, and build a setter that walks the live objects.
 */
import { EventType } from '../event/index.ts';
import type { Type } from '../expr/types.ts';

/** Sets the value at the resolved path; returns false when it could not (nil pointer on the way). */
export type TargetSetter = (evt: object, value: string) => boolean;

/** A resolved target, or why it can never be set (CrowdSec logs that at each event and goes on). */
export type ResolvedTarget =
  | { readonly ok: true; readonly set: TargetSetter }
  | { readonly ok: false; readonly reason: string };

/** Resolves `target` (e.g. `evt.StrTime`, `Meta.source_ip`, `evt.Overflow.Alert.Source.Value`). */
export function resolveTarget(target: string): ResolvedTarget {
  const path = target.startsWith('evt.') ? target.slice(4) : target;
  const segments = path.split('.');
  const walk: string[] = [];
  let type: Type = EventType;
  for (const seg of segments) {
    if (type.kind === 'map') {
      const valueKind = type.value.kind;
      if (valueKind !== 'string' && valueKind !== 'any')
        return { ok: false, reason: `'${target}': cannot store a string in a map of ${valueKind}` };
      return { ok: true, set: mapSetter(walk, seg) };
    }
    if (type.kind !== 'struct')
      return { ok: false, reason: `'${target}': unexpected ${type.kind} at '${seg}'` };
    if (!Object.hasOwn(type.fields, seg)) return { ok: false, reason: `'${target}': no field '${seg}'` };
    type = type.fields[seg] as Type;
    walk.push(seg);
  }
  if (type.kind === 'map') {
    // The path ends on the map itself: Go reaches no map step, and a map is not a string.
    return { ok: false, reason: `'${target}': expected a string field, found a map` };
  }
  if (type.kind !== 'string')
    return { ok: false, reason: `'${target}': expected a string field, found ${type.kind}` };
  const last = walk.pop() as string;
  return { ok: true, set: fieldSetter(walk, last) };
}

function follow(evt: object, walk: readonly string[]): Record<string, unknown> | null {
  let cur: unknown = evt;
  for (const f of walk) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string, unknown>)[f];
  }
  return cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>) : null;
}

function mapSetter(walk: readonly string[], key: string): TargetSetter {
  return (evt, value) => {
    const map = follow(evt, walk);
    if (map === null) return false;
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
    return true;
  };
}

function fieldSetter(walk: readonly string[], field: string): TargetSetter {
  if (walk.length === 0) {
    return (evt, value) => {
      (evt as Record<string, unknown>)[field] = value;
      return true;
    };
  }
  return (evt, value) => {
    const obj = follow(evt, walk);
    if (obj === null) return false;
    obj[field] = value;
    return true;
  };
}
