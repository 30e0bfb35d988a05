/**
 * What one bucket instance does with one event (hub-compat §2.4 step 5, Go `LeakRoutine`): the
 * on-pour processors (type, distinct, cancel_on), the pour itself, the after-pour processors
 * (condition, bayesian), the lifetime timer, and the overflow with its hooks (overflow_filter,
 * blackhole).
 */
import type { Event } from '../event/index.ts';
import type { Program } from '../expr/index.ts';
import type { GoTime } from '../expr/values/time.ts';
import { buildRuntimeAlert, overflowEvent } from './alert.ts';
import type { AlertContext } from './alert-context.ts';
import type { Clock } from './api.ts';
import type { Leaky } from './leaky.ts';
import type { ScopeRunner } from './sources.ts';

/** The engine services an instance uses. */
export interface BucketEngine {
  readonly clock: Clock;
  readonly context: AlertContext;
  readonly maxDistinct: number;
  readonly runScope: ScopeRunner;
  warn(message: string): void;
  /** Evaluates `program` with `vars`; undefined (error counted for the scenario) when it fails. */
  tryRun(b: Leaky, program: Program, vars: Record<string, unknown>): { value: unknown } | undefined;
  /** Parses an event's MarshaledTime (cached per pour); null when absent or invalid. */
  eventTime(evt: Event): GoTime | null;
  /** Ends `b` (removes it from the store, stops its timer). */
  end(b: Leaky, why: 'overflow' | 'cancel'): void;
  /** A real overflow of `b` to hand out. */
  emit(b: Leaky, overflow: Event): void;
  /** An event that could not be poured for lack of a time (time-machine). */
  untimed(b: Leaky, evt: Event): void;
  /** Live counters: arm the timed overflow. */
  armCounter(b: Leaky): void;
  /** An overflow discarded by overflow_filter or blackhole. */
  discarded(b: Leaky): void;
  /** A `distinct` value forgotten because of the memory limit. */
  droppedDistinct(): void;
}

/** Runs one event through instance `b`. */
export function pourIntoBucket(engine: BucketEngine, b: Leaky, evt: Event): void {
  const f = b.factory;
  if (f.trigger) {
    triggerPour(engine, b, evt);
    return;
  }
  if (f.distinct !== null && !distinctAccepts(engine, b, evt, f.distinct)) return;
  if (f.cancelOn !== null) {
    const r = engine.tryRun(b, f.cancelOn, { evt });
    if (r !== undefined && r.value === true) {
      engine.end(b, 'cancel');
      return;
    }
  }

  let pending = false;
  const clock = engine.clock;
  let at: GoTime | null;
  if (b.timeMachine) {
    at = engine.eventTime(evt);
    if (at === null) engine.untimed(b, evt);
  } else at = clock.now().UTC();
  if (at !== null) {
    b.Total_count++;
    if (b.First_ts.IsZero()) b.First_ts = at;
    b.Last_ts = at;
    // The limiter is consulted first even for conditional buckets (it consumes a token).
    if (b.Limiter.allow(at) || f.conditional) b.Queue.Add(evt);
    else {
      b.Ovflw_ts = at;
      b.Queue.Add(evt);
      pending = true;
    }
  }

  if (f.condition !== null || f.bayesian !== null) {
    const vars = { evt, queue: b.Queue, leaky: b };
    if (f.condition !== null) {
      const r = engine.tryRun(b, f.condition, vars);
      if (r !== undefined && r.value === true) {
        b.Ovflw_ts = b.Last_ts;
        overflow(engine, b);
        return;
      }
    }
    if (f.bayesian !== null && bayesianOverflows(engine, b, vars)) {
      b.Ovflw_ts = b.Last_ts;
      overflow(engine, b);
      return;
    }
  }

  if (!b.timeMachine) {
    if (!f.timed) b.deadlineMs = toMs(clock.now()) + f.lifetime.ns / 1e6;
    else if (b.timer === null) engine.armCounter(b);
  }
  if (pending) overflow(engine, b);
}

/** Trigger type processor: every event overflows its own fresh instance. */
function triggerPour(engine: BucketEngine, b: Leaky, evt: Event): void {
  const clock = engine.clock;
  if (b.timeMachine) {
    let d = engine.eventTime(evt);
    if (d === null) {
      engine.warn(`Failed unmarshaling event time (${evt.MarshaledTime}) for ${b.Name}, using now`);
      d = clock.now().UTC();
    }
    b.Last_ts = d;
    b.First_ts = d;
    b.Ovflw_ts = d;
  } else {
    const now = clock.now();
    b.Last_ts = now;
    b.First_ts = now;
    b.Ovflw_ts = now.UTC();
  }
  b.Total_count = 1;
  b.Queue.Add(evt);
  overflow(engine, b);
}

/** `distinct`: false when the value was already seen (the event is dropped). */
function distinctAccepts(engine: BucketEngine, b: Leaky, evt: Event, program: Program): boolean {
  const r = engine.tryRun(b, program, { evt });
  // An evaluation error keeps the event without remembering anything.
  if (r === undefined) return true;
  const element = typeof r.value === 'string' ? r.value : '';
  let seen = b.seen;
  if (seen === null) b.seen = seen = new Set();
  if (seen.has(element)) return false;
  if (seen.size >= engine.maxDistinct) {
    // Bounded memory: forget the oldest value (counted as dropped state).
    seen.delete(seen.values().next().value as string);
    engine.droppedDistinct();
  }
  seen.add(element);
  return true;
}

/**
 * Bayesian processor: the posterior restarts from the prior at each pour and is updated by every
 * condition (float32 arithmetic, as Go's); a guillotine condition true once stays true.
 */
function bayesianOverflows(engine: BucketEngine, b: Leaky, vars: Record<string, unknown>): boolean {
  const bay = b.factory.bayesian;
  if (bay === null) return false;
  const conditions = bay.conditions;
  if (b.guillotines === null) b.guillotines = conditions.map(() => false);
  const fired = b.guillotines;
  let posterior = bay.prior;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i] as (typeof conditions)[number];
    if (c.program === null) continue;
    let truth: boolean;
    if (c.guillotine && fired[i]) truth = true;
    else {
      const r = engine.tryRun(b, c.program, vars);
      if (r === undefined || typeof r.value !== 'boolean') continue;
      truth = r.value;
      if (truth) fired[i] = true;
    }
    posterior = truth
      ? update(posterior, c.probGivenEvil, c.probGivenBenign)
      : update(posterior, Math.fround(1 - c.probGivenEvil), Math.fround(1 - c.probGivenBenign));
  }
  return posterior > bay.threshold;
}

function update(prior: number, pe: number, pb: number): number {
  const f = Math.fround;
  const numerator = f(pe * prior);
  const denominator = f(numerator + f(pb * f(1 - prior)));
  return f(numerator / denominator);
}

/**
 * The instance overflows: it ends, its alert is built, then the overflow hooks of the scenario run
 * (overflow_filter, then blackhole); a discarded overflow emits nothing.
 */
export function overflow(engine: BucketEngine, b: Leaky): void {
  engine.end(b, 'overflow');
  const f = b.factory;
  const alert = buildRuntimeAlert(b, engine);
  let discarded = false;
  if (f.overflowFilter !== null) {
    const r = engine.tryRun(b, f.overflowFilter, { queue: b.Queue, signal: alert, leaky: b });
    if (r !== undefined && r.value === false) discarded = true;
  }
  if (!discarded && f.blackhole !== null && f.blackhole.discards(b.Mapkey, b.Ovflw_ts)) discarded = true;
  if (discarded) {
    // Go replaces the alert by a bare clean-up signal, which the pipeline ignores.
    engine.discarded(b);
    return;
  }
  if (alert.Alert === null) return;
  engine.emit(b, overflowEvent(alert, b.Ovflw_ts, engine.warn));
}

/** Epoch milliseconds of a time. */
export function toMs(t: GoTime): number {
  return t.sec * 1000 + t.nsec / 1e6;
}
