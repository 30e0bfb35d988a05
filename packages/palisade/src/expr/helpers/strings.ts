/**
 * String helpers: thin wrappers over Go `strings` semantics (go-strings.ts).
 */
import type { ExprFunction } from '../functions.ts';
import { anyType, arrayOf, funcOf, intType, stringType } from '../types.ts';
import { HelperError } from './errors.ts';
import {
  fields,
  genSplit,
  indexAny,
  indexBytes,
  replace,
  toLower,
  toUpper,
  trimCutset,
  trimSpace,
} from './go-strings.ts';
import { int, str } from './util.ts';

const S = stringType;
const s1 = [funcOf([S], S)];
const s2 = [funcOf([S, S], S)];
const split2 = [funcOf([S, S], arrayOf(S))];
const split3 = [funcOf([S, S, intType], arrayOf(S))];

function strArray(helper: string, v: unknown): string[] {
  if (!Array.isArray(v)) throw new HelperError(helper, 'invalid-argument', 'argument must be a []string');
  return v.map((e) => str(helper, e, 'element'));
}

/**
 * The string helpers (Upper, Lower, Split*, Trim*, Replace*, Index*, Join, Fields, Get, ToString).
 * Those returning a string or a number are `pure` (see ExprFunction.pure).
 */
export const stringHelpers: readonly ExprFunction[] = Object.freeze([
  { name: 'Upper', types: s1, pure: true, fn: (s: unknown) => toUpper(str('Upper', s)) },
  { name: 'Lower', types: s1, pure: true, fn: (s: unknown) => toLower(str('Lower', s)) },
  { name: 'TrimSpace', types: s1, pure: true, fn: (s: unknown) => trimSpace(str('TrimSpace', s)) },
  {
    name: 'TrimPrefix',
    pure: true,
    types: s2,
    fn: (s: unknown, p: unknown) => {
      const a = str('TrimPrefix', s);
      const b = str('TrimPrefix', p);
      return a.startsWith(b) ? a.slice(b.length) : a;
    },
  },
  {
    name: 'TrimSuffix',
    pure: true,
    types: s2,
    fn: (s: unknown, p: unknown) => {
      const a = str('TrimSuffix', s);
      const b = str('TrimSuffix', p);
      return b !== '' && a.endsWith(b) ? a.slice(0, a.length - b.length) : a;
    },
  },
  {
    name: 'Trim',
    pure: true,
    types: s2,
    fn: (s: unknown, c: unknown) => trimCutset(str('Trim', s), str('Trim', c), true, true),
  },
  {
    name: 'TrimLeft',
    pure: true,
    types: s2,
    fn: (s: unknown, c: unknown) => trimCutset(str('TrimLeft', s), str('TrimLeft', c), true, false),
  },
  {
    name: 'TrimRight',
    pure: true,
    types: s2,
    fn: (s: unknown, c: unknown) => trimCutset(str('TrimRight', s), str('TrimRight', c), false, true),
  },
  {
    name: 'Split',
    types: split2,
    fn: (s: unknown, sep: unknown) => genSplit(str('Split', s), str('Split', sep), false, -1),
  },
  {
    name: 'SplitAfter',
    types: split2,
    fn: (s: unknown, sep: unknown) => genSplit(str('SplitAfter', s), str('SplitAfter', sep), true, -1),
  },
  {
    name: 'SplitN',
    types: split3,
    fn: (s: unknown, sep: unknown, n: unknown) =>
      genSplit(str('SplitN', s), str('SplitN', sep), false, int('SplitN', n)),
  },
  {
    name: 'SplitAfterN',
    types: split3,
    fn: (s: unknown, sep: unknown, n: unknown) =>
      genSplit(str('SplitAfterN', s), str('SplitAfterN', sep), true, int('SplitAfterN', n)),
  },
  { name: 'Fields', types: [funcOf([S], arrayOf(S))], fn: (s: unknown) => fields(str('Fields', s)) },
  {
    name: 'Index',
    pure: true,
    types: [funcOf([S, S], intType)],
    fn: (s: unknown, t: unknown) => indexBytes(str('Index', s), str('Index', t)),
  },
  {
    name: 'IndexAny',
    pure: true,
    types: [funcOf([S, S], intType)],
    fn: (s: unknown, t: unknown) => indexAny(str('IndexAny', s), str('IndexAny', t)),
  },
  {
    name: 'Join',
    types: [funcOf([arrayOf(S), S], S)],
    fn: (a: unknown, sep: unknown) => strArray('Join', a).join(str('Join', sep)),
  },
  {
    name: 'Replace',
    pure: true,
    types: [funcOf([S, S, S, intType], S)],
    fn: (s: unknown, o: unknown, n: unknown, k: unknown) =>
      replace(str('Replace', s), str('Replace', o), str('Replace', n), int('Replace', k)),
  },
  {
    name: 'ReplaceAll',
    pure: true,
    types: [funcOf([S, S, S], S)],
    fn: (s: unknown, o: unknown, n: unknown) =>
      replace(str('ReplaceAll', s), str('ReplaceAll', o), str('ReplaceAll', n), -1),
  },
  {
    name: 'Get',
    types: [funcOf([arrayOf(S), intType], S)],
    fn: (a: unknown, i: unknown) => {
      const arr = strArray('Get', a);
      const idx = int('Get', i);
      if (idx >= arr.length) return '';
      // Go indexes the slice directly: a negative index panics.
      if (idx < 0) throw new HelperError('Get', 'index-out-of-range', `index out of range [${idx}]`);
      return arr[idx];
    },
  },
  { name: 'ToString', types: [funcOf([anyType], S)], fn: (v: unknown) => (typeof v === 'string' ? v : '') },
]);
