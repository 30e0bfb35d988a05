/**
 * Go `strconv.ParseFloat` / `ParseInt` syntax (JavaScript's Number() accepts forms Go rejects:
 * empty strings, surrounding spaces, `0x10` without a `p` exponent, …).
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;

/** Result of a Go float parse: the value, and Go's error kind (`syntax` ⇒ value 0, `range` ⇒ ±Inf). */
export interface GoFloat {
  readonly value: number;
  readonly err?: 'syntax' | 'range';
}

/** Go `strconv.ParseFloat(s, 64)`. */
export function parseGoFloat(s: string): GoFloat {
  const sp = SPECIAL.exec(s);
  if (sp) {
    if (sp[2].toLowerCase() === 'nan') return { value: Number.NaN };
    return { value: sp[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY };
  }
  let value: number;
  const hex = HEX.exec(s);
  if (hex) {
    const intPart = hex[2];
    const frac = hex[3] ?? '';
    if (intPart === '' && frac === '') return { value: 0, err: 'syntax' };
    const mant = Number.parseInt(`${intPart}${frac}` || '0', 16);
    value = mant * 2 ** (Number(hex[4]) - 4 * frac.length);
    if (hex[1] === '-') value = -value;
  } else if (DECIMAL.test(s)) value = Number(s);
  else return { value: 0, err: 'syntax' };
  if (!Number.isFinite(value)) return { value, err: 'range' };
  return { value };
}

/** Go `strconv.ParseInt(s, 10, 64)`; undefined on a syntax or range error. */
export function parseGoInt(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const big = BigInt(s);
  if (big > 9223372036854775807n || big < -9223372036854775808n) return undefined;
  return Number(big);
}
