/**
 * The stage algorithm (hub-compat §1.7) over compiled nodes: an event walks the sorted stages; it
 * must leave every stage but the last through a `next_stage` success, and at least one node of
 * each stage it runs must succeed, otherwise it is not processed.
 */
import type { Event } from '../event/index.ts';
import { newMap } from '../event/index.ts';
import type { StashStore } from '../expr/helpers/index.ts';
import { GoTime } from '../expr/values/time.ts';
import type { NodeCounters, ParserSet, ParseTrace } from './api.ts';
import { type CompiledNode, ParseAbort, type RunContext } from './compiled.ts';
import { processNode } from './process-node.ts';

/** Top-level nodes of one stage, in load order. */
export interface StageNodes {
  readonly stage: string;
  readonly nodes: readonly CompiledNode[];
}

/** A ParserSet over compiled stages (built by `loadParserSet`). */
export class CompiledParserSet implements ParserSet {
  readonly stages: readonly string[];
  readonly #byStage: readonly (readonly CompiledNode[])[];
  readonly #ctx: RunContext;
  readonly #now: () => GoTime;
  #busy = false;

  constructor(
    stages: readonly StageNodes[],
    stash: StashStore,
    now: () => GoTime = () => GoTime.now().UTC(),
  ) {
    this.stages = Object.freeze(stages.map((s) => s.stage));
    this.#byStage = stages.map((s) => s.nodes);
    this.#ctx = { vars: { evt: null }, stages: this.stages, stash, trace: undefined, stage: '' };
    this.#now = now;
  }

  parse(evt: Event, trace?: ParseTrace): boolean {
    // The compiled programs and the context are shared: a parse started from inside a parse
    // (an enricher or helper calling back) would corrupt the running one.
    if (this.#busy) throw new Error('ParserSet.parse is not reentrant');
    const stages = this.stages;
    if (evt.Stage === '' && stages.length > 0) evt.Stage = stages[0] as string;
    evt.Process = false;
    if (evt.Time.IsZero()) evt.Time = this.#now();
    if (evt.Parsed == null) evt.Parsed = newMap();
    if (evt.Enriched == null) evt.Enriched = newMap();
    if (evt.Meta == null) evt.Meta = newMap();
    if (evt.Unmarshaled == null) evt.Unmarshaled = newMap();
    this.#busy = true;
    const ctx = this.#ctx;
    ctx.vars.evt = evt;
    ctx.trace = trace;
    let running: CompiledNode | null = null;
    try {
      for (let si = 0; si < stages.length; si++) {
        const stage = stages[si] as string;
        if (stages.indexOf(evt.Stage) > si) continue;
        if (evt.Stage !== stage) return false;
        ctx.stage = stage;
        let stageOk = false;
        for (const node of this.#byStage[si] as readonly CompiledNode[]) {
          running = node;
          const ok = processNode(node, evt, ctx);
          running = null;
          if (trace) trace.node(stage, node.name, evt, ok);
          if (ok) {
            stageOk = true;
            if (node.nextStage) break;
          }
          if (evt.Stage !== stage) break;
        }
        if (!stageOk) return false;
      }
      evt.Process = true;
      return true;
    } catch (err) {
      if (!(err instanceof ParseAbort)) throw err;
      if (trace?.detail) trace.detail(ctx.stage, running?.path ?? [], `parse aborted: ${err.message}`);
      // The aborted node is recorded as failed, so that dumps and explanations show where it stopped.
      if (trace && running !== null) trace.node(ctx.stage, running.name, evt, false);
      evt.Process = false;
      return false;
    } finally {
      ctx.vars.evt = null;
      ctx.trace = undefined;
      this.#busy = false;
    }
  }

  counters(): ReadonlyMap<string, NodeCounters> {
    const out = new Map<string, NodeCounters>();
    this.#byStage.forEach((nodes, si) => {
      for (const node of nodes) {
        let key = `${this.stages[si]}/${node.name}`;
        for (let n = 2; out.has(key); n++) key = `${this.stages[si]}/${node.name}#${n}`;
        out.set(key, node.counters);
      }
    });
    return out;
  }
}
