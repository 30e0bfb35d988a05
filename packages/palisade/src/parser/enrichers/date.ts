/**
 * `ParseDate` (hub-compat §1.9), the enricher behind `crowdsecurity/dateparse-enrich`: turns
 * `evt.StrTime` into `Enriched.MarshaledTime` (RFC 3339 with nanoseconds, Go `MarshalText`).
 */
import type { Event } from '../../event/index.ts';
import { MODE_TIMEMACHINE } from '../../event/index.ts';
import { GoTime } from '../../expr/values/time.ts';
import { type CrowdsecDate, parseDateCrowdsec } from '../../expr/values/time-layout.ts';
import { type GoLocation, localLocation } from '../../expr/values/time-location.ts';
import type { Enricher } from './types.ts';

/** Options of `parseDateEnricher`. */
export interface ParseDateOptions {
  /** "Now": the fallback value and the year of year-less dates. Default: the wall clock. */
  readonly now?: () => GoTime;
  /** Go's `time.Local`. Default: the process zone. */
  readonly local?: GoLocation;
}

/**
 * `ParseDate(value, evt)`: the `evt.StrTimeFormat` layout first, then CrowdSec's layout list,
 * then unix seconds. Success ⇒ `{MarshaledTime: <parsed>}`, and in time-machine mode
 * (`evt.ExpectMode === MODE_TIMEMACHINE`) the parsed time also becomes `evt.Time`. Failure or
 * empty input ⇒ `{MarshaledTime: <now in UTC>}` with `evt.Time` untouched (as CrowdSec does).
 */
export function parseDateEnricher(options: ParseDateOptions = {}): Enricher {
  const clock = options.now ?? (() => GoTime.now());
  // The result of the last parse and everything it depends on: consecutive lines mostly carry the
  // same timestamp text (one second of logs), and trying CrowdSec's layouts one by one is costly.
  // The result (an immutable GoTime and a string) is shared, never modified.
  let lastValue: string | undefined;
  let lastFormat = '';
  let lastYear = 0;
  let lastLocal: GoLocation | undefined;
  let lastParsed: CrowdsecDate | null = null;
  return (value: string, evt: Event) => {
    const now = clock();
    const local = options.local ?? localLocation();
    const year = now.UTC().Year();
    const format = evt.StrTimeFormat;
    let parsed: CrowdsecDate | null;
    if (value === lastValue && format === lastFormat && year === lastYear && local === lastLocal) {
      parsed = lastParsed;
    } else {
      parsed = parseDateCrowdsec(value, { strTimeFormat: format, now, local });
      lastValue = value;
      lastFormat = format;
      lastYear = year;
      lastLocal = local;
      lastParsed = parsed;
    }
    if (parsed) {
      if (evt.ExpectMode === MODE_TIMEMACHINE) evt.Time = parsed.time;
      return { MarshaledTime: parsed.text };
    }
    try {
      return { MarshaledTime: now.UTC().MarshalText() };
    } catch {
      // A clock outside years 0-9999 cannot be marshalled; CrowdSec then returns nothing too.
      return null;
    }
  };
}
