/**
 * Text rendering of `palisade explain`: per line, each stage, each top-level node that ran with
 * ✓/✗ and what it changed, then the verdict. Without `verbose`, nodes whose filter did not apply
 * are folded into one count per stage and long values are shortened; with it, everything is shown,
 * including the engine's details (grok matched, static set, moved to stage…).
 */
import { quoteGo } from '../expr/values/format.ts';
import type { FieldChange, LineExplanation, NodeStep, TraceDetail } from './explain-trace.ts';

/** Options of the renderer. */
export interface RenderOptions {
  readonly verbose: boolean;
  /** Longest value shown without `verbose` (in UTF-16 units). Default 120. */
  readonly maxValueChars?: number;
}

const OK = '✓';
const FAIL = '✗';
const FILTER_FALSE = 'filter is false';

/** The text of one explained line (ends with a newline). */
export function renderExplanation(x: LineExplanation, options: RenderOptions): string {
  const max = options.verbose ? Number.POSITIVE_INFINITY : (options.maxValueChars ?? 120);
  const lines: string[] = [`line ${x.index}: ${display(x.raw, max)}`];
  let stage: string | undefined;
  let folded = 0;
  const closeStage = () => {
    if (folded > 0)
      lines.push(`    · ${folded} other node${folded === 1 ? '' : 's'} did not apply (filter false)`);
    folded = 0;
  };
  for (const step of x.steps) {
    if (step.stage !== stage) {
      closeStage();
      stage = step.stage;
      lines.push(`  ${stage}`);
    }
    if (!options.verbose && isFilterMiss(step)) {
      folded++;
      continue;
    }
    lines.push(`    ${step.success ? OK : FAIL} ${step.node}${options.verbose ? '' : hint(step)}`);
    for (const c of step.changes) lines.push(`        ${renderChange(c, max)}`);
    if (options.verbose) for (const d of step.details) lines.push(`        · ${renderDetail(d, step.node)}`);
  }
  closeStage();
  for (const d of x.trailing) lines.push(`  ! ${renderDetail(d, '')}`);
  lines.push(`  => ${verdict(x)}`);
  return `${lines.join('\n')}\n`;
}

/** `parsed`, `parsed, whitelisted (reason)` or `dropped at stage X: why`. */
export function verdict(x: LineExplanation): string {
  if (x.parsed)
    return x.whitelisted ? `parsed, but whitelisted (${x.whitelistReason}): not poured` : 'parsed';
  if (x.finalStage === '') return 'dropped: no parser node is loaded';
  if (x.trailing.some((d) => d.what.startsWith('parse aborted')))
    return `dropped at stage ${x.finalStage}: parse aborted`;
  const inStage = x.steps.filter((s) => s.stage === x.finalStage);
  const why = inStage.some((s) => s.success)
    ? 'no successful node moved it to the next stage (onsuccess: next_stage)'
    : 'no node succeeded';
  return `dropped at stage ${x.finalStage}: ${why}`;
}

/** Counts over all explained lines, for the closing summary. */
export interface ExplainTotals {
  lines: number;
  parsed: number;
  whitelisted: number;
  /** Dropped lines by the stage where they stopped. */
  dropped: Map<string, number>;
  /** Input lines rejected by the reader (too long). */
  rejected: number;
}

/** Fresh totals. */
export function newTotals(): ExplainTotals {
  return { lines: 0, parsed: 0, whitelisted: 0, dropped: new Map(), rejected: 0 };
}

/** Adds one explanation to `totals`. */
export function countExplanation(totals: ExplainTotals, x: LineExplanation): void {
  totals.lines++;
  if (x.parsed) {
    totals.parsed++;
    if (x.whitelisted) totals.whitelisted++;
  } else totals.dropped.set(x.finalStage, (totals.dropped.get(x.finalStage) ?? 0) + 1);
}

/** One summary line: `3 lines: 2 parsed, 1 dropped (s01-parse: 1)`. */
export function renderTotals(t: ExplainTotals): string {
  const dropped = [...t.dropped.values()].reduce((a, b) => a + b, 0);
  let text = `${t.lines} line${t.lines === 1 ? '' : 's'}: ${t.parsed} parsed`;
  if (t.whitelisted > 0) text += ` (${t.whitelisted} whitelisted)`;
  text += `, ${dropped} dropped`;
  if (dropped > 0) {
    const byStage = [...t.dropped.entries()].map(([s, n]) => `${s === '' ? 'no stage' : s}: ${n}`);
    text += ` (${byStage.join(', ')})`;
  }
  if (t.rejected > 0) text += `, ${t.rejected} rejected by the reader (too long)`;
  return `${text}\n`;
}

/** A failed node that only failed its filter: nothing ran, nothing changed. */
function isFilterMiss(step: NodeStep): boolean {
  return (
    !step.success &&
    step.changes.length === 0 &&
    step.details.some((d) => d.path.length <= 1 && d.what === FILTER_FALSE)
  );
}

/** Without verbose: why a node failed, from the engine's details (its own first, then its children's). */
function hint(step: NodeStep): string {
  if (step.success) return '';
  const own = step.details.find((d) => d.path.length <= 1 && d.what !== 'node failed');
  if (own) return `  (${own.what})`;
  const missed = step.details.filter((d) => d.path.length > 1 && GROK_MISS.test(d.what)).length;
  if (missed > 0) return `  (no child matched: ${missed} grok${missed === 1 ? '' : 's'} did not match)`;
  return '';
}

const GROK_MISS = /^grok .* did not match$/;

function renderChange(c: FieldChange, max: number): string {
  if (c.op === '+') return `+ ${c.field} = ${display(c.value, max)}`;
  if (c.op === '-') return `- ${c.field} (was ${display(c.value, max)})`;
  return `~ ${c.field} = ${display(c.value, max)} (was ${display(c.old ?? '', max)})`;
}

function renderDetail(d: TraceDetail, topNode: string): string {
  // The top-level name is already on the node's line: show only the path below it.
  const below = d.path.length > 0 && d.path[0] === topNode ? d.path.slice(1) : d.path;
  return below.length > 0 ? `${below.join(' > ')}: ${d.what}` : d.what;
}

// Log content is attacker-controlled: quote anything that could move the cursor or hide spaces.
const NEEDS_QUOTES = /^$|^\s|\s$|[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** A value as shown: quoted Go-style when needed, shortened past `max` characters. */
export function display(value: string, max: number): string {
  let text = value;
  let cut = '';
  if (text.length > max) {
    let end = max;
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end--;
    text = text.slice(0, end);
    cut = `… (${value.length} chars)`;
  }
  return (NEEDS_QUOTES.test(text) ? quoteGo(text, false) : text) + cut;
}
