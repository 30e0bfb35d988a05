/**
 * The compiled form of a node tree: everything resolved at load (expressions, grok regexps,
 * static targets, enrichers, whitelist addresses) so that processing an event compiles nothing.
 */
import type { Event } from '../event/index.ts';
import type { StashStore } from '../expr/helpers/index.ts';
import type { Program } from '../expr/index.ts';
import type { GrokPattern } from '../grok/index.ts';
import type { NodeCounters, ParseTrace } from './api.ts';
import type { Enricher } from './enrichers/types.ts';
import type { NetAddr, NetPrefix } from './netip.ts';
import type { TargetSetter } from './target.ts';

/** One `statics` entry. */
export interface CompiledStatic {
  /** Which target won (hub-compat §1.4 precedence). */
  readonly kind: 'method' | 'parsed' | 'meta' | 'enriched' | 'target';
  /** Method name, map key or target path, for traces. */
  readonly key: string;
  /** The literal `value` ('' when absent: the expression is used). */
  readonly value: string;
  readonly program: Program | null;
  /** `method`: the enricher, or null when unknown (the static is a no-op). */
  readonly enricher: Enricher | null;
  /** `target`: the setter, or null when the path can never be set (no-op). */
  readonly setter: TargetSetter | null;
}

/** The `grok` block. */
export interface CompiledGrok {
  readonly pattern: GrokPattern;
  /** `Line.Raw`, a Parsed key, or '' when the source is the expression. */
  readonly applyOn: string;
  readonly program: Program | null;
  readonly statics: readonly CompiledStatic[];
  /** Pattern name or the start of the inline pattern, for traces. */
  readonly label: string;
}

/** One `stash` entry. */
export interface CompiledStash {
  readonly name: string;
  readonly key: Program;
  readonly value: Program;
  readonly ttlNs: number;
}

/** The `whitelist` block. */
export interface CompiledWhitelist {
  readonly reason: string;
  readonly ips: readonly NetAddr[];
  readonly cidrs: readonly NetPrefix[];
  readonly expressions: readonly Program[];
  /** CrowdSec's ContainsWLs: true when there is an ip, cidr or expression (node statics then need a match). */
  readonly active: boolean;
}

/** One node. */
export interface CompiledNode {
  /** YAML name, or `child-<parent name>` for unnamed children. */
  readonly name: string;
  /** Names from the top-level node down to this one (for traces). */
  readonly path: readonly string[];
  readonly filter: Program | null;
  readonly whitelist: CompiledWhitelist | null;
  readonly grok: CompiledGrok | null;
  readonly stash: readonly CompiledStash[];
  readonly children: readonly CompiledNode[];
  readonly statics: readonly CompiledStatic[];
  readonly nextStage: boolean;
  readonly counters: NodeCounters;
}

/** State shared by the nodes while one event is parsed (one per ParserSet, reused). */
export interface RunContext {
  /** The expression variables; `evt` is set for the duration of a parse. */
  readonly vars: { evt: Event | null };
  readonly stages: readonly string[];
  readonly stash: StashStore;
  trace: ParseTrace | undefined;
  /** The stage being run (for traces). */
  stage: string;
}

/** Thrown by a static whose expression result has a type CrowdSec refuses: aborts the event. */
export class ParseAbort extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseAbort';
  }
}
