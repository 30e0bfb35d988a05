/**
 * The scenario results a hubtest asserts on (hub-compat §7.3, §7.4): CrowdSec's bucket dump, i.e.
 * every real overflow event after the postoverflows (whitelisted ones included) in emission order,
 * which the harness reads back and sorts **descending** by the scenario name concatenated with the
 * source keys joined by `@`.
 *
 * Go sorts with `sort.Sort`, which is not stable: up to 12 overflows it is an insertion sort (stable),
 * beyond that equal keys (one bucket that overflowed twice) come out in the order of Go's
 * pattern-defeating quicksort, which assertions observe. `goSort` reproduces it exactly.
 *
 * The YAML round trip of the dump only changes kinds inside `Unmarshaled` (overflow events have
 * it empty; it is normalised anyway) and breaks the aliasing between `Overflow.Alert` and the
 * sources, which no assertion can observe after the pipeline has finished. The events are kept
 * by reference, as Go keeps them until it writes the dump at the end of the run.
 */
import type { Event } from '../event/event.ts';
import { goSort } from './go-sort.ts';
import { roundTripMap } from './yaml-roundtrip.ts';

/** Collects the overflows of one test run (the pipeline's `onOverflow` hook). */
export class BucketResultsCollector {
  readonly #overflows: Event[] = [];

  /** One real overflow after postoverflows (clean-up signals never reach this hook). */
  add(overflow: Event): void {
    if (overflow.Overflow.Alert === null) return;
    this.#overflows.push(overflow);
  }

  /** How many overflows were collected. */
  get size(): number {
    return this.#overflows.length;
  }

  /** The dump as the harness asserts on it: normalised and sorted (a new array). */
  results(): Event[] {
    for (const evt of this.#overflows) {
      if (Object.keys(evt.Unmarshaled).length > 0) evt.Unmarshaled = roundTripMap(evt.Unmarshaled);
    }
    return sortBucketResults(this.#overflows);
  }
}

/** The sort key of one overflow: scenario name + source keys joined by `@`. */
export function bucketSortKey(evt: Event): string {
  const scenario = evt.Overflow.Alert?.GetScenario() ?? '';
  return scenario + evt.Overflow.GetSources().join('@');
}

/** A copy sorted as the harness sorts it: `Less(i, j)` = key(i) > key(j), Go's `sort.Sort`. */
export function sortBucketResults(events: readonly Event[]): Event[] {
  const keyed = events.map((evt) => ({ evt, key: bucketSortKey(evt) }));
  // Go compares strings bytewise (UTF-8); UTF-16 order differs only for astral characters.
  goSort(keyed, (a, b) => a.key > b.key);
  return keyed.map((k) => k.evt);
}
