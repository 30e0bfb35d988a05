/**
 * Go strings are UTF-8 byte sequences; JS strings are UTF-16. `len`, indexes and slices count bytes
 * like Go. ASCII strings (the common case) take a fast path without encoding.
 */

const ASCII = /^[\x00-\x7f]*$/;

/** True when every character is ASCII (bytes = UTF-16 units). */
export function isAscii(s: string): boolean {
  return ASCII.test(s);
}

/** Length in UTF-8 bytes. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The UTF-8 byte at `index` (already normalised to 0 ≤ index < byteLength). */
export function byteAt(s: string, index: number): number {
  if (index < s.length && isAscii(s)) return s.charCodeAt(index);
  return Buffer.from(s, 'utf8')[index]!;
}

/**
 * `s[from:to]` in bytes, with bounds already clamped. A cut inside a multi-byte sequence yields
 * U+FFFD for the partial sequence (Go would keep the raw bytes, which a JS string cannot hold).
 */
export function sliceBytes(s: string, from: number, to: number): string {
  if (isAscii(s)) return s.slice(from, to);
  return Buffer.from(s, 'utf8').subarray(from, to).toString('utf8');
}

/** Go's `strings.Compare` order (by UTF-8 bytes = by code point): negative, zero or positive. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // UTF-16 units order code points wrongly only when a surrogate (≥ U+10000) meets U+E000..U+FFFF.
      if (x >= 0xd800 && y >= 0xd800) return fixup(x) - fixup(y);
      return x - y;
    }
  }
  return a.length - b.length;
}

function fixup(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;
}
