/**
 * `hub lint`: loads every parser, postoverflow, scenario and context item of a hub, compiles
 * every expression with its site's variables, and every grok pattern the way CrowdSec registers
 * them (pattern directory into two hosts, `pattern_syntax` in load order, inline and named groks).
 *
 * The compilers are injected (`LintCompilers`), so this module depends on no compiler
 * implementation and can be tested with fakes; `cli/hub.ts` wires the real ones.
 */
import { join, relative, sep } from 'node:path';
import type { ExprEnv } from '../event/index.ts';
import type { HubError } from './errors.ts';
import { type HubContent, loadHub } from './loader.ts';
import { type ExprSite, type GrokHostName, type GrokSite, siteLine } from './sites.ts';

/** Where a grok pattern is written, for the host's error messages. */
export interface LintGrokOrigin {
  readonly file: string;
  readonly line: number;
}

/** A grok pattern host, as the linter uses it. Every method throws on failure. */
export interface LintGrokHost {
  /**
   * Registers a `pattern_syntax` entry; a name already defined keeps its first body (CrowdSec
   * only warns): the warning is returned, undefined otherwise.
   */
  registerSyntax(name: string, pattern: string, origin: LintGrokOrigin): string | undefined;
  /**
   * Loads the pattern files of `dir` (every definition is compiled as it is added). Returns how
   * many definitions were loaded, and the error that stopped loading, if any.
   */
  loadPatternDirectory(dir: string): { loaded: number; error?: unknown };
  /** Compiles an inline pattern without registering it. */
  compile(pattern: string, origin: LintGrokOrigin): unknown;
  /** Compiles a registered pattern by name. */
  compileNamed(name: string, origin: LintGrokOrigin): unknown;
}

/** The compilers the linter drives. */
export interface LintCompilers {
  /** Compiles one expression; throws an error (ideally with `line`/`column`/`reason`) on failure. */
  compileExpression(source: string, env: ExprEnv, site: ExprSite): void;
  /** A fresh grok host holding the base patterns. */
  newGrokHost(name: GrokHostName): LintGrokHost;
}

/** One problem found by the linter. */
export interface LintFailure {
  readonly what: 'item' | 'expression' | 'grok';
  /** File relative to the hub directory. */
  readonly file: string;
  readonly line: number;
  /** The expression or pattern (whitespace collapsed), or '' for item errors. */
  readonly subject: string;
  readonly reason: string;
}

/** The linter's result. */
export interface LintReport {
  readonly expressions: { readonly total: number; readonly compiled: number };
  readonly grok: { readonly total: number; readonly compiled: number };
  readonly items: { readonly total: number; readonly failed: number };
  readonly failures: readonly LintFailure[];
  /** Things CrowdSec only warns about (a `pattern_syntax` name redefined differently, …). */
  readonly warnings: readonly string[];
}

/** Loads the hub at `dir` and lints it. Throws only if `dir` cannot be listed. */
export function lintHub(dir: string, compilers: LintCompilers): LintReport {
  return lintContent(loadHub(dir), compilers);
}

/** Lints already-loaded hub content. */
export function lintContent(content: HubContent, compilers: LintCompilers): LintReport {
  const failures: LintFailure[] = [];
  const failedFiles = new Set<string>();
  for (const item of content.items) {
    for (const e of item.errors) failures.push(itemFailure(e));
    if (item.errors.length > 0) failedFiles.add(item.path);
  }

  let compiledExpr = 0;
  for (const site of content.exprSites) {
    try {
      compilers.compileExpression(site.source, site.env, site);
      compiledExpr++;
    } catch (err) {
      const { line, reason } = describeError(err);
      failures.push({
        what: 'expression',
        file: site.where.file,
        line: siteLine(site, line),
        subject: oneLine(site.source),
        reason,
      });
      failedFiles.add(site.where.file);
    }
  }

  const warnings: string[] = [];
  const grok = lintGrok(content, compilers, failures, failedFiles, warnings);
  return {
    expressions: { total: content.exprSites.length, compiled: compiledExpr },
    grok,
    items: {
      total: content.items.length,
      failed: content.items.filter((i) => failedFiles.has(i.path)).length,
    },
    failures,
    warnings,
  };
}

function lintGrok(
  content: HubContent,
  compilers: LintCompilers,
  failures: LintFailure[],
  failedFiles: Set<string>,
  warnings: string[],
): { total: number; compiled: number } {
  const patternsDir = join(content.dir, 'patterns');
  let compiled = 0;
  let total = content.grokSites.length;
  for (const hostName of ['parsers', 'postoverflows'] as const) {
    const sites = content.grokSites.filter((s) => s.host === hostName);
    const host = compilers.newGrokHost(hostName);
    const { loaded, error } = host.loadPatternDirectory(patternsDir);
    // Both hosts load the same files: count (and report) them once.
    if (hostName === 'parsers') {
      total += loaded + (error === undefined ? 0 : 1);
      compiled += loaded;
      if (error !== undefined) failures.push(patternFileFailure(error, content.dir));
    }
    for (const site of sites) {
      const origin = { file: site.where.file, line: site.where.line };
      try {
        if (site.kind === 'syntax') {
          const warning = host.registerSyntax(site.name, site.pattern, origin);
          if (warning !== undefined) warnings.push(warning);
        } else if (site.kind === 'pattern') host.compile(site.pattern, origin);
        else host.compileNamed(site.name, origin);
        compiled++;
      } catch (err) {
        const reason = grokReason(err, site, origin);
        failures.push({
          what: 'grok',
          file: site.where.file,
          line: site.where.line,
          subject: grokSubject(site),
          reason,
        });
        failedFiles.add(site.where.file);
      }
    }
  }
  return { total, compiled };
}

/** A pattern-file error, located by the `file`/`line` a grok error carries. */
function patternFileFailure(err: unknown, hubDir: string): LintFailure {
  const e = (err ?? {}) as { file?: unknown; line?: unknown; patternName?: unknown };
  const file = typeof e.file === 'string' ? relative(hubDir, e.file).split(sep).join('/') : 'patterns';
  const line = typeof e.line === 'number' ? e.line : 0;
  const subject = typeof e.patternName === 'string' ? e.patternName : '';
  let { reason } = describeError(err);
  const prefix = `grok pattern ${subject} (`;
  if (subject && reason.startsWith(prefix)) reason = reason.slice(reason.indexOf('): ') + 3);
  return { what: 'grok', file, line, subject, reason };
}

function itemFailure(e: HubError): LintFailure {
  return { what: 'item', file: e.where.file, line: e.where.line, subject: '', reason: e.message };
}

function grokSubject(site: GrokSite): string {
  if (site.kind === 'named') return `%{${site.name}}`;
  if (site.kind === 'syntax') return `${site.name} ${oneLine(site.pattern)}`;
  return oneLine(site.pattern);
}

/**
 * The bare reason of a grok error: its message without the "grok pattern X (file:line): " prefix
 * that our own report line already carries.
 */
function grokReason(err: unknown, site: GrokSite, origin: LintGrokOrigin): string {
  const { reason } = describeError(err);
  const what = site.kind === 'pattern' ? `grok pattern \`${site.pattern}\`` : `grok pattern ${site.name}`;
  const prefix = `${what} (${origin.file}:${origin.line}): `;
  return reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
}

/** Collapses whitespace runs and caps the length, for one-line reports. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describeError(err: unknown): { line: number | undefined; reason: string } {
  if (err && typeof err === 'object') {
    const e = err as { reason?: unknown; message?: unknown; line?: unknown; column?: unknown };
    const line = typeof e.line === 'number' && e.line > 0 ? e.line : undefined;
    let reason =
      typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : String(err);
    reason = reason.split('\n')[0]!;
    if (line !== undefined && typeof e.column === 'number' && !/\(\d+:\d+\)$/.test(reason)) {
      reason = `${reason} (${line}:${e.column})`;
    }
    return { line, reason };
  }
  return { line: undefined, reason: String(err) };
}

/** `file:line: subject: reason` (subject omitted when empty, line when unknown). */
export function formatFailure(f: LintFailure): string {
  const at = f.line > 0 ? `${f.file}:${f.line}` : f.file;
  return f.subject ? `${at}: ${f.subject}: ${f.reason}` : `${at}: ${f.reason}`;
}

/** The summary line: `expressions: a/b compiled, grok patterns: c/d compiled, items: n loaded, m failed`. */
export function formatSummary(r: LintReport): string {
  return (
    `expressions: ${r.expressions.compiled}/${r.expressions.total} compiled, ` +
    `grok patterns: ${r.grok.compiled}/${r.grok.total} compiled, ` +
    `items: ${r.items.total} loaded, ${r.items.failed} failed`
  );
}

/** True when the report has no failure at all. */
export function lintPassed(r: LintReport): boolean {
  return r.failures.length === 0;
}
