/**
 * CSV in both directions: writing `-o raw` output (RFC 4180 quoting) and reading
 * `decisions import` files. The reader is a single pass over the text with no backtracking, and it
 * keeps the line number of each record so errors can name it. Records are single lines: a quoted
 * field may hold commas and doubled quotes but not a line break.
 */

/** Quotes a field when it holds a comma, a quote, or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (with its newline) from `fields`. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

/** A record read from a CSV text: its fields and the 1-based line where it starts. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/** A record that could not be read (an unterminated quote, text after a closing quote). */
export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * Splits `text` into records, one per line. Quoted fields may hold commas and doubled quotes.
 * Blank lines are skipped. A malformed record is reported with its line and reading resumes at
 * the next line, so one bad line does not hide the rest of the file.
 */
export function readCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let bad: string | undefined;
    let atFieldStart = true;
    let quoted = false;
    // One record: ends at an unquoted newline or the end of the text.
    for (;;) {
      if (i >= n) {
        if (quoted) bad ??= 'unterminated quoted field';
        break;
      }
      const c = text[i] as string;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          const next = text[i];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
            bad ??= 'unexpected text after a closing quote';
          }
          continue;
        }
        if (c === '\n' || c === '\r') {
          // Line breaks inside quotes are refused (no decision field holds one): an unbalanced
          // quote then costs one line, not the rest of the file, and reading stays linear.
          bad = 'unterminated quoted field';
          quoted = false;
          continue;
        }
        field += c;
        i++;
        continue;
      }
      if (c === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
        i++;
        continue;
      }
      if (c === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        break;
      }
      if (c === '"') bad ??= 'a quote inside an unquoted field';
      field += c;
      atFieldStart = false;
      i++;
    }
    fields.push(field);
    if (bad !== undefined) {
      problems.push({ line: start, message: bad });
      continue;
    }
    if (fields.length === 1 && fields[0]?.trim() === '') continue;
    records.push({ line: start, fields });
  }
  return { records, problems };
}
