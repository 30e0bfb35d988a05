/**
 * Building the overflow of a bucket instance (hub-compat §2.7, Go `NewAlert`): the RuntimeAlert
 * with its sources, and one `models.Alert` per source (message, events with sorted meta, alert
 * context, remediation). A failure (no valid source, mixed scopes, an event without timestamp)
 * yields a RuntimeAlert without Alert, which the pipeline treats as a bucket clean-up.
 */
import {
  Alert,
  AlertEvent,
  AlertSource,
  EVENT_OVERFLOW,
  type Event,
  type GoMap,
  type MetaItem,
  newEvent,
  newMap,
  RuntimeAlert,
} from '../event/index.ts';
import type { GoTime } from '../expr/values/time.ts';
import { byteCompare } from '../hub/layout.ts';
import type { AlertContext } from './alert-context.ts';
import type { Leaky } from './leaky.ts';
import { type ScopeRunner, sourcesOfQueue } from './sources.ts';

/** What building an alert needs besides the instance. */
export interface AlertBuildContext {
  readonly context: AlertContext;
  readonly runScope: ScopeRunner;
  readonly warn: (message: string) => void;
}

/** Go `time.Time.MarshalText` as text, '' (with a warning) when Go fails. */
function marshal(t: GoTime, warn: (m: string) => void): string {
  try {
    return t.MarshalText();
  } catch (err) {
    warn(`failed to serialize time ${t.String()}: ${(err as Error).message}`);
    return '';
  }
}

/** The RuntimeAlert of an overflowing instance (Go `NewAlert`). */
export function buildRuntimeAlert(b: Leaky, ctx: AlertBuildContext): RuntimeAlert {
  const f = b.factory;
  const rt = new RuntimeAlert();
  rt.Mapkey = b.Mapkey;
  const queue = b.Queue.Queue;
  const found = sourcesOfQueue(f, queue, ctx.runScope, ctx.warn);
  if (!found.ok) {
    ctx.warn(`unable to collect sources from bucket: ${found.error}`);
    return rt;
  }
  const sources: GoMap<AlertSource> = newMap();
  for (const [k, v] of found.sources) sources[k] = v;
  rt.Sources = sources;
  const count = found.sources.size;
  let sourceText = 'UNKNOWN';
  if (count > 1) sourceText = `${count} sources`;
  else if (count === 1) sourceText = found.sources.keys().next().value as string;
  const over = b.Ovflw_ts.Sub(b.First_ts).String();
  const message = `${found.scope} ${sourceText} performed '${f.name}' (${b.Total_count} events over ${over}) at ${b.Last_ts.String()}`;

  const events: AlertEvent[] = [];
  for (const evt of queue) {
    if (evt.Meta == null || (evt.Type === EVENT_OVERFLOW && isEmpty(evt.Meta))) continue;
    const e = new AlertEvent();
    e.Meta = sortedMeta(evt.Meta);
    if (evt.MarshaledTime !== '') e.Timestamp = evt.MarshaledTime;
    else if (!evt.Time.IsZero()) e.Timestamp = marshal(evt.Time, ctx.warn);
    else {
      // Go's alert validation rejects an event without timestamp: no alert at all.
      ctx.warn(`invalid generated alert for ${f.name}: an event has no timestamp`);
      return rt;
    }
    events.push(e);
  }
  const meta = ctx.context.evaluate(queue);
  const startAt = marshal(b.First_ts, ctx.warn);
  const stopAt = marshal(b.Ovflw_ts, ctx.warn);
  const leakspeed = b.Leakspeed.String();
  for (const src of found.sources.values()) {
    const a = new Alert();
    a.Scenario = f.name;
    a.ScenarioHash = f.hash;
    a.ScenarioVersion = f.version;
    a.Capacity = b.Capacity;
    a.EventsCount = b.Total_count;
    a.Leakspeed = leakspeed;
    a.Message = message;
    a.StartAt = startAt;
    a.StopAt = stopAt;
    a.Simulated = b.Simulated;
    a.Kind = 'crowdsec';
    a.Events = events;
    a.Meta = meta;
    a.Source = aliasOf(src);
    a.Remediation = f.spec.remediation;
    rt.APIAlerts.push(a);
  }
  if (rt.APIAlerts.length > 0) rt.Alert = rt.APIAlerts[0] as Alert;
  if (b.Reprocess) rt.Reprocess = true;
  return rt;
}

/** The OVFLW event carrying `alert`, timestamped with the overflow time. */
export function overflowEvent(alert: RuntimeAlert, at: GoTime, warn: (m: string) => void): Event {
  const evt = newEvent({ type: EVENT_OVERFLOW });
  evt.Overflow = alert;
  evt.MarshaledTime = marshal(at, warn);
  return evt;
}

/**
 * Go skips queued events whose Meta is nil: overflow events are created without Meta. Ours always
 * have a map, so an overflow event with an empty one stands for Go's nil.
 */
function isEmpty(meta: GoMap<string>): boolean {
  for (const _ in meta) return false;
  return true;
}

function sortedMeta(meta: GoMap<string>): MetaItem[] {
  return Object.keys(meta)
    .sort(byteCompare)
    .map((k) => ({ Key: k, Value: meta[k] as string }));
}

/**
 * `Alert.Source` is a shallow copy of the `Sources` entry in Go, sharing its `Scope` and `Value`
 * pointers: setting `evt.Overflow.Alert.Source.Value` in a postoverflow also changes the entry
 * (hub test `ipv6-postoverflow`). Both objects get accessors onto one shared cell.
 */
function aliasOf(src: AlertSource): AlertSource {
  const cell = { Scope: src.Scope, Value: src.Value };
  const copy = new AlertSource();
  copy.AsName = src.AsName;
  copy.AsNumber = src.AsNumber;
  copy.Cn = src.Cn;
  copy.IP = src.IP;
  copy.Latitude = src.Latitude;
  copy.Longitude = src.Longitude;
  copy.Range = src.Range;
  for (const obj of [src, copy]) {
    for (const k of ['Scope', 'Value'] as const) {
      Object.defineProperty(obj, k, {
        get: () => cell[k],
        set: (v: string) => {
          cell[k] = v;
        },
        enumerable: true,
        configurable: true,
      });
    }
  }
  return copy;
}
