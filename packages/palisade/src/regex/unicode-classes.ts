/**
 * Unicode classes `\pL`, `\p{Greek}`, `\PN`, `\p{^Lu}`: RE2 accepts general categories, scripts
 * and `Any`. They are expanded into explicit code point ranges (computed once per name from the
 * runtime's own Unicode tables) so that the emitted regexp needs no `u` flag.
 */
import { type CodePointRange, CodePointSet, MAX_CODE_POINT } from './charset.ts';

const cache = new Map<string, CodePointSet | null>();

/** Two-letter-or-less names RE2 treats as general categories (everything else is a script). */
const GENERAL_CATEGORY = /^[A-Z][a-z]?$/;

/**
 * The set of code points of the RE2 Unicode class `name` (`L`, `Greek`, `Any`…), or null when
 * RE2 would not know the name.
 */
export function unicodeClass(name: string): CodePointSet | null {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const set = compute(name);
  cache.set(name, set);
  return set;
}

function compute(name: string): CodePointSet | null {
  if (name === 'Any') return new CodePointSet([[0, MAX_CODE_POINT]]);
  if (!/^[A-Za-z_]+$/.test(name)) return null;
  let probe: RegExp;
  try {
    probe = GENERAL_CATEGORY.test(name)
      ? new RegExp(`^\\p{General_Category=${name}}$`, 'u')
      : new RegExp(`^\\p{Script=${name}}$`, 'u');
  } catch {
    return null;
  }
  const ranges: CodePointRange[] = [];
  let start = -1;
  for (let cp = 0; cp <= MAX_CODE_POINT + 1; cp++) {
    const inside = cp <= MAX_CODE_POINT && probe.test(String.fromCodePoint(cp));
    if (inside && start < 0) start = cp;
    else if (!inside && start >= 0) {
      ranges.push([start, cp - 1]);
      start = -1;
    }
  }
  return new CodePointSet(ranges);
}
