/**
 * Reading the input of `palisade decisions import`: the three formats cscli accepts.
 *
 * - `csv`: a header line naming the columns (`value` required; `duration`, `type`, `scope`,
 *   `reason`, `origin` optional, in any order, case-insensitive; unknown columns ignored), then one
 *   decision per line.
 * - `json`: an array of objects with the same keys.
 * - `values`: one value per line (blank lines and `#` comments skipped), everything else from the
 *   defaults.
 *
 * Missing or empty fields take the defaults (`--duration`, `--type`, `--scope`, `--reason`).
 * Every decision is checked (scope-aware value, positive duration, non-empty type); a bad one is
 * reported with its line number and skipped, so one typo does not abort an import of thousands.
 * The `origin` field is accepted for compatibility but imported decisions always get the origin
 * `cscli-import` (as cscli does), so bouncers filtering on origins see them consistently.
 */
import { extname } from 'node:path';
import { normaliseScope, parseDecisionDuration, valueProblem } from './decision-values.ts';
import { readCsv } from './format/csv.ts';

/** The input formats of `decisions import`. */
export type ImportFormat = 'csv' | 'json' | 'values';

/** Values used for the fields an entry leaves out. */
export interface ImportDefaults {
  readonly duration: string;
  readonly type: string;
  readonly scope: string;
  readonly reason: string;
}

/** One decision to import, checked and normalised. */
export interface ImportEntry {
  /** 1-based line of the input where the entry starts. */
  readonly line: number;
  readonly value: string;
  /** Scope normalised (Ip, Range, AS, Country, or as given). */
  readonly scope: string;
  readonly type: string;
  /** The duration as written (e.g. `4h`) and in nanoseconds. */
  readonly duration: string;
  readonly durationNs: number;
  readonly reason: string;
}

/** An entry that was skipped, and why. */
export interface ImportProblem {
  readonly line: number;
  readonly message: string;
}

/** The outcome of reading an input: entries to insert and the lines skipped. */
export interface ImportParse {
  readonly entries: ImportEntry[];
  readonly problems: ImportProblem[];
}

/** Thrown when the input as a whole cannot be read (no header, not a JSON array, …). */
export class ImportFormatError extends Error {
  override readonly name = 'ImportFormatError';
}

/** The format implied by a file name's extension (`.csv`, `.json`, `.txt`/`.values`), if any. */
export function guessImportFormat(file: string): ImportFormat | undefined {
  switch (extname(file).toLowerCase()) {
    case '.csv':
      return 'csv';
    case '.json':
      return 'json';
    case '.txt':
    case '.values':
    case '.list':
      return 'values';
    default:
      return undefined;
  }
}

/** Reads `text` in `format`; throws ImportFormatError only when nothing can be read at all. */
export function parseImport(text: string, format: ImportFormat, defaults: ImportDefaults): ImportParse {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (format === 'csv') return parseCsvImport(body, defaults);
  if (format === 'json') return parseJsonImport(body, defaults);
  return parseValuesImport(body, defaults);
}

type RawFields = Partial<Record<'value' | 'duration' | 'type' | 'scope' | 'reason', string>>;

/** Fills defaults in and checks one entry; returns the entry or the problem. */
export function checkEntry(
  line: number,
  raw: RawFields,
  defaults: ImportDefaults,
): ImportEntry | ImportProblem {
  const pick = (key: keyof RawFields, fallback: string) => {
    const v = raw[key]?.trim();
    return v === undefined || v === '' ? fallback : v;
  };
  const value = raw.value?.trim() ?? '';
  if (value === '') return { line, message: "missing 'value'" };
  const scope = normaliseScope(pick('scope', defaults.scope));
  const problem = valueProblem(scope, value);
  if (problem) return { line, message: problem };
  const duration = pick('duration', defaults.duration);
  const ns = parseDecisionDuration(duration);
  if (typeof ns === 'string') return { line, message: ns };
  const type = pick('type', defaults.type);
  if (/[\s\u0000-\u001f]/.test(type)) return { line, message: `invalid type '${type}'` };
  return { line, value, scope, type, duration, durationNs: ns, reason: pick('reason', defaults.reason) };
}

const KNOWN_COLUMNS = new Set(['value', 'duration', 'type', 'scope', 'reason', 'origin']);

function parseCsvImport(text: string, defaults: ImportDefaults): ImportParse {
  const { records, problems: csvProblems } = readCsv(text);
  const problems: ImportProblem[] = [...csvProblems];
  const header = records.shift();
  if (!header)
    throw new ImportFormatError(
      'the CSV input is empty: expected a header line (e.g. value,duration,type,scope,reason)',
    );
  const columns = header.fields.map((h) => h.trim().toLowerCase());
  if (!columns.includes('value')) {
    throw new ImportFormatError(
      `line ${header.line}: the CSV header has no 'value' column (found: ${columns.join(',')})`,
    );
  }
  const entries: ImportEntry[] = [];
  for (const record of records) {
    if (record.fields.length !== columns.length) {
      problems.push({
        line: record.line,
        message: `expected ${columns.length} fields as in the header, found ${record.fields.length}`,
      });
      continue;
    }
    const raw: RawFields = {};
    columns.forEach((c, i) => {
      if (KNOWN_COLUMNS.has(c) && c !== 'origin') raw[c as keyof RawFields] = record.fields[i];
    });
    addChecked(entries, problems, checkEntry(record.line, raw, defaults));
  }
  return { entries, problems: sortByLine(problems) };
}

function parseValuesImport(text: string, defaults: ImportDefaults): ImportParse {
  const entries: ImportEntry[] = [];
  const problems: ImportProblem[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const value = rawLine.trim();
    if (value === '' || value.startsWith('#')) return;
    addChecked(entries, problems, checkEntry(i + 1, { value }, defaults));
  });
  return { entries, problems };
}

function parseJsonImport(text: string, defaults: ImportDefaults): ImportParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ImportFormatError(`invalid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new ImportFormatError('the JSON input must be an array of decisions');
  const lines = elementLines(text);
  const entries: ImportEntry[] = [];
  const problems: ImportProblem[] = [];
  data.forEach((item: unknown, i) => {
    const line = lines[i] ?? 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ line, message: `item ${i + 1}: expected an object` });
      return;
    }
    const raw: RawFields = {};
    for (const key of ['value', 'duration', 'type', 'scope', 'reason'] as const) {
      if (!Object.hasOwn(item, key)) continue;
      const v = (item as Record<string, unknown>)[key];
      if (typeof v !== 'string') {
        problems.push({ line, message: `item ${i + 1}: '${key}' must be a string` });
        return;
      }
      raw[key] = v;
    }
    addChecked(entries, problems, checkEntry(line, raw, defaults));
  });
  return { entries, problems };
}

/**
 * The 1-based line where each element of the top-level JSON array starts: one linear scan that
 * tracks strings and nesting depth (the text is already known to be valid JSON).
 */
export function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (depth === 1 && expectElement && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

function addChecked(entries: ImportEntry[], problems: ImportProblem[], r: ImportEntry | ImportProblem): void {
  if ('value' in r) entries.push(r);
  else problems.push(r);
}

function sortByLine(problems: ImportProblem[]): ImportProblem[] {
  return problems.sort((a, b) => a.line - b.line);
}
