/**
 * The live bucket instances of a scenario set: one map per slot (groupby value → instance) plus
 * one least-recently-poured list over all of them, so that the number of instances stays within
 * `maxBuckets` (the oldest is evicted) and idle ones can be swept.
 *
 * A slot is usually one scenario; scenarios with the same filter and name share a slot, because
 * CrowdSec keeps all instances in one map keyed by partition key (filter, groupby value, name):
 * such scenarios pour into the same instances (see `sharedSlots`).
 */
import type { Leaky } from './leaky.ts';

/** Live instances. */
export class BucketStore {
  readonly #maps: Map<string, Leaky>[];
  /** Scenario index → slot. */
  readonly #slotOf: readonly number[];
  #head: Leaky | null = null;
  #tail: Leaky | null = null;
  #size = 0;

  /** `slotOf[i]`: the slot of scenario `i` (slots are numbered from 0 without gaps). */
  constructor(slotOf: readonly number[]) {
    this.#slotOf = slotOf;
    const slots = slotOf.reduce((max, s) => Math.max(max, s + 1), 0);
    this.#maps = Array.from({ length: slots }, () => new Map<string, Leaky>());
  }

  #map(scenarioIndex: number): Map<string, Leaky> {
    return this.#maps[this.#slotOf[scenarioIndex] as number] as Map<string, Leaky>;
  }

  /** Live instances over all scenarios. */
  get size(): number {
    return this.#size;
  }

  /** The live instance of `group` in the slot of scenario `index`, if any (maybe another scenario's). */
  get(index: number, group: string): Leaky | undefined {
    return this.#map(index).get(group);
  }

  /** Adds a new instance as the most recently poured one. */
  add(b: Leaky): void {
    this.#map(b.factory.index).set(b.group, b);
    this.#append(b);
    this.#size++;
  }

  /** Marks `b` as the most recently poured. */
  touch(b: Leaky): void {
    if (this.#tail === b) return;
    this.#unlink(b);
    this.#append(b);
  }

  /** Removes `b` (no-op when it is not stored any more). */
  remove(b: Leaky): void {
    const map = this.#map(b.factory.index);
    if (map.get(b.group) !== b) return;
    map.delete(b.group);
    this.#unlink(b);
    this.#size--;
  }

  /** The least recently poured instance. */
  oldest(): Leaky | null {
    return this.#head;
  }

  /** Every instance, least recently poured first (safe against removal of the current one). */
  *all(): Generator<Leaky> {
    let b = this.#head;
    while (b !== null) {
      const next = b.next;
      yield b;
      b = next;
    }
  }

  #append(b: Leaky): void {
    b.prev = this.#tail;
    b.next = null;
    if (this.#tail !== null) this.#tail.next = b;
    else this.#head = b;
    this.#tail = b;
  }

  #unlink(b: Leaky): void {
    if (b.prev !== null) b.prev.next = b.next;
    else if (this.#head === b) this.#head = b.next;
    if (b.next !== null) b.next.prev = b.prev;
    else if (this.#tail === b) this.#tail = b.prev;
    b.prev = null;
    b.next = null;
  }
}

/**
 * The slot of each scenario: scenarios with the same filter (source text) and name share one, so
 * that they find each other's instances, as CrowdSec's single partition-key map makes them do
 * (the instance keeps the configuration of the scenario that created it).
 */
export function sharedSlots(
  scenarios: readonly { readonly name: string; readonly filterSource: string }[],
): number[] {
  const slots = new Map<string, number>();
  return scenarios.map((f) => {
    const key = `${f.filterSource}\u0000${f.name}`;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(key, slot);
    }
    return slot;
  });
}
