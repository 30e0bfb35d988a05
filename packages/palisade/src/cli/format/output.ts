/**
 * The three output formats of the admin commands (`-o human|json|raw`, like cscli) and one way to
 * print a list of records in any of them, so each command declares its columns once.
 */
import { Duration } from '../../expr/values/duration.ts';
import { csvLine } from './csv.ts';
import { type Align, renderTable } from './table.ts';

/** `human`: aligned table; `json`: indented JSON with stable field names; `raw`: CSV with a header. */
export type OutputFormat = 'human' | 'json' | 'raw';

/** The accepted values of `-o`, in the order help lists them. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['human', 'json', 'raw'];

/** Returns the format named by `-o`, or undefined when the name is not one of OUTPUT_FORMATS. */
export function parseOutputFormat(name: string): OutputFormat | undefined {
  return (OUTPUT_FORMATS as readonly string[]).includes(name) ? (name as OutputFormat) : undefined;
}

/**
 * One field of a listed record: `header` in tables, `key` in JSON objects and as the CSV header,
 * `text` for tables and CSV, `json` (default: `text`) for JSON, where numbers and booleans keep
 * their type.
 */
export interface Field<T> {
  readonly header: string;
  readonly key: string;
  readonly text: (record: T) => string;
  readonly json?: (record: T) => unknown;
  /** The CSV text (default: `text`), when the table shows a friendlier form. */
  readonly raw?: (record: T) => string;
  readonly align?: Align;
  /** Left out of the human table (still in JSON and CSV), e.g. long identifiers. */
  readonly tableHidden?: boolean;
  /** Only in the human table (a combined column whose parts JSON and CSV carry separately). */
  readonly tableOnly?: boolean;
}

/**
 * Renders `records` in `format`. JSON is always an array (`[]` when empty, unlike the LAPI's
 * `null`, so scripts can iterate without a check); raw CSV always has its header line; the human
 * table is replaced by `empty` when there is nothing to show.
 */
export function renderRecords<T>(
  format: OutputFormat,
  fields: readonly Field<T>[],
  records: readonly T[],
  empty: string,
): string {
  if (format !== 'human') fields = fields.filter((f) => !f.tableOnly);
  if (format === 'json') {
    const objects = records.map((r) =>
      Object.fromEntries(fields.map((f) => [f.key, f.json ? f.json(r) : f.text(r)])),
    );
    return `${JSON.stringify(objects, null, 2)}\n`;
  }
  if (format === 'raw') {
    return (
      csvLine(fields.map((f) => f.key)) +
      records.map((r) => csvLine(fields.map((f) => (f.raw ?? f.text)(r)))).join('')
    );
  }
  if (records.length === 0) return `${empty}\n`;
  const shown = fields.filter((f) => !f.tableHidden);
  return renderTable(
    shown.map((f) => ({ header: f.header, align: f.align })),
    records.map((r) => shown.map((f) => f.text(r))),
  );
}

/** A time (epoch ms) for tables and CSV: RFC 3339 in UTC to the second, or '' when absent. */
export function dateText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 19)}Z`;
}

/** A time (epoch ms) for JSON: RFC 3339 in UTC to the second, or null when absent. */
export function dateJson(ms: number | null | undefined): string | null {
  const t = dateText(ms);
  return t === '' ? null : t;
}

/** A date field (table, JSON and CSV) named `key` over epoch ms or null. */
export function dateField<T>(
  header: string,
  key: string,
  get: (record: T) => number | null,
  tableHidden = false,
): Field<T> {
  return { header, key, text: (r) => dateText(get(r)), json: (r) => dateJson(get(r)), tableHidden };
}

/**
 * Time left until `until` as Go prints a Duration, to the second (`3h59m58s`, `-1m3s` once
 * expired), as the LAPI reports decision durations.
 */
export function timeLeft(until: number, now: number): string {
  return new Duration(Math.round((until - now) / 1000) * 1e9).String();
}
