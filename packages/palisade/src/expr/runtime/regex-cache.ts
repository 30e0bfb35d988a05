import { compileRe2 } from '../../regex/index.ts';

/**
 * Patterns computed at run time (`x matches Upper(y)`) are compiled on first use and kept in a small
 * cache, so that a pattern repeated across events is not recompiled. The cache is bounded: when
 * full, the oldest entry is dropped (attacker-chosen patterns cannot grow memory).
 */
const MAX_ENTRIES = 256;
const cache = new Map<string, RegExp | Error>();

/** The compiled RE2 pattern; throws the translation error (also cached) for an invalid pattern. */
export function cachedRegex(pattern: string): RegExp {
  let entry = cache.get(pattern);
  if (entry === undefined) {
    try {
      entry = compileRe2(pattern);
    } catch (e) {
      entry = e instanceof Error ? e : new Error(String(e));
    }
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(pattern, entry);
  }
  if (entry instanceof Error) throw entry;
  return entry;
}
