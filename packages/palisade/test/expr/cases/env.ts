import type { ExprFunction } from '../../../src/expr/functions.ts';
import {
  anyType,
  arrayOf,
  boolType,
  floatType,
  funcOf,
  intType,
  mapOf,
  type StructType,
  stringType,
  structOf,
  type Type,
} from '../../../src/expr/types.ts';
import { Float64 } from '../../../src/expr/values/float.ts';

/**
 * The one environment every conformance case compiles against: an `Event`-like struct shaped like
 * CrowdSec's `evt` (spec hub-compat §1.10 / §4.1), plus plain variables of each Go kind.
 */

/** `Line` of an event: the raw log line and its acquisition labels. */
export const lineType: StructType = structOf('Line', {
  Raw: stringType,
  Src: stringType,
  Module: stringType,
  Labels: mapOf(stringType),
});

/** A trimmed-down `types.Event`: string maps, a dynamically typed map, and two methods. */
export const eventType: StructType = structOf(
  'Event',
  {
    Meta: mapOf(stringType),
    Parsed: mapOf(stringType),
    Enriched: mapOf(stringType),
    Unmarshaled: mapOf(anyType),
    Line: lineType,
    StrTime: stringType,
  },
  {
    GetMeta: funcOf([stringType], stringType),
    SetMeta: funcOf([stringType, stringType], boolType),
  },
);

/** A small struct for predicates with the `.Field` shorthand. */
export const userType: StructType = structOf('User', { Name: stringType, Age: intType });

/** Static types of the shared variables. */
export const envTypes: Record<string, Type> = {
  evt: eventType,
  nilEvt: eventType,
  one: intType,
  two: intType,
  i7: intType,
  zero: intType,
  neg: intType,
  f: floatType,
  ff: floatType,
  t: boolType,
  s: stringType,
  empty: stringType,
  badre: stringType,
  arr: arrayOf(intType),
  strs: arrayOf(stringType),
  floats: arrayOf(floatType),
  users: arrayOf(userType),
  m: mapOf(intType),
  sm: mapOf(stringType),
  am: mapOf(anyType),
  nilv: anyType,
  anyInt: anyType,
  anyFloat: anyType,
  anyStr: anyType,
};

/** A fresh `evt` value; `SetMeta` mutates it, so every case gets its own. */
export function makeEvent(): Record<string, unknown> {
  const meta: Record<string, string> = {
    source_ip: '192.168.1.10',
    log_type: 'http_access-log',
    http_status: '401',
    service: 'ssh',
  };
  const event: Record<string, unknown> = {
    Meta: meta,
    Parsed: {
      program: 'nginx',
      verb: 'GET',
      request: '/wp-login.php?user=admin',
      ts_m: 'Feb',
      utf: 'héllo',
      status: '404',
    },
    Enriched: { IsoCode: 'FR' },
    Unmarshaled: {
      n: new Float64(5),
      pi: 3.14,
      s: 'text',
      flag: true,
      nul: null,
      obj: { a: 'b', nested: { deep: 'x' } },
      arr: [new Float64(1), new Float64(2), new Float64(3)],
    },
    Line: {
      Raw: 'Feb 10 12:00:00 host sshd[1]: Failed password',
      Src: '/var/log/auth.log',
      Module: 'file',
      Labels: { type: 'syslog' },
    },
    StrTime: '2024-02-10T12:00:00Z',
    // Own properties, so that a runtime that only looks at own members still finds them.
    GetMeta: (key: string): string => (Object.hasOwn(meta, key) ? meta[key]! : ''),
    SetMeta: (key: string, value: string): boolean => {
      meta[key] = value;
      return true;
    },
  };
  return event;
}

/** Fresh run-time values for every variable of `envTypes`. */
export function makeVars(): Record<string, unknown> {
  return {
    evt: makeEvent(),
    nilEvt: null,
    one: 1,
    two: 2,
    i7: 7,
    zero: 0,
    neg: -1,
    f: 2.5,
    ff: 2,
    t: true,
    s: 'hello',
    empty: '',
    badre: '[',
    arr: [1, 2, 3, 4, 5],
    strs: ['a', 'b', 'c'],
    floats: [1.5, 2.5],
    users: [
      { Name: 'alice', Age: 30 },
      { Name: 'bob', Age: 17 },
      { Name: 'carol', Age: 42 },
      { Name: 'dave', Age: 30 },
    ],
    m: { a: 1, b: 2 },
    sm: { k: 'v' },
    am: { x: 1, y: 'z' },
    nilv: null,
    anyInt: 1,
    anyFloat: new Float64(1),
    anyStr: '1',
  };
}

/** Helpers registered like CrowdSec's (case-sensitive names, declared signatures). */
export const testFunctions: readonly ExprFunction[] = [
  { name: 'Upper', types: [funcOf([stringType], stringType)], fn: (x: string) => x.toUpperCase() },
  {
    name: 'Concat',
    types: [funcOf([], stringType, stringType)],
    fn: (...parts: string[]) => parts.join(''),
  },
  {
    name: 'Fail',
    types: [funcOf([], boolType)],
    fn: () => {
      throw new Error('helper failed on purpose');
    },
  },
];
