/**
 * The detection pipeline proper (hub-compat §0; CrowdSec's parse → pour → output routines), as
 * one synchronous step per acquired event: parse; drop it when unparsed or whitelisted; pour it
 * into the scenarios; run every real overflow through the output stage (postoverflows, then
 * whitelisted / alert); pour reprocessed overflows again, breadth first, up to a depth limit.
 *
 * Synchronous on purpose: no await per event, and the order of alerts is the order of the input.
 * CrowdSec runs the stages as goroutines joined by channels; with one routine each (as in replays
 * and hubtest) the observable order is the same, except that a reprocessed overflow may race with
 * later lines there and never does here.
 */
import type { OverflowOutcome, OverflowOutput } from '../alerts/postoverflows.ts';
import type { PourTrace, ScenarioSet } from '../buckets/index.ts';
import type { Alert, Event } from '../event/index.ts';
import type { ParserSet, ParseTrace } from '../parser/index.ts';

/**
 * How many times an overflow may be poured again as the result of a reprocessed overflow. Hub
 * scenarios chain one or two levels (an alert that feeds a "many alerts" scenario); a scenario
 * whose filter accepts its own overflows would otherwise loop forever.
 */
export const MAX_REPROCESS_DEPTH = 8;

/** What an event became after parsing. */
export type ParseVerdict = 'parsed' | 'unparsed' | 'whitelisted';

/** Observers of the pipeline. All optional but `onAlert`. */
export interface PipelineHooks {
  /** One alert to send (an overflow yields one per source), in emission order. */
  onAlert(alert: Alert, overflow: Event): void;
  /** Every real overflow after postoverflows, whitelisted ones included (CrowdSec's bucket dump). */
  onOverflow?(overflow: Event, outcome: OverflowOutcome): void;
  /** After an acquired event is parsed, before it is poured. */
  onParsed?(evt: Event, verdict: ParseVerdict): void;
  /** Every event entering the pour stage (acquired or reprocessed). */
  onPour?(evt: Event): void;
  /** Parser node trace (hubtest parser dump, explain). */
  readonly parseTrace?: ParseTrace;
  /** Postoverflow node trace. */
  readonly postoverflowTrace?: ParseTrace;
  /** Bucket pour trace (hubtest bucketpour dump). */
  readonly pourTrace?: PourTrace;
  /** Non-fatal problems (reprocess depth reached). */
  readonly onWarning?: (message: string) => void;
}

/** Counters of one pipeline (they only grow). */
export interface PipelineCounters {
  /** Events handed to `process`. */
  events: number;
  /** Events the parsers accepted (whitelisted ones included). */
  parsed: number;
  /** Events the parsers rejected. */
  unparsed: number;
  /** Parsed events dropped by a parser whitelist. */
  whitelisted: number;
  /** Events poured into the scenarios (acquired and reprocessed). */
  poured: number;
  /** Real overflows (bucket clean-up signals excluded). */
  overflows: number;
  /** Overflows whitelisted by a postoverflow. */
  overflowsWhitelisted: number;
  /** Alerts emitted (one per source of each sent overflow). */
  alerts: number;
  /** Overflows poured again (`reprocess: true`). */
  reprocessed: number;
  /** Reprocessed overflows not poured again because of MAX_REPROCESS_DEPTH. */
  reprocessDropped: number;
}

/** The stages a pipeline wires. */
export interface PipelineStages {
  readonly parsers: ParserSet;
  readonly scenarios: ScenarioSet;
  readonly output: OverflowOutput;
}

/** Parse → pour → output for one event at a time. */
export class DetectionPipeline {
  readonly counters: PipelineCounters = {
    events: 0,
    parsed: 0,
    unparsed: 0,
    whitelisted: 0,
    poured: 0,
    overflows: 0,
    overflowsWhitelisted: 0,
    alerts: 0,
    reprocessed: 0,
    reprocessDropped: 0,
  };
  readonly #stages: PipelineStages;
  readonly #hooks: PipelineHooks;
  /** Reprocessed overflows waiting to be poured, with their depth. */
  readonly #queue: { evt: Event; depth: number }[] = [];
  #draining = false;

  constructor(stages: PipelineStages, hooks: PipelineHooks) {
    this.#stages = stages;
    this.#hooks = hooks;
  }

  /** Runs one acquired event through the whole pipeline. */
  process(evt: Event): void {
    const c = this.counters;
    c.events++;
    const hooks = this.#hooks;
    if (!this.#stages.parsers.parse(evt, hooks.parseTrace)) {
      c.unparsed++;
      hooks.onParsed?.(evt, 'unparsed');
      return;
    }
    c.parsed++;
    if (evt.Whitelisted) {
      c.whitelisted++;
      hooks.onParsed?.(evt, 'whitelisted');
      return;
    }
    hooks.onParsed?.(evt, 'parsed');
    this.#pour(evt, 0);
  }

  /**
   * Handles overflows that did not come out of a pour (live-mode timers of the bucket engine):
   * same output stage, same reprocessing.
   */
  handleOverflows(overflows: readonly Event[]): void {
    this.#output(overflows, 0);
    this.#drain();
  }

  #pour(evt: Event, depth: number): void {
    this.counters.poured++;
    this.#hooks.onPour?.(evt);
    const overflows = this.#stages.scenarios.pour(evt, this.#hooks.pourTrace);
    if (overflows.length === 0) return;
    this.#output(overflows, depth);
    this.#drain();
  }

  #output(overflows: readonly Event[], depth: number): void {
    const c = this.counters;
    const hooks = this.#hooks;
    for (const ov of overflows) {
      const outcome = this.#stages.output.process(ov, hooks.postoverflowTrace);
      if (outcome.kind === 'cleanup') continue;
      c.overflows++;
      hooks.onOverflow?.(ov, outcome);
      if (outcome.kind === 'whitelisted') {
        c.overflowsWhitelisted++;
        continue;
      }
      for (const alert of outcome.alerts) {
        c.alerts++;
        hooks.onAlert(alert, ov);
      }
      if (!outcome.reprocess) continue;
      if (depth >= MAX_REPROCESS_DEPTH) {
        c.reprocessDropped++;
        hooks.onWarning?.(
          `overflow of ${ov.Overflow.Alert?.Scenario ?? '?'} not reprocessed: ${MAX_REPROCESS_DEPTH} levels of reprocessing reached`,
        );
        continue;
      }
      this.#queue.push({ evt: ov, depth: depth + 1 });
    }
  }

  /** Pours queued reprocessed overflows, breadth first; re-entrant calls leave it to the outer loop. */
  #drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
        this.counters.reprocessed++;
        this.#pour(next.evt, next.depth);
      }
    } finally {
      this.#draining = false;
    }
  }
}
