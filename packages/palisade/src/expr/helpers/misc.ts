/**
 * Miscellaneous helpers: Sprintf, LogInfo, Atof, B64Decode, Hostname, FloatApproxEqual, Match,
 * Distance, Flatten, FlattenDistinct, Distinct.
 */
import { hostname as osHostname } from 'node:os';
import type { ExprFunction } from '../functions.ts';
import { anyType, boolType, floatType, funcOf, stringType } from '../types.ts';
import { Float64 } from '../values/float.ts';
import { goSprintf } from '../values/format.ts';
import type { HelperDeps } from './deps.ts';
import { silentLogger } from './deps.ts';
import { HelperError } from './errors.ts';
import { globMatch } from './glob.ts';
import { parseGoFloat } from './go-parse.ts';
import { isPlainMap, num, str } from './util.ts';

const S = stringType;
const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in km (haversine, as github.com/umahmood/haversine computes it). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const la1 = rad(lat1);
  const la2 = rad(lat2);
  const dLat = la2 - la1;
  const dLon = rad(lon2) - rad(lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin(dLon / 2) ** 2;
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_KM;
}

/** Go `reflect`-style flattening of nested slices into one `[]any`. */
function flatten(values: readonly unknown[], out: unknown[], depth = 0): unknown[] {
  if (depth > 1000) throw new HelperError('Flatten', 'too-deep', 'nesting too deep');
  for (const v of values) {
    if (Array.isArray(v)) flatten(v, out, depth + 1);
    else out.push(v);
  }
  return out;
}

/** Identity of a value as a Go map key (dynamic type + value); throws for unhashable values. */
function hashKey(helper: string, v: unknown): string {
  if (v === null || v === undefined) return 'n';
  if (v instanceof Float64) return `f:${v.value}`;
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? `i:${v}` : `f:${v}`;
    case 'string':
      return `s:${v}`;
    case 'boolean':
      return `b:${v}`;
    case 'bigint':
      return `I:${v}`;
  }
  if (Array.isArray(v) || isPlainMap(v)) {
    throw new HelperError(helper, 'unhashable', `runtime error: hash of unhashable type`);
  }
  const s = (v as { String?: () => string }).String;
  return typeof s === 'function' ? `o:${(v as object).constructor?.name}:${s.call(v)}` : `o:${String(v)}`;
}

function distinct(helper: string, v: unknown): unknown {
  if (!Array.isArray(v)) return null;
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const e of v) {
    const k = hashKey(helper, e);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(e);
    }
  }
  return out;
}

/** The miscellaneous helpers. */
export function miscHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  const parseCoord = (what: string, v: unknown): number => {
    const r = parseGoFloat(str('Distance', v));
    if (r.err) {
      log.warn(`${what} is not a float`);
      throw new HelperError('Distance', 'invalid-argument', `${what} is not a float : ${JSON.stringify(v)}`);
    }
    return r.value;
  };
  return [
    {
      name: 'Sprintf',
      types: [funcOf([S], S, anyType)],
      fn: (format: unknown, ...args: unknown[]) => goSprintf(str('Sprintf', format), args),
    },
    {
      name: 'LogInfo',
      types: [funcOf([S], boolType, anyType)],
      fn: (format: unknown, ...args: unknown[]) => {
        log.info(goSprintf(str('LogInfo', format), args));
        return true;
      },
    },
    {
      name: 'Atof',
      types: [funcOf([S], floatType)],
      fn: (s: unknown) => {
        const text = str('Atof', s);
        const r = parseGoFloat(text);
        if (r.err) log.warn(`Atof : can't convert float '${text}'`);
        return r.value;
      },
    },
    {
      name: 'B64Decode',
      types: [funcOf([S], S)],
      fn: (s: unknown) => {
        const text = str('B64Decode', s);
        // Go's StdEncoding is strict: padded, standard alphabet, no whitespace except \r\n.
        const clean = text.replace(/[\r\n]/g, '');
        if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) {
          throw new HelperError('B64Decode', 'decode-failed', 'illegal base64 data');
        }
        return new TextDecoder('utf-8').decode(Buffer.from(clean, 'base64'));
      },
    },
    {
      name: 'Hostname',
      types: [funcOf([], S)],
      fn: () => (deps.hostname ?? osHostname)(),
    },
    {
      name: 'FloatApproxEqual',
      types: [funcOf([floatType, floatType], boolType)],
      fn: (a: unknown, b: unknown) =>
        Math.abs(num('FloatApproxEqual', a) - num('FloatApproxEqual', b)) < 1e-6,
    },
    {
      name: 'Match',
      types: [funcOf([S, S], boolType)],
      fn: (pattern: unknown, name: unknown) => globMatch(str('Match', pattern), str('Match', name)),
    },
    {
      name: 'Distance',
      types: [funcOf([S, S, S, S], floatType)],
      fn: (lat1: unknown, lon1: unknown, lat2: unknown, lon2: unknown) => {
        const a = parseCoord('lat1', lat1);
        const b = parseCoord('long1', lon1);
        const c = parseCoord('lat2', lat2);
        const d = parseCoord('long2', lon2);
        // Either point at (0,0) means "unknown location": 0 avoids false positives.
        if ((a === 0 && b === 0) || (c === 0 && d === 0)) return 0;
        return haversineKm(a, b, c, d);
      },
    },
    { name: 'Flatten', types: [funcOf([], anyType, anyType)], fn: (...args: unknown[]) => flatten(args, []) },
    {
      name: 'FlattenDistinct',
      types: [funcOf([], anyType, anyType)],
      fn: (...args: unknown[]) => distinct('FlattenDistinct', flatten(args, [])),
    },
    {
      name: 'Distinct',
      types: [funcOf([], anyType, anyType)],
      fn: (...args: unknown[]) => {
        if (args.length === 0) throw new HelperError('Distinct', 'invalid-argument', 'missing argument');
        return distinct('Distinct', args[0]);
      },
    },
  ];
}
