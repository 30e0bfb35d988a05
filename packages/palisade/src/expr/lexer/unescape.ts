/**
 * Go-style unescaping of a quoted string literal body (expr-lang `lexer/utils.go`): `\a \b \f \n \r
 * \t \v \\ \' \"`, `\xHH`, `\uHHHH`, `\UHHHHHHHH` and three-digit octal `\NNN`. An unescaped quote of
 * the literal's own kind or an unknown escape is an error.
 *
 * Go's `\xHH` and octal escapes produce raw bytes: consecutive byte escapes are decoded together as
 * UTF-8 (`"\xc3\xa9"` is `é`). Approximation: a byte sequence that is not valid UTF-8 cannot be held
 * in a JS string and becomes U+FFFD.
 */
export function unescapeGo(body: string, quote: string): string {
  if (!body.includes('\\')) {
    if (body.includes(quote)) throw new Error('unable to unescape string');
    return body;
  }
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length > 0) {
      out += Buffer.from(bytes).toString('utf8');
      bytes = [];
    }
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (!(c === '\\' && /^[xX0-7]$/.test(body[i + 1] ?? ''))) flush();
    if (c === quote) throw new Error('unable to unescape string');
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    if (i + 1 >= body.length) throw new Error("unable to unescape string, found '\\' as last character");
    const e = body[i + 1]!;
    i += 2;
    switch (e) {
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
      case "'":
      case '"':
        out += e;
        break;
      case 'x':
      case 'X':
      case 'u':
      case 'U': {
        const n = e === 'u' ? 4 : e === 'U' ? 8 : 2;
        const hex = body.slice(i, i + n);
        if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) throw new Error('unable to unescape string');
        const v = Number.parseInt(hex, 16);
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff && n > 2))
          throw new Error('unable to unescape string');
        if (n === 2) bytes.push(v);
        else out += String.fromCodePoint(v);
        i += n;
        break;
      }
      default: {
        if (e >= '0' && e <= '7') {
          const oct = body.slice(i - 1, i + 2);
          if (oct.length < 3 || !/^[0-7]{3}$/.test(oct)) throw new Error('unable to unescape string');
          const v = Number.parseInt(oct, 8);
          if (v > 255) throw new Error('unable to unescape string');
          bytes.push(v);
          i += 2;
          break;
        }
        throw new Error('unable to unescape string');
      }
    }
  }
  flush();
  return out;
}
