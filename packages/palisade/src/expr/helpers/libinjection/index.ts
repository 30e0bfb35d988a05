/**
 * LibInjectionIsSQLI and LibInjectionIsXSS (approximations of libinjection, see sqli.ts/xss.ts).
 */
import type { ExprFunction } from '../../functions.ts';
import { boolType, funcOf, stringType } from '../../types.ts';
import { str } from '../util.ts';
import { isSqli } from './sqli.ts';
import { isXss } from './xss.ts';

export { isSqli, sqliFingerprint } from './sqli.ts';
export { isXss } from './xss.ts';

/** The libinjection helpers. */
export const libinjectionHelpers: readonly ExprFunction[] = Object.freeze([
  {
    name: 'LibInjectionIsSQLI',
    types: [funcOf([stringType], boolType)],
    fn: (s: unknown) => isSqli(str('LibInjectionIsSQLI', s)),
  },
  {
    name: 'LibInjectionIsXSS',
    types: [funcOf([stringType], boolType)],
    fn: (s: unknown) => isXss(str('LibInjectionIsXSS', s)),
  },
]);
