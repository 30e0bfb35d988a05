/**
 * SQL-injection detection in the manner of libinjection: the input is tokenized as SQL three
 * times (as is, and as if it followed an opening `'` or `"` string, since attacks usually break
 * out of a quoted value), the tokens are reduced to a fingerprint of at most five type letters,
 * and the fingerprint is checked against known injection shapes.
 *
 * Token letters follow libinjection: `s` string, `1` number, `n` bare word, `k` keyword, `U`
 * UNION, `E` statement (SELECT/INSERT/…), `f` function, `o` operator, `&` logic operator,
 * `(` `)` `,` `;`, `c` comment, `v` variable. libinjection's ~9,000-entry fingerprint database is
 * not reproduced: `isSqliFingerprint` recognises the common families with rules instead, so the
 * result is an approximation (see the rules below).
 */

const KEYWORDS_E = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'DROP',
  'CREATE',
  'ALTER',
  'EXEC',
  'EXECUTE',
  'TRUNCATE',
  'DECLARE',
  'WAITFOR',
  'SHUTDOWN',
  'REPLACE',
  'HANDLER',
  'LOAD_FILE',
]);
const KEYWORDS_K = new Set([
  'FROM',
  'WHERE',
  'INTO',
  'VALUES',
  'TABLE',
  'HAVING',
  'GROUP',
  'ORDER',
  'BY',
  'LIMIT',
  'OFFSET',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'AS',
  'JOIN',
  'DELAY',
  'PROCEDURE',
  'OUTFILE',
  'DUMPFILE',
  'INFORMATION_SCHEMA',
  'NULL',
  'ALL',
  'DISTINCT',
  'TOP',
  'SET',
]);
const LOGIC = new Set(['AND', 'OR', 'XOR', 'NOT', '&&', '||']);
const OPWORDS = new Set(['LIKE', 'RLIKE', 'REGEXP', 'IS', 'IN', 'BETWEEN', 'SOUNDS', 'DIV', 'MOD']);
const FUNCTIONS = new Set([
  'SLEEP',
  'BENCHMARK',
  'CHAR',
  'CHR',
  'CONCAT',
  'CONCAT_WS',
  'ASCII',
  'ORD',
  'HEX',
  'UNHEX',
  'SUBSTRING',
  'SUBSTR',
  'MID',
  'VERSION',
  'USER',
  'DATABASE',
  'CAST',
  'CONVERT',
  'COUNT',
  'IF',
  'IFNULL',
  'LENGTH',
  'MD5',
  'SHA1',
  'PG_SLEEP',
  'EXTRACTVALUE',
  'UPDATEXML',
  'GROUP_CONCAT',
  'LOAD_FILE',
  'DBMS_PIPE',
  'UTL_INADDR',
  'XP_CMDSHELL',
]);

/** Tokenizes `s` (starting in string context `quote` when given) into libinjection type letters. */
export function sqlTokens(s: string, quote: '' | "'" | '"'): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  if (quote) {
    // The input continues a string opened before it: the first token is that string's tail.
    const end = s.indexOf(quote);
    out.push('s');
    if (end < 0) return out;
    i = end + 1;
  }
  while (i < n && out.length < 8) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const end = s.indexOf(c, i + 1);
      out.push(c === '`' ? 'n' : 's');
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === '-' && s[i + 1] === '-') {
      out.push('c');
      break;
    }
    if (c === '#') {
      out.push('c');
      break;
    }
    if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      // MySQL executable comments /*! … */ are code, not comments.
      if (s[i + 2] === '!') {
        i += 3;
        continue;
      }
      out.push('c');
      i = end < 0 ? n : end + 2;
      continue;
    }
    if ('(),;'.includes(c)) {
      out.push(c);
      i++;
      continue;
    }
    if (c === '@') {
      let j = i + 1;
      while (j < n && /[\w@.$]/.test(s[j])) j++;
      out.push('v');
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9a-fA-FxX.eE]/.test(s[j])) j++;
      out.push('1');
      i = j;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$.]/.test(s[j])) j++;
      const w = s.slice(i, j).toUpperCase();
      i = j;
      if (w === 'UNION') out.push('U');
      else if (KEYWORDS_E.has(w)) out.push('E');
      else if (LOGIC.has(w)) out.push('&');
      else if (OPWORDS.has(w)) out.push('o');
      else if (FUNCTIONS.has(w) && /^\s*\(/.test(s.slice(j, j + 64))) out.push('f');
      else if (KEYWORDS_K.has(w)) out.push('k');
      else out.push('n');
      continue;
    }
    if (c === '&' && s[i + 1] === '&') {
      out.push('&');
      i += 2;
      continue;
    }
    if (c === '|' && s[i + 1] === '|') {
      out.push('&');
      i += 2;
      continue;
    }
    if ('=<>!+-*/%^|&~:'.includes(c)) {
      let j = i + 1;
      while (j < n && '=<>!|&'.includes(s[j])) j++;
      out.push('o');
      i = j;
      continue;
    }
    i++; // unknown character: skipped, as libinjection skips unparsable bytes
  }
  return out;
}

/** Folds runs libinjection folds: adjacent operators, and unary signs before numbers. */
function fold(tokens: string[]): string {
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (t === 'o' && prev === 'o') continue;
    if (t === '1' && prev === 'o' && (out.length === 1 || '(,&o'.includes(out[out.length - 2]))) {
      out[out.length - 1] = '1';
      continue;
    }
    out.push(t);
  }
  return out.slice(0, 5).join('');
}

/**
 * Fingerprint families treated as SQL injection: a string break followed by a logic operator or
 * a comparison (`s&1`, `sos`, `s&s`), UNION-based (`U` then `E`), stacked statements (`;E`),
 * truncation after a break (`sc`, `s;`), function calls used as payloads (`&f(`), and tautologies
 * on numbers (`1&1`, `1o1&`).
 */
export function isSqliFingerprint(fp: string, quoted: boolean): boolean {
  if (/U(E|\()/.test(fp) || /UkE/.test(fp)) return true;
  if (/;E/.test(fp) || (/^E(k|n|1|v|\(|f)/.test(fp) && fp.length >= 3 && /k|f/.test(fp))) return true;
  if (/&f\(|^f\(.*\)/.test(fp) && fp.includes('f(')) return /&|o|^f\(1|^f\(v/.test(fp);
  if (quoted) {
    if (/^s(&|o)(1|s|n|v|f|\()/.test(fp)) return true;
    if (/^s(c|;)/.test(fp) && fp.length >= 2) return true;
    if (/^s\)/.test(fp) && /&|U|;/.test(fp)) return true;
  }
  if (/^1(&|o)1(&|o|c|$)/.test(fp) && fp.includes('&')) return true;
  if (/^1(&|o)(s|v|f)/.test(fp) && fp.includes('&')) return true;
  if (/^(1|n)\)(&|U|;|o)/.test(fp)) return true;
  if (/^(1|n)(&)(1|s|v|f|n)(o|&|c|$)/.test(fp) && !/^n&n$/.test(fp)) return true;
  return false;
}

/** libinjection `libinjection_sqli` approximation: true when any context yields an injection shape. */
export function isSqli(input: string): boolean {
  if (input.length === 0) return false;
  const s = input.length > 4096 ? input.slice(0, 4096) : input;
  if (isSqliFingerprint(fold(sqlTokens(s, '')), false)) return true;
  if (s.includes("'") && isSqliFingerprint(fold(sqlTokens(s, "'")), true)) return true;
  if (s.includes('"') && isSqliFingerprint(fold(sqlTokens(s, '"')), true)) return true;
  return false;
}

/** The fingerprint of `input` in the as-is context (exposed for tests and diagnostics). */
export function sqliFingerprint(input: string, quote: '' | "'" | '"' = ''): string {
  return fold(sqlTokens(input, quote));
}
