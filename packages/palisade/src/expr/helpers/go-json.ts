/**
 * Go `encoding/json.Marshal` of expression values (for `ToJsonString`): map keys sorted, HTML
 * characters escaped (`<` ⇒ `\u003c`), float64 in Go's format (`1e+21`, `1e-7`, integral floats
 * without a fraction), time.Time as RFC 3339 with nanoseconds, time.Duration as nanoseconds.
 */
import { Float64 } from '../values/float.ts';
import { compareGoStrings } from '../values/format.ts';
import { formatFloat } from '../values/format-float.ts';

/** Thrown for values Go cannot encode (NaN, ±Inf, functions). */
export class JsonMarshalError extends Error {}

function goJsonFloat(x: number): string {
  if (!Number.isFinite(x)) throw new JsonMarshalError(`json: unsupported value: ${formatFloat(x, 'g', -1)}`);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go trims the exponent to its shortest form: e-07 ⇒ e-7.
    return formatFloat(x, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return formatFloat(x, 'f', -1);
}

/** Go JSON string encoding with HTML escaping. */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s.toWellFormed()) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
    }
    if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** `json.Marshal(v)` as a string; throws JsonMarshalError for unsupported values. */
export function goJsonMarshal(v: unknown, depth = 0): string {
  if (depth > 1000) throw new JsonMarshalError('json: nesting too deep');
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isInteger(v) ? String(v) : goJsonFloat(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return goJsonString(v);
    case 'object':
      break;
    default:
      throw new JsonMarshalError(`json: unsupported type: ${typeof v}`);
  }
  if (v instanceof Float64) return goJsonFloat(v.value);
  if (Array.isArray(v)) return `[${v.map((e) => goJsonMarshal(e, depth + 1)).join(',')}]`;
  const o = v as Record<string, unknown> & { String?: unknown; Format?: unknown; ns?: unknown };
  if (typeof o.Format === 'function' && typeof o.String === 'function') {
    return goJsonString((o.Format as (l: string) => string)('2006-01-02T15:04:05.999999999Z07:00'));
  }
  if (typeof o.String === 'function' && (typeof o.ns === 'number' || typeof o.ns === 'bigint'))
    return String(o.ns);
  const proto = Object.getPrototypeOf(v);
  const keys = Object.keys(o).filter((k) => typeof o[k] !== 'function');
  if (proto === Object.prototype || proto === null) keys.sort(compareGoStrings);
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonMarshal(o[k], depth + 1)}`).join(',')}}`;
}
