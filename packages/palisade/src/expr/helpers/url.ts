/**
 * URL helpers: QueryUnescape, PathUnescape, QueryEscape, PathEscape, ParseUri, ParseQuery,
 * ExtractQueryParam.
 */
import type { ExprFunction } from '../functions.ts';
import { arrayOf, funcOf, mapOf, stringType } from '../types.ts';
import type { HelperDeps } from './deps.ts';
import { silentLogger } from './deps.ts';
import { goEscape, goParseQuery, goRawQuery, goUnescape, lenientParseQuery } from './go-url.ts';
import { str } from './util.ts';

const S = stringType;
const values = mapOf(arrayOf(S));

/** The URL helpers. */
export function urlHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  return [
    {
      name: 'QueryUnescape',
      pure: true,
      types: [funcOf([S], S)],
      // On an invalid escape CrowdSec returns the input unchanged.
      fn: (s: unknown) => {
        const t = str('QueryUnescape', s);
        return goUnescape(t, true) ?? t;
      },
    },
    {
      name: 'PathUnescape',
      pure: true,
      types: [funcOf([S], S)],
      fn: (s: unknown) => {
        const t = str('PathUnescape', s);
        return goUnescape(t, false) ?? t;
      },
    },
    {
      name: 'QueryEscape',
      pure: true,
      types: [funcOf([S], S)],
      fn: (s: unknown) => goEscape(str('QueryEscape', s), true),
    },
    {
      name: 'PathEscape',
      pure: true,
      types: [funcOf([S], S)],
      fn: (s: unknown) => goEscape(str('PathEscape', s), false),
    },
    {
      name: 'ParseUri',
      types: [funcOf([S], values)],
      fn: (s: unknown) => {
        const raw = goRawQuery(str('ParseUri', s));
        if (raw === undefined) {
          log.error('Could not parse URI');
          return {};
        }
        const { values: v, failed } = goParseQuery(raw);
        if (failed) {
          log.error('Could not parse query uri');
          return {};
        }
        return v;
      },
    },
    {
      name: 'ParseQuery',
      types: [funcOf([S], values)],
      fn: (s: unknown) => lenientParseQuery(str('ParseQuery', s)),
    },
    {
      name: 'ExtractQueryParam',
      types: [funcOf([S, S], arrayOf(S))],
      fn: (uri: unknown, param: unknown) => {
        const u = str('ExtractQueryParam', uri);
        const p = str('ExtractQueryParam', param);
        const q = u.indexOf('?');
        if (q < 0) return [];
        const v = lenientParseQuery(u.slice(q + 1));
        return Object.hasOwn(v, p) ? v[p] : [];
      },
    },
  ];
}
