/**
 * Go `fmt` formatting of expression values: `%v` (`formatValue`), `fmt.Sprintf` (`goSprintf`) and
 * the conversion CrowdSec applies to a static's expression result (`formatStatic`, spec §1.4).
 *
 * Runtime values follow values/float.ts: an integral unboxed number is a Go `int`, a non-integral
 * number or a `Float64` box is a `float64`. Objects with a `String()` method (GoTime, Duration) are
 * Go `Stringer`s. Plain objects are Go maps (keys printed sorted); arrays are slices; instances of
 * other classes are printed like Go structs (`{a b}`, `%+v` ⇒ `{Name:a Other:b}`).
 */
import { Float64 } from './float.ts';
import { formatFloat } from './format-float.ts';

export { formatFloat } from './format-float.ts';

type Kind =
  | 'nil'
  | 'bool'
  | 'int'
  | 'float'
  | 'string'
  | 'slice'
  | 'map'
  | 'struct'
  | 'duration'
  | 'stringer';

interface Stringer {
  String(): string;
}

function isStringer(v: object): v is Stringer {
  return typeof (v as { String?: unknown }).String === 'function';
}

/** A Duration is a Stringer that also carries its nanoseconds, so that `%d` prints the int64. */
function durationNs(v: object): number | bigint | undefined {
  const ns = (v as { ns?: unknown }).ns;
  return typeof ns === 'number' || typeof ns === 'bigint' ? ns : undefined;
}

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'nil';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'object':
      break;
    default:
      return 'string';
  }
  if (v instanceof Float64) return 'float';
  if (Array.isArray(v)) return 'slice';
  if (isStringer(v)) return durationNs(v) !== undefined ? 'duration' : 'stringer';
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? 'map' : 'struct';
}

/** Go type name of a runtime value, as fmt prints it in `%!verb(type=value)` and `%T`. */
export function goTypeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'int':
      return typeof v === 'bigint' ? 'int64' : 'int';
    case 'float':
      return 'float64';
    case 'string':
      return 'string';
    case 'slice': {
      const arr = v as unknown[];
      if (arr.length > 0 && arr.every((e) => typeof e === 'string')) return '[]string';
      return '[]interface {}';
    }
    case 'map':
      return 'map[string]interface {}';
    case 'duration':
      return 'time.Duration';
    default: {
      const name = (v as object).constructor?.name;
      if (name === 'GoTime') return 'time.Time';
      return name ? `*${name}` : 'struct {}';
    }
  }
}

/** Go `%v` of a value. */
export function formatValue(v: unknown): string {
  return printArg(v, 'v', defaultSpec(), 0);
}

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
  /** `%+v`: print struct field names (does not force a sign on numbers inside). */
  plusV: boolean;
  sharpV: boolean;
}

function defaultSpec(): Spec {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    width: undefined,
    prec: undefined,
    plusV: false,
    sharpV: false,
  };
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(s: string, spec: Spec, zeroOk = true): string {
  if (spec.width === undefined) return s;
  const n = runeCount(s);
  if (n >= spec.width) return s;
  const fill = spec.width - n;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && zeroOk) {
    // Zero padding goes after the sign, as Go does for numbers.
    const sign = s[0] === '-' || s[0] === '+' || s[0] === ' ' ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function badVerb(v: unknown, verb: string): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function printArg(v: unknown, verb: string, spec: Spec, depth: number): string {
  if (verb === 'T') return pad(goTypeName(v), spec);
  const kind = kindOf(v);
  switch (kind) {
    case 'nil':
      return verb === 'v' ? pad('<nil>', spec, false) : badVerb(v, verb);
    case 'bool':
      return verb === 'v' || verb === 't' ? pad(v ? 'true' : 'false', spec, false) : badVerb(v, verb);
    case 'int':
      return fmtInteger(typeof v === 'bigint' ? v : BigInt(v as number), verb, spec, v);
    case 'float':
      return fmtFloatVerb(Number(v), verb, spec, v);
    case 'string':
      return fmtString(v as string, verb, spec, v);
    case 'duration':
      if ('vsxXq'.includes(verb)) return fmtString((v as Stringer).String(), verb, spec, v);
      return fmtInteger(BigInt(durationNs(v as object) as number | bigint), verb, spec, v);
    case 'stringer':
      if ('vsxXq'.includes(verb)) return fmtString((v as Stringer).String(), verb, spec, v);
      return badVerb(v, verb);
    case 'slice': {
      const parts = (v as unknown[]).map((e) => printArg(e, verb, elemSpec(spec), depth + 1));
      return pad(`[${parts.join(' ')}]`, spec, false);
    }
    case 'map': {
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj).sort(compareGoStrings);
      const parts = keys.map(
        (k) =>
          `${printArg(k, verb, elemSpec(spec), depth + 1)}:${printArg(obj[k], verb, elemSpec(spec), depth + 1)}`,
      );
      return pad(`map[${parts.join(' ')}]`, spec, false);
    }
    default: {
      const obj = v as Record<string, unknown>;
      const parts = Object.keys(obj)
        .filter((k) => typeof obj[k] !== 'function')
        .map((k) => {
          const val = printArg(obj[k], verb, elemSpec(spec), depth + 1);
          return spec.plusV ? `${k}:${val}` : val;
        });
      const body = `{${parts.join(' ')}}`;
      return pad(depth === 0 ? `&${body}` : body, spec, false);
    }
  }
}

/** Elements of a composite are printed with the same verb and flags, but without width. */
function elemSpec(spec: Spec): Spec {
  return { ...spec, width: undefined };
}

/** Orders strings by their UTF-8 bytes, as Go's fmt sorts map keys. */
export function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function fmtInteger(n: bigint, verb: string, spec: Spec, orig: unknown): string {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = abs.toString(10);
      break;
    case 'b':
      digits = abs.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (spec.sharp) prefix = '0';
      break;
    case 'x':
      digits = abs.toString(16);
      if (spec.sharp) prefix = '0x';
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      if (spec.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(runeString(n), spec, false);
    case 'q':
      return pad(quoteRune(n, spec.plus), spec, false);
    case 'U': {
      const hex = abs.toString(16).toUpperCase().padStart(4, '0');
      return pad(`U+${hex}`, spec, false);
    }
    default:
      return badVerb(orig, verb);
  }
  if (spec.prec !== undefined) {
    if (spec.prec === 0 && n === 0n) digits = '';
    else digits = digits.padStart(spec.prec, '0');
  }
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const body = prefix + digits;
  // Go ignores the zero flag when a precision is given; otherwise zeros go between sign and digits.
  if (spec.zero && !spec.minus && spec.prec === undefined && spec.width !== undefined) {
    const fill = spec.width - sign.length - body.length;
    if (fill > 0) return sign + prefix + '0'.repeat(fill) + digits;
  }
  return pad(sign + body, { ...spec, zero: false });
}

function runeString(n: bigint): string {
  if (n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn)) return '\ufffd';
  return String.fromCodePoint(Number(n));
}

function fmtFloatVerb(x: number, verb: string, spec: Spec, orig: unknown): string {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = formatFloat(x, 'g', spec.prec ?? -1);
      if (verb === 'G') s = s.toUpperCase();
      break;
    case 'e':
    case 'E':
      s = formatFloat(x, 'e', spec.prec ?? 6);
      if (verb === 'E') s = s.toUpperCase();
      break;
    case 'f':
    case 'F':
      s = formatFloat(x, 'f', spec.prec ?? 6);
      break;
    default:
      return badVerb(orig, verb);
  }
  // Go always signs infinities ("+Inf"); NaN and finite numbers get a sign only when asked.
  if (Number.isFinite(x) || Number.isNaN(x)) {
    if (spec.plus && s[0] !== '-') s = `+${s}`;
    else if (spec.space && s[0] !== '-') s = ` ${s}`;
  } else if (spec.space && !spec.plus && s[0] === '+') {
    s = ` ${s.slice(1)}`;
  }
  // Infinities and NaN are padded with spaces, never zeros.
  return pad(s, spec, Number.isFinite(x));
}

function fmtString(s: string, verb: string, spec: Spec, orig: unknown): string {
  switch (verb) {
    case 'v':
      if (spec.sharpV) return pad(quoteGo(s, false), spec, false);
      return pad(truncate(s, spec.prec), spec);
    case 's':
      return pad(truncate(s, spec.prec), spec);
    case 'q':
      if (spec.sharp && canBackquote(s)) return pad(`\`${s}\``, spec);
      return pad(quoteGo(truncate(s, spec.prec), spec.plus), spec);
    case 'x':
    case 'X': {
      const bytes = Buffer.from(truncate(s, spec.prec), 'utf8');
      let hex = '';
      bytes.forEach((b, i) => {
        if (spec.space && i > 0) hex += ' ';
        if (spec.sharp && (spec.space || i === 0)) hex += '0x';
        hex += b.toString(16).padStart(2, '0');
      });
      return pad(verb === 'X' ? hex.toUpperCase() : hex, spec);
    }
    default:
      return badVerb(orig, verb);
  }
}

function truncate(s: string, prec: number | undefined): string {
  if (prec === undefined) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    if (n++ >= prec) break;
    out += ch;
  }
  return out;
}

function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '`' || ch === '\ufeff') return false;
    if (c < 0x20 && ch !== '\t') return false;
    if (c === 0x7f) return false;
  }
  return true;
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

function escapeRune(c: number, quote: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(c);
  if (ch === quote || ch === '\\') return `\\${ch}`;
  const printable = c === 0x20 || !NON_PRINTABLE.test(ch);
  if (printable && (!asciiOnly || c < 0x80)) return ch;
  switch (ch) {
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
  }
  if (c < 0x20 || c === 0x7f) return `\\x${c.toString(16).padStart(2, '0')}`;
  if (c >= 0xd800 && c <= 0xdfff) return '\\ufffd';
  if (c < 0x10000) return `\\u${c.toString(16).padStart(4, '0')}`;
  return `\\U${c.toString(16).padStart(8, '0')}`;
}

/** Go `strconv.Quote` (or `QuoteToASCII` when `asciiOnly`). */
export function quoteGo(s: string, asciiOnly: boolean): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0) as number, '"', asciiOnly);
  return `${out}"`;
}

function quoteRune(n: bigint, asciiOnly: boolean): string {
  const s = runeString(n);
  return `'${escapeRune(s.codePointAt(0) as number, "'", asciiOnly)}'`;
}

/**
 * Go `fmt.Sprintf(format, args...)`: verbs v s q d b o O x X c U t e E f F g G T %, flags
 * `+ - # 0 space`, width and precision (also `*`), explicit argument indexes `%[n]d`, and Go's
 * error forms (`%!d(string=abc)`, `%!d(MISSING)`, `%!(EXTRA int=1)`, `%!(NOVERB)`).
 */
export function goSprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec = defaultSpec();
    // Flags.
    for (; i < n; i++) {
      const c = format[i];
      if (c === '+') spec.plus = true;
      else if (c === '-') {
        spec.minus = true;
        spec.zero = false;
      } else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    // Argument index before width.
    const argIndex = (): void => {
      if (format[i] !== '[') return;
      const close = format.indexOf(']', i);
      const idx = close > 0 ? Number(format.slice(i + 1, close)) : Number.NaN;
      reordered = true;
      if (Number.isInteger(idx) && idx >= 1) argNum = idx - 1;
      i = close > 0 ? close + 1 : n;
    };
    argIndex();
    // Width.
    if (format[i] === '*') {
      i++;
      const w = args[argNum++];
      if (typeof w === 'number' && Number.isInteger(w)) {
        spec.width = Math.abs(w);
        if (w < 0) {
          spec.minus = true;
          spec.zero = false;
        }
      } else out += '%!(BADWIDTH)';
    } else {
      const start = i;
      while (i < n && format[i] >= '0' && format[i] <= '9') i++;
      if (i > start) spec.width = Number(format.slice(start, i));
    }
    // Precision.
    if (format[i] === '.') {
      i++;
      argIndex();
      if (format[i] === '*') {
        i++;
        const p = args[argNum++];
        if (typeof p === 'number' && Number.isInteger(p) && p >= 0) spec.prec = p;
        else out += '%!(BADPREC)';
      } else {
        const start = i;
        while (i < n && format[i] >= '0' && format[i] <= '9') i++;
        spec.prec = i > start ? Number(format.slice(start, i)) : 0;
      }
    }
    argIndex();
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) as number);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++];
    if (verb === 'v') {
      if (spec.plus) {
        spec.plusV = true;
        spec.plus = false;
      }
      if (spec.sharp) {
        spec.sharpV = true;
        spec.sharp = false;
      }
    }
    out += printArg(arg, verb, spec, 0);
  }
  if (!reordered && argNum < args.length) {
    const extra = args
      .slice(argNum)
      .map((a) => (a === null || a === undefined ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** Result of converting a static's expression value to the string CrowdSec stores (spec §1.4). */
export type StaticValue =
  | { readonly ok: true; readonly value: string }
  /** `fatal`: the whole node/event parse aborts (bool, duration, …); otherwise a warning and empty value (map, array). */
  | { readonly ok: false; readonly fatal: boolean; readonly reason: string };

/**
 * CrowdSec's conversion of a static expression result: string as-is, int decimal, float `%f`,
 * nil ''; map/array ⇒ warning and empty value; any other type ⇒ fatal error.
 */
export function formatStatic(v: unknown): StaticValue {
  switch (kindOf(v)) {
    case 'nil':
      return { ok: true, value: '' };
    case 'string':
      return { ok: true, value: v as string };
    case 'int':
      return typeof v === 'bigint'
        ? { ok: false, fatal: true, reason: 'unexpected type int64 in static expression result' }
        : { ok: true, value: String(v) };
    case 'float':
      return { ok: true, value: formatFloat(Number(v), 'f', 6) };
    case 'slice':
    case 'map':
      return {
        ok: false,
        fatal: false,
        reason: `unexpected type ${goTypeName(v)} in static expression result`,
      };
    default:
      return {
        ok: false,
        fatal: true,
        reason: `unexpected type ${goTypeName(v)} in static expression result`,
      };
  }
}
