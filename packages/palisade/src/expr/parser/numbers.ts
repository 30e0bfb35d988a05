/**
 * Parses a number literal as expr-lang does: `_` separators are dropped; `0x`, `0o`, `0b` prefixes;
 * a `.` or an exponent makes a float; anything else is a decimal int (a leading 0 is NOT octal).
 * Returns the error message for an invalid literal.
 */
export function parseNumber(text: string): { value: number; float: boolean } | string {
  const digits = text.replaceAll('_', '');
  const lower = digits.toLowerCase();
  if (lower.startsWith('0x')) return integer(digits.slice(2), 16, 'hex', /^[0-9a-f]+$/i);
  if (lower.startsWith('0b')) return integer(digits.slice(2), 2, 'binary', /^[01]+$/);
  if (lower.startsWith('0o')) return integer(digits.slice(2), 8, 'octal', /^[0-7]+$/);
  if (/[.e]/.test(lower)) {
    if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower))
      return `invalid float literal: ${JSON.stringify(text)}`;
    return { value: Number(digits), float: true };
  }
  return integer(digits, 10, 'integer', /^\d+$/);
}

function integer(
  digits: string,
  radix: number,
  what: string,
  valid: RegExp,
): { value: number; float: boolean } | string {
  if (!valid.test(digits)) return `invalid ${what} literal: ${JSON.stringify(digits)}`;
  const value = Number.parseInt(digits, radix);
  if (value > Number.MAX_SAFE_INTEGER * 1024) return `invalid ${what} literal: value out of range`;
  return { value, float: false };
}
