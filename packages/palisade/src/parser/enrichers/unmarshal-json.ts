/**
 * `UnmarshalJSON` (hub-compat §1.8): the enricher form, distinct from the expression helper of
 * the same name. It ignores its argument and decodes the whole raw line.
 */
import type { Event } from '../../event/index.ts';
import { newMap } from '../../event/index.ts';
import { Float64, parseJsonGo } from '../../expr/values/float.ts';
import type { Enricher } from './types.ts';

/**
 * `UnmarshalJSON(_, evt)`: Go `json.Unmarshal([]byte(evt.Line.Raw), &evt.Unmarshaled)`. A JSON
 * object's top-level keys are merged into `evt.Unmarshaled` (existing keys are overwritten, others
 * kept); numbers become float64 (integral ones boxed as `Float64`); `null` resets the map (Go sets
 * it to nil, read as empty). Invalid JSON or a non-object ⇒ warning, event untouched. Always
 * returns null: nothing goes to `Enriched`.
 */
export function unmarshalJsonEnricher(warn: (msg: string) => void): Enricher {
  return (_value: string, evt: Event) => {
    let decoded: unknown;
    try {
      decoded = parseJsonGo(evt.Line.Raw);
    } catch (err) {
      warn(`UnmarshalJSON: could not parse JSON: ${(err as Error).message}`);
      return null;
    }
    if (decoded === null) {
      evt.Unmarshaled = newMap();
      return null;
    }
    if (typeof decoded !== 'object' || Array.isArray(decoded) || decoded instanceof Float64) {
      const kind = Array.isArray(decoded)
        ? 'array'
        : typeof decoded === 'string'
          ? 'string'
          : typeof decoded === 'boolean'
            ? 'bool'
            : 'number';
      warn(
        `UnmarshalJSON: could not parse JSON: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
      );
      return null;
    }
    const target = evt.Unmarshaled;
    for (const key of Object.keys(decoded)) target[key] = (decoded as Record<string, unknown>)[key];
    return null;
  };
}
