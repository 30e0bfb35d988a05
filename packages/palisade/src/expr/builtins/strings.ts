import { byteLength } from '../runtime/utf8.ts';
import { Fault } from '../source/error.ts';
import { arrayOf, boolType, typeName as goTypeNameOfType, intType, stringType } from '../types.ts';
import { formatValue, goTypeName } from '../values/format.ts';
import type { Builtin } from './context.ts';
import { eager, expectKinds, returning } from './eager.ts';

/** String builtins of expr-lang v1.17 (Go `strings` semantics; indexes are UTF-8 byte offsets). */

/** The string value of argument `i`; a non-string is a run-time error naming the builtin. */
export function str(args: unknown[], i: number, name: string, pos: number): string {
  const v = args[i];
  if (typeof v === 'string') return v;
  throw new Fault(`invalid argument for ${name} (type ${goTypeName(v)})`, pos);
}

/** An int argument (run-time check). */
export function int(args: unknown[], i: number, name: string, pos: number): number {
  const v = args[i];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new Fault(`invalid argument for ${name} (type ${goTypeName(v)})`, pos);
}

/** Go's unicode.IsSpace set, for TrimSpace. */
const GO_SPACE = new Set(
  Array.from(
    '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000',
  ),
);

/** Go strings.TrimSpace (linear). */
export function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && GO_SPACE.has(s[a]!)) a++;
  while (b > a && GO_SPACE.has(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** Go strings.Trim: removes leading and trailing code points contained in `cutset`. */
function trimCutset(s: string, cutset: string): string {
  const set = new Set(Array.from(cutset));
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a]!)) a++;
  while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Go strings.ToUpper: simple (one-to-one) case mapping per code point; JS's full mapping turns
 * `ß` into `SS`, which Go does not do. ASCII takes the native fast path.
 */
export function goUpper(s: string): string {
  if (ASCII.test(s)) return s.toUpperCase();
  let out = '';
  for (const c of s) {
    const u = c.toUpperCase();
    out += u.length === c.length || [...u].length === 1 ? u : c;
  }
  return out;
}

/** Go strings.ToLower: simple case mapping (`İ` becomes plain `i`, not `i̇`). */
export function goLower(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (const c of s) {
    if (c === '\u0130') {
      out += 'i';
      continue;
    }
    const l = c.toLowerCase();
    out += [...l].length === 1 ? l : c;
  }
  return out;
}

/** Go strings.SplitN (n < 0: all; n == 0: none) and SplitAfterN. */
export function splitGo(s: string, sep: string, n: number, after: boolean): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = Array.from(s);
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const out: string[] = [];
  let start = 0;
  for (;;) {
    if (n > 0 && out.length === n - 1) break;
    const i = s.indexOf(sep, start);
    if (i < 0) break;
    out.push(s.slice(start, after ? i + sep.length : i));
    start = i + sep.length;
  }
  out.push(s.slice(start));
  return out;
}

/** Byte offset of a UTF-16 index (for indexOf/lastIndexOf, which Go reports in bytes). */
function byteOffset(s: string, index: number): number {
  return index < 0 ? -1 : byteLength(s.slice(0, index));
}

const MAX_REPEAT_BYTES = 10 * 1024 * 1024;

export const STRING_BUILTINS: readonly Builtin[] = [
  eager(
    'trim',
    1,
    2,
    (args, call) => {
      for (let i = 0; i < args.length; i++) expectKinds(call, args, i, 'string');
      return stringType;
    },
    (a, pos) =>
      a.length === 1
        ? trimSpace(str(a, 0, 'trim', pos))
        : trimCutset(str(a, 0, 'trim', pos), str(a, 1, 'trim', pos)),
  ),
  eager(
    'trimPrefix',
    1,
    2,
    (args, call) => {
      for (let i = 0; i < args.length; i++) expectKinds(call, args, i, 'string');
      return stringType;
    },
    (a, pos) => {
      const s = str(a, 0, 'trimPrefix', pos);
      const p = a.length === 2 ? str(a, 1, 'trimPrefix', pos) : ' ';
      return s.startsWith(p) ? s.slice(p.length) : s;
    },
  ),
  eager(
    'trimSuffix',
    1,
    2,
    (args, call) => {
      for (let i = 0; i < args.length; i++) expectKinds(call, args, i, 'string');
      return stringType;
    },
    (a, pos) => {
      const s = str(a, 0, 'trimSuffix', pos);
      const p = a.length === 2 ? str(a, 1, 'trimSuffix', pos) : ' ';
      return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
    },
  ),
  eager(
    'upper',
    1,
    1,
    (args, call) => returning(stringType, expectKinds(call, args, 0, 'string')),
    (a, pos) => goUpper(str(a, 0, 'upper', pos)),
  ),
  eager(
    'lower',
    1,
    1,
    (args, call) => returning(stringType, expectKinds(call, args, 0, 'string')),
    (a, pos) => goLower(str(a, 0, 'lower', pos)),
  ),
  ...(['split', 'splitAfter'] as const).map((name) =>
    eager(
      name,
      2,
      3,
      (args, call) => {
        expectKinds(call, args, 0, 'string');
        expectKinds(call, args, 1, 'string');
        if (args.length === 3) expectKinds(call, args, 2, 'int');
        return arrayOf(stringType);
      },
      (a, pos) =>
        splitGo(
          str(a, 0, name, pos),
          str(a, 1, name, pos),
          a.length === 3 ? int(a, 2, name, pos) : -1,
          name === 'splitAfter',
        ),
    ),
  ),
  eager(
    'replace',
    3,
    4,
    (args, call) => {
      for (let i = 0; i < 3; i++) expectKinds(call, args, i, 'string');
      if (args.length === 4) expectKinds(call, args, 3, 'int');
      return stringType;
    },
    (a, pos) => {
      const s = str(a, 0, 'replace', pos);
      const from = str(a, 1, 'replace', pos);
      const to = str(a, 2, 'replace', pos);
      const n = a.length === 4 ? int(a, 3, 'replace', pos) : -1;
      if (n < 0) return s.split(from).join(to);
      const parts = splitGo(s, from, n + 1, false);
      return parts.join(to);
    },
  ),
  eager(
    'repeat',
    2,
    2,
    (args, call) => {
      expectKinds(call, args, 0, 'string');
      expectKinds(call, args, 1, 'int');
      return stringType;
    },
    (a, pos) => {
      const s = str(a, 0, 'repeat', pos);
      const n = int(a, 1, 'repeat', pos);
      if (n < 0) throw new Fault(`invalid argument for repeat (expected positive integer, got ${n})`, pos);
      if (n > 1e6 || s.length * n > MAX_REPEAT_BYTES) throw new Fault('memory budget exceeded', pos);
      return s.repeat(n);
    },
  ),
  eager(
    'join',
    1,
    2,
    (args, call) => {
      const t = args[0]!.type;
      if (!(t.kind === 'any' || (t.kind === 'array' && ['string', 'any'].includes(t.elem.kind)))) {
        call.fail(`invalid argument for join (type ${goTypeNameOfType(t)})`, call.args[0]!.pos);
      }
      if (args.length === 2) expectKinds(call, args, 1, 'string');
      return stringType;
    },
    (a, pos) => {
      const list = a[0];
      if (!Array.isArray(list)) throw new Fault(`invalid argument for join (type ${goTypeName(list)})`, pos);
      const glue = a.length === 2 ? str(a, 1, 'join', pos) : '';
      for (const item of list) {
        if (typeof item !== 'string')
          throw new Fault(`invalid argument for join (type ${goTypeName(item)})`, pos);
      }
      return list.join(glue);
    },
  ),
  ...(['indexOf', 'lastIndexOf'] as const).map((name) =>
    eager(
      name,
      2,
      2,
      (args, call) => {
        expectKinds(call, args, 0, 'string');
        expectKinds(call, args, 1, 'string');
        return intType;
      },
      (a, pos) => {
        const s = str(a, 0, name, pos);
        const t = str(a, 1, name, pos);
        return byteOffset(s, name === 'indexOf' ? s.indexOf(t) : s.lastIndexOf(t));
      },
    ),
  ),
  ...(['hasPrefix', 'hasSuffix'] as const).map((name) =>
    eager(
      name,
      2,
      2,
      (args, call) => {
        expectKinds(call, args, 0, 'string');
        expectKinds(call, args, 1, 'string');
        return boolType;
      },
      (a, pos) => {
        const s = str(a, 0, name, pos);
        const t = str(a, 1, name, pos);
        return name === 'hasPrefix' ? s.startsWith(t) : s.endsWith(t);
      },
    ),
  ),
  eager(
    'string',
    1,
    1,
    () => stringType,
    (a) => (typeof a[0] === 'string' ? a[0] : formatValue(a[0])),
  ),
  eager(
    'toBase64',
    1,
    1,
    (args, call) => returning(stringType, expectKinds(call, args, 0, 'string')),
    (a, pos) => Buffer.from(str(a, 0, 'toBase64', pos), 'utf8').toString('base64'),
  ),
  eager(
    'fromBase64',
    1,
    1,
    (args, call) => returning(stringType, expectKinds(call, args, 0, 'string')),
    (a, pos) => {
      const s = str(a, 0, 'fromBase64', pos);
      if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) {
        throw new Fault(`illegal base64 data at input byte ${firstBadBase64(s)}`, pos);
      }
      return Buffer.from(s, 'base64').toString('utf8');
    },
  ),
];

function firstBadBase64(s: string): number {
  const m = /[^A-Za-z0-9+/=]/.exec(s);
  return m ? m.index : Math.floor(s.length / 4) * 4;
}
