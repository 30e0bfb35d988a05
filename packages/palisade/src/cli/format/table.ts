/**
 * Human tables for the admin commands, drawn like cscli's (rounded box, one space of padding,
 * columns as wide as their widest cell). Cells are sanitised first: values such as scenarios,
 * reasons or bouncer user agents come from the network and must not reach the terminal as control
 * sequences.
 */

/** Column alignment: text left, numbers usually right. */
export type Align = 'left' | 'right';

/** One column of a table: its header and how to align its cells. */
export interface TableColumn {
  readonly header: string;
  readonly align?: Align;
}

/**
 * Replaces control characters (C0, DEL, C1) with `?` so a cell is one line of printable text;
 * linear in the input.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Display width of a cell: code points (emoji and CJK count as one, a known approximation). */
function width(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function pad(text: string, to: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Renders `rows` (one string per column) under `columns` as a boxed table ending with a newline.
 * With no rows only the header box is drawn; callers usually print a "No … found" line instead.
 */
export function renderTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((_, i) => printable(row[i] ?? '')));
  const headers = columns.map((c) => printable(c.header));
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] as string))));
  const rule = (left: string, mid: string, right: string) =>
    `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}\n`;
  const line = (values: readonly string[], header: boolean) =>
    `│${values
      .map((v, i) => ` ${pad(v, widths[i] as number, header ? 'left' : (columns[i]?.align ?? 'left'))} `)
      .join('│')}│\n`;
  let out = rule('╭', '┬', '╮') + line(headers, true);
  if (cells.length > 0) out += rule('├', '┼', '┤');
  for (const r of cells) out += line(r, false);
  return out + rule('╰', '┴', '╯');
}
