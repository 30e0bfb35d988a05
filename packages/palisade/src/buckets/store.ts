/**
 * The live bucket instances of a scenario set: one map per scenario (groupby value → instance)
 * plus one least-recently-poured list over all of them, so that the number of instances stays
 * within `maxBuckets` (the oldest is evicted) and idle ones can be swept.
 */
import type { Leaky } from './leaky.ts';

/** Live instances. */
export class BucketStore {
  readonly #maps: Map<string, Leaky>[];
  #head: Leaky | null = null;
  #tail: Leaky | null = null;
  #size = 0;

  constructor(scenarios: number) {
    this.#maps = Array.from({ length: scenarios }, () => new Map<string, Leaky>());
  }

  /** Live instances over all scenarios. */
  get size(): number {
    return this.#size;
  }

  /** The live instance of `group` in scenario `index`, if any. */
  get(index: number, group: string): Leaky | undefined {
    return (this.#maps[index] as Map<string, Leaky>).get(group);
  }

  /** Adds a new instance as the most recently poured one. */
  add(b: Leaky): void {
    (this.#maps[b.factory.index] as Map<string, Leaky>).set(b.group, b);
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
    const map = this.#maps[b.factory.index] as Map<string, Leaky>;
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
