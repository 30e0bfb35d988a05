/**
 * Go `strconv.FormatFloat(x, fmt, prec, 64)` for fmt 'e', 'f', 'g'.
 *
 * Shortest output (prec < 0) uses the shortest round-tripping digits, which JavaScript and Go
 * compute identically. Fixed precision rounds the exact binary value half-to-even, as Go does
 * (JavaScript's toFixed rounds ties away from zero and is limited in range, so it is not used).
 */

interface Digits {
  /** Significant decimal digits, no leading or trailing zeros ("" for zero). */
  d: string;
  /** Position of the decimal point relative to the start of `d`. */
  dp: number;
}

function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const [mant, exp] = x.toExponential().split('e');
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** Exact decimal expansion of a finite positive double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  F64[0] = x;
  const bits = U64[0];
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (biasedExp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  let text: string;
  let dp: number;
  if (exp >= 0) {
    text = (mant << BigInt(exp)).toString();
    dp = text.length;
  } else {
    // mant / 2^k = mant * 5^k / 10^k
    const k = -exp;
    text = (mant * 5n ** BigInt(k)).toString();
    dp = text.length - k;
  }
  const trimmed = text.replace(/0+$/, '');
  return { d: trimmed, dp };
}

/** Rounds to `nd` significant digits, half-to-even on exact ties (Go strconv decimal.Round). */
function roundDigits(digs: Digits, nd: number): Digits {
  const { d, dp } = digs;
  if (nd < 0 || nd >= d.length) return digs;
  let up: boolean;
  const next = d.charCodeAt(nd) - 48;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (nd + 1 < d.length) up = true;
  else up = nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1;
  if (!up) return { d: d.slice(0, nd).replace(/0+$/, ''), dp };
  let i = nd - 1;
  while (i >= 0 && d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: dp + 1 };
  return { d: d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1), dp };
}

function fmtE(neg: boolean, digs: Digits, prec: number, ch: string): string {
  let s = neg ? '-' : '';
  s += digs.d.length > 0 ? digs.d[0] : '0';
  if (prec > 0) {
    s += '.';
    const frac = digs.d.slice(1, 1 + prec);
    s += frac + '0'.repeat(prec - frac.length);
  }
  const exp = digs.d.length === 0 ? 0 : digs.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${ch}${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

function fmtF(neg: boolean, digs: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (digs.dp > 0) {
    const intPart = digs.d.slice(0, digs.dp);
    s += intPart + '0'.repeat(digs.dp - intPart.length);
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = digs.dp + i;
      s += j >= 0 && j < digs.d.length ? digs.d[j] : '0';
    }
  }
  return s;
}

/** Go `strconv.FormatFloat(x, fmt, prec, 64)`; `prec < 0` means shortest. */
export function formatFloat(x: number, fmt: 'e' | 'f' | 'g', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+Inf';
  if (x === Number.NEGATIVE_INFINITY) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(abs);
    if (fmt === 'e') prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    const exact = exactDigits(abs);
    if (fmt === 'e') digs = roundDigits(exact, prec + 1);
    else if (fmt === 'f') digs = roundDigits(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundDigits(exact, prec);
    }
  }
  if (fmt === 'e') return fmtE(neg, digs, prec, 'e');
  if (fmt === 'f') return fmtF(neg, digs, prec);
  // %g: exponent form when the exponent is < -4 or >= the precision (6 for shortest output).
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (digs.d.length > 0 && (exp < -4 || exp >= eprec)) {
    let p = prec;
    if (p > digs.d.length) p = digs.d.length;
    return fmtE(neg, digs, p - 1, 'e');
  }
  let p = prec;
  if (p > digs.dp) p = digs.d.length;
  return fmtF(neg, digs, Math.max(p - digs.dp, 0));
}
