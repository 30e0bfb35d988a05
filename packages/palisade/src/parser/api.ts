/**
 * Public types of the parser engine (hub-compat §1, §3): what `loadParserSet` takes and returns.
 * Kept in one small file so that the CLI and the hubtest harness can code against them.
 */
import type { Event } from '../event/index.ts';
import type { HelperDeps } from '../expr/helpers/index.ts';
import type { GoTime } from '../expr/values/time.ts';
import type { EnricherRegistry } from './enrichers/types.ts';

/** One installed parser/postoverflow item file. */
export interface ParserItemFile {
  /** Display path (relative, e.g. `parsers/s01-parse/crowdsecurity/sshd-logs.yaml`). */
  readonly path: string;
  /** The file to read. */
  readonly absPath: string;
  /** Stage directory (`s01-parse`): the stage of every node of the file (never the YAML's). */
  readonly stage: string;
  /** Hub item name (`crowdsecurity/sshd-logs`). */
  readonly name: string;
}

/** An item given as text (hubtest's generated override_statics node). */
export interface ParserDocumentText {
  readonly stage: string;
  /** Display path, also the sort key among the files. */
  readonly path: string;
  readonly yaml: string;
}

/** Options of `loadParserSet`. */
export interface ParserSetOptions {
  /** Which engine: each has its own grok host and stage list. */
  readonly kind: 'parsers' | 'postoverflows';
  /** Item files in any order: sorted internally by stage then path (hub-compat §1.1). */
  readonly items: readonly ParserItemFile[];
  /** In-memory items, sorted together with the files by path. */
  readonly extraDocuments?: readonly ParserDocumentText[];
  /** Grok pattern files (the hub's `patterns/`); absent ⇒ only the built-in base patterns. */
  readonly patternsDir?: string;
  /** Where `data:` entries are loaded from. */
  readonly dataDir: string;
  /** Injected into the expression helpers (stash and data files are provided by the set unless given). */
  readonly helperDeps?: Partial<HelperDeps>;
  /** `method:` statics; an unknown method is a warning and the static is a no-op. */
  readonly enrichers?: EnricherRegistry;
  /** Clock for `evt.Time` of events that arrive without one (default: now, UTC). */
  readonly now?: () => GoTime;
  /** Non-fatal problems (unknown method, redefined pattern_syntax, missing data file…). */
  readonly onWarning?: (message: string) => void;
}

/** Hooks called while an event is parsed (hubtest dumps §7.3, `palisade explain`). */
export interface ParseTrace {
  /**
   * After each top-level node evaluated (including nodes whose filter failed). `evt` is the live
   * event: copy it (`cloneEvent`) to keep it.
   */
  node(stage: string, nodeName: string, evt: Event, success: boolean): void;
  /**
   * Finer steps for explanations: `path` is the node path from the top-level node name down
   * (children without a name appear as `child-<parent>`); `what` is a short human sentence.
   */
  detail?(stage: string, path: readonly string[], what: string): void;
}

/** Run-time counters of one node (exposable as metrics). */
export interface NodeCounters {
  /** Times the node was evaluated (filter included). */
  hits: number;
  /** Times it succeeded. */
  ok: number;
  /** Run-time expression errors (filter, grok expression, statics, whitelist, stash). */
  exprErrors: number;
}

/** A loaded set of parser (or postoverflow) nodes. */
export interface ParserSet {
  /** Sorted stages that have at least one node. */
  readonly stages: readonly string[];
  /**
   * Runs the stage algorithm (hub-compat §1.7) on `evt` in place: sets `evt.Process` and returns
   * it. Never throws for content problems (expression errors are counted, a fatal static aborts
   * the event with Process = false).
   */
  parse(evt: Event, trace?: ParseTrace): boolean;
  /** Counters per top-level node, keyed `<stage>/<node name>` (in load order). */
  counters(): ReadonlyMap<string, NodeCounters>;
}
