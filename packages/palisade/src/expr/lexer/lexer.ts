import { ExprError } from '../source/error.ts';
import type { Token, TokenKind } from './token.ts';
import { unescapeGo } from './unescape.ts';

/** Words that lex as operators rather than identifiers (expr-lang `lexer/state.go`). */
const OPERATOR_WORDS = new Set([
  'in',
  'or',
  'and',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'let',
  'if',
  'else',
]);
/** Operators that `not` may prefix (`not in`, `not contains`, …). */
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

const IDENT_CHAR = /[\p{L}\p{Nd}_$]/u;
const SPACE = /\s/u;

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && IDENT_CHAR.test(c);
}

/**
 * Splits expression text into tokens, as expr-lang's lexer does. Throws `ExprError` (located) on an
 * unterminated string or comment, an invalid escape, a malformed number or an unknown character.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const fail = (message: string, at: number): never => {
    throw new ExprError(message, source, at);
  };
  const push = (kind: TokenKind, value: string, pos: number) => tokens.push({ kind, value, pos });
  let i = 0;
  const n = source.length;
  while (i < n) {
    const start = i;
    const cp = source.codePointAt(i)!;
    const c = String.fromCodePoint(cp);
    if (SPACE.test(c)) {
      i += c.length;
      continue;
    }
    if (c === "'" || c === '"') {
      i = scanString(source, i, c, fail);
      let value = '';
      try {
        value = unescapeGo(source.slice(start + 1, i - 1), c);
      } catch (e) {
        fail((e as Error).message, start);
      }
      push('String', value, start);
      continue;
    }
    if (c === '`') {
      const close = source.indexOf('`', i + 1);
      if (close < 0) fail('literal not terminated', start);
      push('String', source.slice(i + 1, close), start);
      i = close + 1;
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && source[i + 1]! >= '0' && source[i + 1]! <= '9')) {
      i = scanNumber(source, i, fail);
      push('Number', source.slice(start, i), start);
      continue;
    }
    switch (c) {
      case '?':
        i++;
        if (source[i] === '.' || source[i] === '?') i++;
        push('Operator', source.slice(start, i), start);
        continue;
      case '/':
        if (source[i + 1] === '/') {
          const nl = source.indexOf('\n', i);
          i = nl < 0 ? n : nl + 1;
          continue;
        }
        if (source[i + 1] === '*') {
          const close = source.indexOf('*/', i + 2);
          if (close < 0) fail('unclosed comment', start);
          i = close + 2;
          continue;
        }
        i++;
        push('Operator', '/', start);
        continue;
      case '#': {
        i++;
        push('Operator', '#', start);
        const identStart = i;
        while (i < n && isIdentChar(source[i])) i++;
        if (i > identStart) push('Identifier', source.slice(identStart, i), identStart);
        continue;
      }
      case '|':
      case ':':
        i++;
        if (source[i] === c) i++;
        push('Operator', source.slice(start, i), start);
        continue;
      case '(':
      case '[':
      case '{':
      case ')':
      case ']':
      case '}':
        i++;
        push('Bracket', c, start);
        continue;
      case ',':
      case ';':
      case '%':
      case '+':
      case '-':
      case '^':
        i++;
        push('Operator', c, start);
        continue;
      case '&':
      case '!':
      case '=':
      case '*':
      case '<':
      case '>':
        i++;
        if ('&=*'.includes(source[i] ?? 'x')) i++;
        push('Operator', source.slice(start, i), start);
        continue;
      case '.':
        i++;
        if (source[i] === '.') i++;
        push('Operator', source.slice(start, i), start);
        continue;
    }
    if (isIdentChar(c)) {
      i += c.length;
      while (i < n) {
        const next = String.fromCodePoint(source.codePointAt(i)!);
        if (!isIdentChar(next)) break;
        i += next.length;
      }
      const word = source.slice(start, i);
      if (word === 'not') {
        push('Operator', word, start);
        // `not in`, `not contains`, …: the following word becomes its own operator token.
        let j = i;
        while (j < n && SPACE.test(source[j]!)) j++;
        let k = j;
        while (k < n && isIdentChar(source[k])) k++;
        const nextWord = source.slice(j, k);
        if (NEGATABLE.has(nextWord)) {
          push('Operator', nextWord, j);
          i = k;
        }
        continue;
      }
      push(OPERATOR_WORDS.has(word) ? 'Operator' : 'Identifier', word, start);
      continue;
    }
    fail(`unrecognized character: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`, start);
  }
  push('EOF', '', n);
  return tokens;
}

function scanString(
  source: string,
  start: number,
  quote: string,
  fail: (m: string, at: number) => never,
): number {
  let i = start + 1;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) return i + 1;
    if (c === '\n') break;
    i++;
  }
  return fail('literal not terminated', start);
}

function scanNumber(source: string, start: number, fail: (m: string, at: number) => never): number {
  let i = start;
  let digits = '0123456789_';
  if (source[i] === '0') {
    i++;
    const p = source[i];
    if (p === 'x' || p === 'X') {
      digits = '0123456789abcdefABCDEF_';
      i++;
    } else if (p === 'o' || p === 'O') {
      digits = '01234567_';
      i++;
    } else if (p === 'b' || p === 'B') {
      digits = '01_';
      i++;
    }
  }
  while (i < source.length && digits.includes(source[i]!)) i++;
  if (source[i] === '.') {
    // `1..2` is a range: the dot belongs to the `..` operator.
    if (source[i + 1] === '.') return i;
    i++;
    while (i < source.length && digits.includes(source[i]!)) i++;
  }
  if (source[i] === 'e' || source[i] === 'E') {
    i++;
    if (source[i] === '+' || source[i] === '-') i++;
    while (i < source.length && digits.includes(source[i]!)) i++;
  }
  if (isIdentChar(source[i])) fail(`bad number syntax: ${JSON.stringify(source.slice(start, i + 1))}`, start);
  return i;
}
