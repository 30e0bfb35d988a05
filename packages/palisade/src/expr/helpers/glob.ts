/**
 * CrowdSec's `Match(pattern, name)` glob: `*` matches any byte sequence, `?` one byte, anything
 * else itself, over the whole string. CrowdSec implements it recursively (exponential on patterns
 * like `*a*a*a*b`); this is the equivalent single-backtrack-point scan, O(len(pattern)·len(name)).
 * It keeps one quirk of the original: once the name is exhausted, only an empty rest of the
 * pattern or exactly one `*` matches (`Match("a**", "a")` is false).
 */
export function globMatch(pattern: string, name: string): boolean {
  const p = Buffer.from(pattern, 'utf8');
  const n = Buffer.from(name, 'utf8');
  if (p.length === 0) return n.length === 0;
  const STAR = 0x2a;
  const QMARK = 0x3f;
  let pi = 0;
  let ni = 0;
  let starP = -1;
  let starN = 0;
  for (;;) {
    if (ni === n.length) {
      const rest = p.length - pi;
      if (rest === 0 || (rest === 1 && p[pi] === STAR)) return true;
    } else if (pi < p.length && p[pi] === STAR) {
      starP = pi;
      starN = ni;
      pi++;
      continue;
    } else if (pi < p.length && (p[pi] === QMARK || p[pi] === n[ni])) {
      pi++;
      ni++;
      continue;
    }
    // Mismatch: let the last star absorb one more byte.
    if (starP < 0 || starN >= n.length) return false;
    starN++;
    pi = starP + 1;
    ni = starN;
  }
}
