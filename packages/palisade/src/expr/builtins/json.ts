import { isPlainObject } from '../runtime/equal.ts';
import { Float64, parseJsonGo } from '../values/float.ts';

/**
 * Go `encoding/json` as the `toJSON` builtin uses it (`MarshalIndent(v, "", "  ")`): map keys
 * sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped, floats in Go's shortest form, nil as `null`.
 */
export function toGoJson(v: unknown, indent = '  ', prefix = ''): string {
  if (v == null) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || v instanceof Float64) return numberText(Number(v));
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = prefix + indent;
    return `[\n${v.map((e) => inner + toGoJson(e, indent, inner)).join(',\n')}\n${prefix}]`;
  }
  if (typeof v === 'object') {
    const json = (v as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function' && !isPlainObject(v)) return toGoJson(json.call(v), indent, prefix);
    const keys = Object.keys(v).filter((k) => typeof (v as Record<string, unknown>)[k] !== 'function');
    if (!isPlainObject(v)) keys.sort();
    else keys.sort(byBytes);
    if (keys.length === 0) return '{}';
    const inner = prefix + indent;
    const rows = keys.map(
      (k) => `${inner}${quote(k)}: ${toGoJson((v as Record<string, unknown>)[k], indent, inner)}`,
    );
    return `{\n${rows.join(',\n')}\n${prefix}}`;
  }
  return 'null';
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function numberText(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`json: unsupported value: ${x}`);
  // Go switches to exponent form below 1e-6 and from 1e21, and trims `e-07` to `e-7`: exactly the
  // shortest round-trip form JS prints.
  return String(x);
}

function quote(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `fromJSON`: Go decoding into `any` (numbers are float64, integral ones boxed). */
export function fromGoJson(text: string): unknown {
  try {
    return parseJsonGo(text);
  } catch (e) {
    throw new Error(`invalid JSON: ${(e as Error).message}`);
  }
}
