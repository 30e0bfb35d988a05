/**
 * Deep copy of an event, for dumps (hubtest §7.3) and explanations that keep a snapshot of the
 * event after each node while the live event goes on being modified.
 */
import {
  Alert,
  AlertDecision,
  AlertEvent,
  AlertSource,
  AppsecEvent,
  Event,
  Line,
  RuntimeAlert,
} from '../event/index.ts';

/**
 * The mutable classes of the event model: copied field by field keeping their prototype. Any other
 * class instance (GoTime, Float64, Duration, IpAddr…) is an immutable value and is shared.
 */
const MUTABLE_CLASSES: ReadonlySet<unknown> = new Set([
  Event.prototype,
  Line.prototype,
  RuntimeAlert.prototype,
  AppsecEvent.prototype,
  Alert.prototype,
  AlertSource.prototype,
  AlertEvent.prototype,
  AlertDecision.prototype,
]);

/**
 * A deep copy of `evt`: maps, slices and the model objects are copied; shared references inside
 * the event (`Overflow.Alert` is `Overflow.APIAlerts[0]`) stay shared in the copy.
 */
export function cloneEvent(evt: Event): Event {
  return copy(evt, new Map()) as Event;
}

function copy(v: unknown, seen: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = copy(v[i], seen);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== null && proto !== Object.prototype && !MUTABLE_CLASSES.has(proto)) return v;
  const out = Object.create(proto) as Record<string, unknown>;
  seen.set(v, out);
  for (const k of Object.keys(v)) {
    // defineProperty: a key named `__proto__` stays an ordinary own key.
    Object.defineProperty(out, k, {
      value: copy((v as Record<string, unknown>)[k], seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
