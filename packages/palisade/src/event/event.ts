/**
 * The run-time `Event` (CrowdSec `pipeline.Event`, hub-compat §1.10): what acquisition produces,
 * parsers fill, buckets pour and postoverflows see. Field names are Go's, so that expressions and
 * dumps address them exactly as CrowdSec content does; maps are null-prototype objects.
 */
import { GoTime } from '../expr/values/time.ts';
import { AppsecEvent } from './appsec.ts';
import { IpAddr } from './ip-addr.ts';
import { type GoMap, getString, newMap } from './maps.ts';
import type { Alert, AlertSource } from './models.ts';

/** `Event.Type` values. */
export const EVENT_LOG = 0;
export const EVENT_OVERFLOW = 1;
export const EVENT_APPSEC = 2;

/** `Event.ExpectMode` values: how buckets timestamp the event. */
export const MODE_LIVE = 0;
export const MODE_TIMEMACHINE = 1;

/** A Go `time.Time` value (the expression runtime's representation); zero = `GoTime.zero()`. */
export type EventTime = GoTime;

/** `pipeline.Line`: the raw log line. */
export class Line {
  Raw = '';
  Src = '';
  Time: EventTime = GoTime.zero();
  Labels: GoMap<string> = newMap();
  Process = false;
  Module = '';
}

/** `pipeline.RuntimeAlert`: the overflow payload of an OVFLW event. */
export class RuntimeAlert {
  Mapkey = '';
  BucketId = '';
  Whitelisted = false;
  Reprocess = false;
  Sources: GoMap<AlertSource> = newMap();
  /** Points at `APIAlerts[0]` once the alert is built; null for bucket clean-up signals. */
  Alert: Alert | null = null;
  APIAlerts: Alert[] = [];

  /** The keys of `Sources` (source values, e.g. IPs). */
  GetSources(): string[] {
    return Object.keys(this.Sources);
  }
}

/** `pipeline.Event`. */
export class Event {
  Type = EVENT_LOG;
  ExpectMode = MODE_LIVE;
  Whitelisted = false;
  WhitelistReason = '';
  Stage = '';
  Line: Line = new Line();
  Parsed: GoMap<string> = newMap();
  Enriched: GoMap<string> = newMap();
  Unmarshaled: GoMap<unknown> = newMap();
  Overflow: RuntimeAlert = new RuntimeAlert();
  Time: EventTime = GoTime.zero();
  StrTime = '';
  StrTimeFormat = '';
  MarshaledTime = '';
  Process = false;
  Appsec: AppsecEvent = new AppsecEvent();
  Meta: GoMap<string> = newMap();

  /** `log`, `overflow`, or `unknown` (CrowdSec has no name for APPSEC here). */
  GetType(): string {
    if (this.Type === EVENT_OVERFLOW) return 'overflow';
    if (this.Type === EVENT_LOG) return 'log';
    return 'unknown';
  }

  /** Sets `Meta[key]`; returns true so that it can be used inside a filter. */
  SetMeta(key: string, value: string): boolean {
    this.Meta[key] = value;
    return true;
  }

  /** Sets `Parsed[key]`; returns true. */
  SetParsed(key: string, value: string): boolean {
    this.Parsed[key] = value;
    return true;
  }

  /**
   * LOG: `Meta[key]`. OVFLW: the first non-empty meta `key` among the events of the API alerts.
   * Anything else: `''`.
   */
  GetMeta(key: string): string {
    if (this.Type === EVENT_LOG) return getString(this.Meta, key);
    if (this.Type === EVENT_OVERFLOW) {
      for (const alert of this.Overflow.APIAlerts) {
        for (const e of alert.Events) {
          const v = e.GetMeta(key);
          if (v !== '') return v;
        }
      }
    }
    return '';
  }

  /** LOG: `Meta.source_ip` if it is an IP; OVFLW: every source key that is an IP. */
  ParseIPSources(): IpAddr[] {
    const candidates =
      this.Type === EVENT_LOG
        ? Object.hasOwn(this.Meta, 'source_ip')
          ? [this.Meta.source_ip as string]
          : []
        : this.Type === EVENT_OVERFLOW
          ? this.Overflow.GetSources()
          : [];
    const out: IpAddr[] = [];
    for (const c of candidates) {
      const addr = IpAddr.parse(c);
      if (addr) out.push(addr);
    }
    return out;
  }
}

/** Options of `newEvent`. */
export interface NewEventOptions {
  /** `EVENT_LOG` (default), `EVENT_OVERFLOW` or `EVENT_APPSEC`. */
  type?: number;
  /** True for replayed (time-machine) input: buckets then use the event's own time. */
  timeMachine?: boolean;
  /** Initial `Process` flag. */
  process?: boolean;
}

/** CrowdSec `MakeEvent`: an event with empty (non-nil) maps. */
export function newEvent(options: NewEventOptions = {}): Event {
  const evt = new Event();
  evt.Type = options.type ?? EVENT_LOG;
  evt.ExpectMode = options.timeMachine ? MODE_TIMEMACHINE : MODE_LIVE;
  evt.Process = options.process ?? false;
  return evt;
}
