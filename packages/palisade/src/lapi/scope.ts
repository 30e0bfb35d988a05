/**
 * Scope normalisation (spec §0): `ip`→`Ip`, `range`→`Range`, `as`→`AS`, `country`→`Country`,
 * case-insensitively; any other scope (e.g. `username`) is kept as written.
 */

const KNOWN: Readonly<Record<string, string>> = { ip: 'Ip', range: 'Range', as: 'AS', country: 'Country' };

/** The canonical spelling of `scope`. */
export function normaliseScope(scope: string): string {
  const lower = scope.toLowerCase();
  return Object.hasOwn(KNOWN, lower) ? KNOWN[lower]! : scope;
}

/** A comma list of scopes, normalised, empty items dropped. */
export function normaliseScopeList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(normaliseScope);
}
