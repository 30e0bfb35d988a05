/**
 * The typed specification of a parser or postoverflow node (hub-compat §1.2-§1.4, §1.6, §3.2, §6),
 * as decoded from YAML by `readParserDocument`: every key with its value and where it was written,
 * ready for the parser engine to compile. Values are the decoded Go zero values when absent.
 */
import type { SourceLocation } from './errors.ts';

/** An expression written in a node, with what is needed to report its errors. */
export interface ExprSpec {
  readonly source: string;
  /** Where line 1 of `source` is. */
  readonly where: SourceLocation;
  /** True when line n of `source` is file line `where.line + n - 1` (literal block scalars). */
  readonly linesMap: boolean;
  /** YAML path inside the document (`nodes[0].statics[1].expression`). */
  readonly path: string;
}

/** A `pattern_syntax` entry, in file order. */
export interface PatternSyntaxSpec {
  readonly name: string;
  readonly pattern: string;
  readonly where: SourceLocation;
}

/** One `statics` entry (§1.4). Empty strings mean "absent". */
export interface StaticSpec {
  readonly method: string;
  readonly parsed: string;
  readonly meta: string;
  readonly enriched: string;
  readonly target: string;
  readonly value: string;
  readonly expression: ExprSpec | undefined;
  readonly where: SourceLocation;
}

/** The `grok` block (§1.3). */
export interface GrokSpec {
  readonly applyOn: string;
  readonly expression: ExprSpec | undefined;
  /** Inline pattern ('' when absent). */
  readonly pattern: string;
  /** Registered pattern name ('' when absent); takes precedence over `pattern`. */
  readonly name: string;
  /** Where the pattern (or name) is written. */
  readonly patternWhere: SourceLocation;
  readonly statics: readonly StaticSpec[];
  readonly where: SourceLocation;
}

/** One `stash` entry (§1.6). */
export interface StashSpec {
  readonly name: string;
  readonly key: ExprSpec | undefined;
  readonly value: ExprSpec | undefined;
  /** TTL in nanoseconds (0 when absent or invalid: validation reports it). */
  readonly ttlNs: number;
  /** Maximum entries (0 = default 100). */
  readonly size: number;
  /** `LRU` (default), `LFU`, `ARC`. */
  readonly strategy: string;
  readonly where: SourceLocation;
}

/** A string of a list, with where it is written. */
export interface LocatedText {
  readonly text: string;
  readonly where: SourceLocation;
}

/** The `whitelist` block (§3.2). */
export interface WhitelistSpec {
  readonly reason: string;
  readonly ips: readonly LocatedText[];
  readonly cidrs: readonly LocatedText[];
  readonly expressions: readonly ExprSpec[];
  readonly where: SourceLocation;
}

/** One `data:` entry (§6). */
export interface DataSpec {
  readonly sourceUrl: string;
  readonly destFile: string;
  /** '' when untyped (not loaded into the expression helpers). */
  readonly type: string;
  readonly cache: boolean | undefined;
  readonly strategy: string | undefined;
  readonly size: number | undefined;
  /** TTL in nanoseconds, when given. */
  readonly ttlNs: number | undefined;
  readonly where: SourceLocation;
}

/** One node (top-level or child). */
export interface NodeSpec {
  readonly name: string;
  readonly author: string;
  readonly description: string;
  readonly references: readonly string[];
  /** `format` as written ('' when absent, meaning 1.0). */
  readonly format: string;
  readonly debug: boolean;
  readonly profiling: boolean;
  /** `''`, `continue` or `next_stage`. */
  readonly onSuccess: string;
  readonly filter: ExprSpec | undefined;
  readonly patternSyntax: readonly PatternSyntaxSpec[];
  readonly grok: GrokSpec | undefined;
  readonly nodes: readonly NodeSpec[];
  readonly statics: readonly StaticSpec[];
  readonly stash: readonly StashSpec[];
  readonly whitelist: WhitelistSpec | undefined;
  readonly data: readonly DataSpec[];
  /** Where the node's mapping starts. */
  readonly where: SourceLocation;
  /** YAML path inside the document ('' for the top-level node). */
  readonly path: string;
}
