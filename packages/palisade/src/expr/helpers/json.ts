/**
 * JSON helpers: JsonExtract*, UnmarshalJSON, ToJsonString.
 */
import type { ExprFunction } from '../functions.ts';
import { anyType, arrayOf, funcOf, mapOf, stringType } from '../types.ts';
import { parseJsonGo } from '../values/float.ts';
import type { HelperDeps } from './deps.ts';
import { silentLogger } from './deps.ts';
import { HelperError } from './errors.ts';
import { goJsonMarshal } from './go-json.ts';
import { type JsonRaw, jsonGet, splitJsonPath, unescapeJsonString } from './json-scan.ts';
import { isPlainMap, map, setOwn, str } from './util.ts';

const S = stringType;

/** The JSON helpers, logging through `deps.logger`. */
export function jsonHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;

  const extractRaw = (helper: string, blob: string, keys: readonly string[]): string => {
    const r = jsonGet(blob, keys);
    if (r === 'not-found') return '';
    if (r === 'malformed') {
      log.error(`${helper}: malformed JSON`, { path: keys });
      return '';
    }
    return r.raw;
  };

  const extractTyped = (helper: string, blob: string, path: string, type: 'array' | 'object'): unknown => {
    const r: JsonRaw | string = jsonGet(blob, splitJsonPath(path));
    if (typeof r === 'string') {
      log.error(`${helper}: key ${path} does not exist`);
      return null;
    }
    if (r.type !== type) {
      log.error(`${helper}: expected type ${type} for target ${path} but found ${r.type}`);
      return null;
    }
    try {
      return parseJsonGo(r.raw);
    } catch (err) {
      log.error(`${helper}: could not decode value at ${path}`, { error: String(err) });
      return null;
    }
  };

  return [
    {
      name: 'JsonExtract',
      types: [funcOf([S, S], S)],
      fn: (blob: unknown, path: unknown) =>
        extractRaw('JsonExtract', str('JsonExtract', blob), splitJsonPath(str('JsonExtract', path))),
    },
    {
      name: 'JsonExtractLib',
      types: [funcOf([S], S, S)],
      fn: (blob: unknown, ...keys: unknown[]) =>
        extractRaw(
          'JsonExtractLib',
          str('JsonExtractLib', blob),
          keys.map((k) => str('JsonExtractLib', k)),
        ),
    },
    {
      name: 'JsonExtractUnescape',
      types: [funcOf([S], S, S)],
      fn: (blob: unknown, ...keys: unknown[]) => {
        const path = keys.map((k) => str('JsonExtractUnescape', k));
        const r = jsonGet(str('JsonExtractUnescape', blob), path);
        if (r === 'not-found') return '';
        if (r === 'malformed' || r.type !== 'string') {
          log.error('JsonExtractUnescape: value is not a string', { path });
          return '';
        }
        const s = unescapeJsonString(r.raw);
        if (s === undefined) {
          log.error('JsonExtractUnescape: invalid escape in string', { path });
          return '';
        }
        return s;
      },
    },
    {
      name: 'JsonExtractSlice',
      types: [funcOf([S, S], arrayOf(anyType))],
      fn: (blob: unknown, path: unknown) =>
        extractTyped(
          'JsonExtractSlice',
          str('JsonExtractSlice', blob),
          str('JsonExtractSlice', path),
          'array',
        ),
    },
    {
      name: 'JsonExtractObject',
      types: [funcOf([S, S], mapOf(anyType))],
      fn: (blob: unknown, path: unknown) =>
        extractTyped(
          'JsonExtractObject',
          str('JsonExtractObject', blob),
          str('JsonExtractObject', path),
          'object',
        ),
    },
    {
      name: 'ToJsonString',
      types: [funcOf([anyType], S)],
      fn: (v: unknown) => {
        try {
          return goJsonMarshal(v);
        } catch (err) {
          log.error('ToJsonString: cannot encode value', { error: String(err) });
          return '';
        }
      },
    },
    {
      name: 'UnmarshalJSON',
      types: [funcOf([S, mapOf(anyType), S], anyType)],
      fn: (blob: unknown, target: unknown, key: unknown) => {
        const text = str('UnmarshalJSON', blob);
        const t = map('UnmarshalJSON', target, 'target');
        const k = str('UnmarshalJSON', key);
        let out: unknown;
        try {
          out = parseJsonGo(text);
        } catch (err) {
          log.error(`UnmarshalJSON : ${String(err)}`, { line: text });
          throw new HelperError('UnmarshalJSON', 'decode-failed', String((err as Error).message ?? err), {
            cause: err,
          });
        }
        setOwn(t, k, out);
        return null;
      },
    },
    {
      name: 'KeyExists',
      types: [funcOf([S, mapOf(anyType)], { kind: 'bool' })],
      fn: (key: unknown, m: unknown) => {
        const k = str('KeyExists', key);
        if (m === null || m === undefined) return false;
        return isPlainMap(m) && Object.hasOwn(m, k);
      },
    },
  ];
}
