/** Binary operator precedence and associativity (expr-lang v1.17 `parser/operator`). */
export const BINARY: ReadonlyMap<string, { readonly precedence: number; readonly right: boolean }> = new Map([
  ['|', { precedence: 0, right: false }],
  ['or', { precedence: 10, right: false }],
  ['||', { precedence: 10, right: false }],
  ['and', { precedence: 15, right: false }],
  ['&&', { precedence: 15, right: false }],
  ['==', { precedence: 20, right: false }],
  ['!=', { precedence: 20, right: false }],
  ['<', { precedence: 20, right: false }],
  ['>', { precedence: 20, right: false }],
  ['>=', { precedence: 20, right: false }],
  ['<=', { precedence: 20, right: false }],
  ['in', { precedence: 20, right: false }],
  ['matches', { precedence: 20, right: false }],
  ['contains', { precedence: 20, right: false }],
  ['startsWith', { precedence: 20, right: false }],
  ['endsWith', { precedence: 20, right: false }],
  ['..', { precedence: 25, right: false }],
  ['+', { precedence: 30, right: false }],
  ['-', { precedence: 30, right: false }],
  ['*', { precedence: 60, right: false }],
  ['/', { precedence: 60, right: false }],
  ['%', { precedence: 60, right: false }],
  ['**', { precedence: 100, right: true }],
  ['^', { precedence: 100, right: true }],
  ['??', { precedence: 500, right: false }],
]);

/** Unary operators; `not`/`!` bind looser than arithmetic but tighter than comparisons. */
export const UNARY: ReadonlyMap<string, number> = new Map([
  ['not', 50],
  ['!', 50],
  ['-', 90],
  ['+', 90],
]);

/** Operators that `not` can negate (`a not in b` is `not (a in b)`). */
export const NEGATABLE: ReadonlySet<string> = new Set([
  'in',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
]);

/** Comparisons that chain: `a < b < c` is `a < b && b < c`. */
export const CHAINED_COMPARISONS: ReadonlySet<string> = new Set(['<', '>', '<=', '>=']);

/** Argument shapes of the builtins that take a closure. */
export type ArgShape = 'expr' | 'closure' | 'optional-expr' | 'optional-closure';

/** Builtins whose arguments include a predicate (closure), with their argument shapes. */
export const PREDICATE_BUILTINS: ReadonlyMap<string, readonly ArgShape[]> = new Map<
  string,
  readonly ArgShape[]
>([
  ['all', ['expr', 'closure']],
  ['none', ['expr', 'closure']],
  ['any', ['expr', 'closure']],
  ['one', ['expr', 'closure']],
  ['filter', ['expr', 'closure']],
  ['map', ['expr', 'closure']],
  ['find', ['expr', 'closure']],
  ['findIndex', ['expr', 'closure']],
  ['findLast', ['expr', 'closure']],
  ['findLastIndex', ['expr', 'closure']],
  ['groupBy', ['expr', 'closure']],
  ['count', ['expr', 'optional-closure']],
  ['sum', ['expr', 'optional-closure']],
  ['sortBy', ['expr', 'closure', 'optional-expr']],
  ['reduce', ['expr', 'closure', 'optional-expr']],
]);
