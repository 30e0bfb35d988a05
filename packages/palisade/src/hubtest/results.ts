/**
 * The parser results a hubtest asserts on (hub-compat §7.3): stage → node name → one record per
 * (event, top-level node evaluated in that stage), in processing order, each with a deep copy of
 * the event after that node. Built in memory from the parser's trace hook instead of a YAML dump,
 * then normalised like the dump's read-back (yaml-roundtrip.ts).
 */
import type { Event } from '../event/event.ts';
import { newMap } from '../event/maps.ts';
import { EventType } from '../event/schema-event.ts';
import { arrayOf, boolType, intType, mapOf, structOf, type Type } from '../expr/types.ts';
import { roundTripMap } from './yaml-roundtrip.ts';

/** One record of the dump (`ParserResult` in Go). */
export interface ParserResult {
  /** 1-based order in which the node first appeared in its stage. */
  readonly Idx: number;
  readonly Evt: Event;
  readonly Success: boolean;
}

/** stage → node name → records. */
export type ParserResults = Record<string, Record<string, ParserResult[]>>;

/**
 * The static type of `results` for parser assertions: Go's `map[string]map[string][]ParserResult`,
 * so that `results["s00-raw"]["x"][0].Evt.Parsed["k"]` type-checks with `Evt` an Event and a
 * missing stage or node reads as an empty map or list, as in Go.
 */
export const ParserResultsType: Type = mapOf(
  mapOf(arrayOf(structOf('dumps.ParserResult', { Idx: intType, Evt: EventType, Success: boolType }))),
);

/**
 * Collects the records through the parser's per-node trace hook. `clone` makes the deep copy of
 * the event (the parser's own `cloneEvent`).
 */
export class ParserResultsCollector {
  readonly #clone: (evt: Event) => Event;
  readonly #results: ParserResults = newMap();
  readonly #order = new Map<string, Map<string, number>>();

  constructor(clone: (evt: Event) => Event) {
    this.#clone = clone;
  }

  /** The trace hook: called after each top-level node of a stage, filter failures included. */
  node(stage: string, nodeName: string, evt: Event, success: boolean): void {
    let byNode = this.#results[stage];
    if (!byNode) {
      byNode = newMap();
      this.#results[stage] = byNode;
      this.#order.set(stage, new Map());
    }
    const order = this.#order.get(stage)!;
    if (!order.has(nodeName)) order.set(nodeName, order.size + 1);
    let list = byNode[nodeName];
    if (!list) {
      list = [];
      byNode[nodeName] = list;
    }
    const copy = this.#clone(evt);
    // Only the map[string]any part changes kind through the YAML round trip.
    copy.Unmarshaled = roundTripMap(copy.Unmarshaled);
    list.push({ Idx: order.get(nodeName)!, Evt: copy, Success: success });
  }

  /** The results map, with the `success` → `{"": []}` entry every CrowdSec dump has. */
  results(): ParserResults {
    const out: ParserResults = newMap();
    for (const stage of Object.keys(this.#results)) out[stage] = this.#results[stage]!;
    const success = newMap<ParserResult[]>();
    success[''] = [];
    out.success = success;
    return out;
  }
}
