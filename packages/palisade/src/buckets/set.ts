/**
 * The scenario set: pours each event into every scenario in order (hub-compat §2.4), owns the
 * live instances (bounded by `maxBuckets`, swept when idle) and implements the engine services the
 * instances use. Not reentrant: one pour at a time (pours are synchronous).
 */
import { type Event, MODE_TIMEMACHINE } from '../event/index.ts';
import type { Program } from '../expr/index.ts';
import type { GoTime } from '../expr/values/time.ts';
import { RFC3339 } from '../expr/values/time-layout.ts';
import { type GoLocation, localLocation } from '../expr/values/time-location.ts';
import { parseTime } from '../expr/values/time-parse.ts';
import type { AlertContext } from './alert-context.ts';
import type { BucketLimits, BucketStats, Clock, PourTrace, ScenarioSet, ScenarioStats } from './api.ts';
import { type BucketEngine, overflow, pourIntoBucket, toMs } from './bucket-run.ts';
import { CandidateIndex } from './candidates.ts';
import type { ScenarioFactory } from './factory.ts';
import { Leaky } from './leaky.ts';
import { BucketStore, sharedSlots } from './store.ts';

/** Go's `time.Time.UnmarshalText` (RFC 3339, fractional seconds accepted); null when invalid. */
export function parseMarshaledTime(text: string): GoTime | null {
  if (text === '') return null;
  // Consecutive events mostly carry the same time text; a GoTime is immutable, so it is shared.
  const local = localLocation();
  if (text === lastMarshaled && local === lastLocal) return lastMarshaledTime;
  let t: GoTime | null;
  try {
    t = parseTime(RFC3339, text, local);
  } catch {
    t = null;
  }
  lastMarshaled = text;
  lastMarshaledTime = t;
  lastLocal = local;
  return t;
}

let lastMarshaled = '';
let lastMarshaledTime: GoTime | null = null;
let lastLocal: GoLocation | null = null;

export { partitionKey } from './partition-key.ts';

const NOT_PARSED = Symbol('not parsed');

/** Options of the engine (resolved). */
export interface EngineOptions {
  readonly clock: Clock;
  readonly limits: BucketLimits;
  readonly context: AlertContext;
  readonly onOverflow: (overflow: Event) => void;
  readonly warn: (message: string) => void;
}

/** A ScenarioSet over compiled scenarios. */
export class CompiledScenarioSet implements ScenarioSet, BucketEngine {
  readonly scenarios: readonly { name: string; type: string }[];
  readonly clock: Clock;
  readonly context: AlertContext;
  readonly maxDistinct: number;
  readonly #factories: readonly ScenarioFactory[];
  readonly #limits: BucketLimits;
  readonly #store: BucketStore;
  readonly #onOverflow: (overflow: Event) => void;
  readonly #warn: (message: string) => void;
  readonly #evtVars: { evt: Event | null } = { evt: null };
  readonly #untimedWarned = new Set<string>();
  readonly #index: CandidateIndex;
  #busy = false;
  #out: Event[] | null = null;
  /** The MarshaledTime of the event being poured, parsed once. */
  #timeOf: Event | null = null;
  #time: GoTime | null | typeof NOT_PARSED = NOT_PARSED;
  /** Idle sweep state: latest event time seen (ms), time of the last sweep, generation. */
  #latestEventMs = Number.NEGATIVE_INFINITY;
  #lastSweepEventMs = Number.NEGATIVE_INFINITY;
  #lastSweepWallMs = Number.NEGATIVE_INFINITY;
  #gen = 0;
  #pours = 0;
  #counters = {
    created: 0,
    overflowed: 0,
    expired: 0,
    droppedBuckets: 0,
    droppedEvents: 0,
    droppedDistinct: 0,
    untimed: 0,
  };
  readonly #onQueueCapped = () => {
    this.#counters.droppedEvents++;
  };

  constructor(factories: readonly ScenarioFactory[], options: EngineOptions) {
    this.#factories = factories;
    this.scenarios = Object.freeze(factories.map((f) => Object.freeze({ name: f.name, type: f.type })));
    this.clock = options.clock;
    this.context = options.context;
    this.#limits = options.limits;
    this.maxDistinct = options.limits.maxDistinctPerBucket;
    this.#store = new BucketStore(
      sharedSlots(factories.map((f) => ({ name: f.name, filterSource: f.spec.filter?.source ?? '' }))),
    );
    this.#onOverflow = options.onOverflow;
    this.#warn = options.warn;
    this.#index = new CandidateIndex(factories);
  }

  pour(evt: Event, trace?: PourTrace): Event[] {
    if (this.#busy) throw new Error('ScenarioSet.pour is not reentrant');
    this.#busy = true;
    const out: Event[] = [];
    this.#out = out;
    this.#timeOf = evt;
    this.#time = NOT_PARSED;
    const vars = this.#evtVars;
    vars.evt = evt;
    const factories = this.#factories;
    try {
      let candidates = this.#index.candidates(evt);
      for (let c = 0; c < candidates.length; c++) {
        const i = candidates[c] as number;
        const f = factories[i] as ScenarioFactory;
        if (!this.#pourScenario(f, evt, vars, trace)) break;
        if (f.mutates) {
          // The event may have changed: recompute the candidates, resuming after this scenario.
          candidates = this.#index.candidates(evt);
          c = firstAfter(candidates, i) - 1;
        }
      }
      this.#maybeSweep();
      return out;
    } finally {
      vars.evt = null;
      this.#out = null;
      this.#timeOf = null;
      this.#busy = false;
    }
  }

  /** §2.4 for one scenario; false when the event must not go further (filter/groupby error). */
  #pourScenario(
    f: ScenarioFactory,
    evt: Event,
    vars: { evt: Event | null },
    trace: PourTrace | undefined,
  ): boolean {
    if (f.filter !== null) {
      let ok: unknown;
      try {
        ok = f.filter.run(vars);
      } catch {
        // A filter error stops pouring this event into this and every later scenario.
        f.stats.exprErrors++;
        return false;
      }
      if (ok !== true) {
        if (ok !== false) this.#warnOnce(`${f.name}: filter returned a non-bool`);
        return true;
      }
    }
    let group = '';
    if (f.groupby !== null) {
      let g: unknown;
      try {
        g = f.groupby.run(vars);
      } catch {
        f.stats.exprErrors++;
        return false;
      }
      if (typeof g !== 'string') {
        f.stats.exprErrors++;
        this.#warnOnce(`${f.name}: groupby returned a non-string`);
        return false;
      }
      group = g;
    }
    const b = this.#instanceFor(f, group, evt);
    f.stats.poured++;
    trace?.poured(f.name, evt);
    pourIntoBucket(this, b, evt);
    return true;
  }

  stats(): BucketStats {
    const scenarios: Record<string, ScenarioStats> = Object.create(null);
    for (const f of this.#factories) {
      const prev = scenarios[f.name];
      scenarios[f.name] = prev
        ? {
            poured: prev.poured + f.stats.poured,
            overflows: prev.overflows + f.stats.overflows,
            discarded: prev.discarded + f.stats.discarded,
            exprErrors: prev.exprErrors + f.stats.exprErrors,
          }
        : { ...f.stats };
    }
    return { live: this.#store.size, ...this.#counters, scenarios };
  }

  shutdown(): void {
    for (const b of this.#store.all()) this.#kill(b);
  }

  // ---- engine services (BucketEngine) ----

  warn(message: string): void {
    this.#warn(message);
  }

  tryRun(b: Leaky, program: Program, vars: Record<string, unknown>): { value: unknown } | undefined {
    try {
      return { value: program.run(vars) };
    } catch {
      b.factory.stats.exprErrors++;
      return undefined;
    }
  }

  readonly runScope = (program: Program, evt: Event): unknown => program.run({ evt });

  eventTime(evt: Event): GoTime | null {
    if (evt === this.#timeOf) {
      if (this.#time === NOT_PARSED) this.#time = parseMarshaledTime(evt.MarshaledTime);
      return this.#time;
    }
    return parseMarshaledTime(evt.MarshaledTime);
  }

  end(b: Leaky, why: 'overflow' | 'cancel'): void {
    this.#kill(b);
    if (why === 'overflow') this.#counters.overflowed++;
  }

  emit(b: Leaky, overflowEvt: Event): void {
    b.factory.stats.overflows++;
    if (this.#out !== null) this.#out.push(overflowEvt);
    else this.#onOverflow(overflowEvt);
  }

  untimed(b: Leaky, evt: Event): void {
    this.#counters.untimed++;
    if (!this.#untimedWarned.has(b.Name)) {
      this.#untimedWarned.add(b.Name);
      const what =
        evt.MarshaledTime === '' ? 'without MarshaledTime' : `with a bad time "${evt.MarshaledTime}"`;
      this.#warn(`${b.Name}: an event ${what} cannot be poured in time-machine mode (reported once)`);
    }
  }

  armCounter(b: Leaky): void {
    b.timer = this.clock.setTimeout(() => {
      b.timer = null;
      if (b.dead) return;
      b.Ovflw_ts = this.clock.now().UTC();
      overflow(this, b);
    }, b.factory.lifetime.ns / 1e6);
  }

  discarded(b: Leaky): void {
    b.factory.stats.discarded++;
  }

  droppedDistinct(): void {
    this.#counters.droppedDistinct++;
  }

  // ---- internals ----

  /** Finds the live instance for `group`, replacing an expired one, or creates it (§2.4 steps 3-4). */
  #instanceFor(f: ScenarioFactory, group: string, evt: Event): Leaky {
    const store = this.#store;
    let b = store.get(f.index, group);
    if (b !== undefined) {
      if (b.timeMachine) {
        if (!b.First_ts.IsZero()) {
          const d = this.eventTime(evt);
          if (d !== null && afterLifetime(d, b)) {
            this.#expire(b);
            b = undefined;
          }
        }
      } else if (b.deadlineMs !== 0 && toMs(this.clock.now()) > b.deadlineMs) {
        this.#expire(b);
        b = undefined;
      }
    }
    if (b === undefined) {
      if (store.size >= this.#limits.maxBuckets) {
        const victim = store.oldest();
        if (victim !== null) {
          this.#kill(victim);
          this.#counters.droppedBuckets++;
        }
      }
      const mode = evt.ExpectMode === MODE_TIMEMACHINE ? MODE_TIMEMACHINE : 0;
      b = new Leaky(f, group, mode, this.#limits.maxQueuePerBucket, this.#gen, this.#onQueueCapped);
      store.add(b);
      this.#counters.created++;
    } else store.touch(b);
    if (b.timeMachine) {
      const d = this.eventTime(evt);
      if (d !== null) {
        const ms = toMs(d);
        if (ms > this.#latestEventMs) this.#latestEventMs = ms;
      }
    }
    return b;
  }

  #expire(b: Leaky): void {
    this.#kill(b);
    this.#counters.expired++;
  }

  #kill(b: Leaky): void {
    b.dead = true;
    if (b.timer !== null) {
      this.clock.clearTimeout(b.timer);
      b.timer = null;
    }
    this.#store.remove(b);
  }

  /**
   * Idle collection, at most once per `idleCollectMs` of event time (time-machine instances) or
   * wall time (live ones): an instance whose lifetime ended more than `idleCollectMs` before the
   * latest event time would be replaced by the next pour into its partition anyway (the margin
   * tolerates slightly out-of-order logs); a live one past its deadline is dead.
   */
  #maybeSweep(): void {
    const every = this.#limits.idleCollectMs;
    const eventMs = this.#latestEventMs;
    // Reading the wall clock costs more than a pour's bookkeeping: look at it every 1024 pours.
    if ((++this.#pours & 1023) !== 0 && !(eventMs - this.#lastSweepEventMs >= every)) return;
    const wallMs = toMs(this.clock.now());
    if (!(eventMs - this.#lastSweepEventMs >= every) && wallMs - this.#lastSweepWallMs < every) return;
    this.#lastSweepEventMs = eventMs;
    this.#lastSweepWallMs = wallMs;
    const gen = this.#gen++;
    for (const b of this.#store.all()) {
      if (b.timeMachine) {
        if (b.First_ts.IsZero()) {
          if (b.bornGen < gen) this.#expire(b);
        } else if (eventMs - (toMs(b.Last_ts) + b.Duration.ns / 1e6) > every) this.#expire(b);
      } else if (b.deadlineMs !== 0 && wallMs > b.deadlineMs) this.#expire(b);
    }
  }

  #warnOnce(message: string): void {
    if (this.#untimedWarned.has(message)) return;
    this.#untimedWarned.add(message);
    this.#warn(message);
  }
}

/** Position of the first entry greater than `i` in an ascending list. */
function firstAfter(list: Int32Array, i: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Time-machine expiry: `d` strictly after `Last_ts + Duration`. */
function afterLifetime(d: GoTime, b: Leaky): boolean {
  const last = b.Last_ts;
  const elapsedNs = (d.sec - last.sec) * 1e9 + (d.nsec - last.nsec);
  return elapsedNs > b.Duration.ns;
}
