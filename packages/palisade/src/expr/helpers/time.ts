/**
 * Time helpers: TimeNow, ParseUnix, MedianInterval, AverageInterval.
 */
import type { ExprFunction } from '../functions.ts';
import { anyType, arrayOf, durationType, funcOf, stringType, timeType } from '../types.ts';
import { Duration } from '../values/duration.ts';
import { compareTimes, GoTime } from '../values/time.ts';
import type { HelperDeps } from './deps.ts';
import { silentLogger } from './deps.ts';
import { HelperError } from './errors.ts';
import { parseGoInt } from './go-parse.ts';
import { str } from './util.ts';

const RFC3339 = '2006-01-02T15:04:05Z07:00';

function times(helper: string, v: unknown): GoTime[] {
  if (!Array.isArray(v))
    throw new HelperError(helper, 'invalid-argument', `${helper} expects a slice of times`);
  return v.map((t, i) => {
    if (!(t instanceof GoTime))
      throw new HelperError(helper, 'invalid-argument', `element at index ${i} is not a time.Time`);
    return t;
  });
}

function intervals(helper: string, v: unknown, what: string): number[] {
  const ts = times(helper, v).slice().sort(compareTimes);
  if (ts.length < 2)
    throw new HelperError(helper, 'invalid-argument', `need at least two times to calculate ${what}`);
  const out: number[] = [];
  for (let i = 1; i < ts.length; i++) out.push(ts[i].Sub(ts[i - 1]).ns);
  return out;
}

// map(queue.Queue, {#.Time}) may be typed []time.Time or []interface {}; accept both and any.
const intervalTypes = [
  funcOf([arrayOf(timeType)], durationType),
  funcOf([arrayOf(anyType)], durationType),
  funcOf([anyType], durationType),
];

/** The time helpers; `deps.now` is the clock (epoch ms). */
export function timeHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  return [
    {
      name: 'TimeNow',
      types: [funcOf([], stringType)],
      fn: () => {
        const ms = now();
        const sec = Math.floor(ms / 1000);
        return GoTime.fromUnix(sec, Math.round((ms - sec * 1000) * 1e6))
          .UTC()
          .Format(RFC3339);
      },
    },
    {
      name: 'ParseUnix',
      types: [funcOf([stringType], stringType)],
      fn: (s: unknown) => {
        const text = str('ParseUnix', s);
        // The integer part only: fractional timestamps ("1700000000.123") are truncated.
        const sec = parseGoInt(text.split('.')[0]);
        if (sec === undefined || sec <= 0) {
          log.error(`unable to parse ${text} as unix timestamp`);
          return '';
        }
        // Go's time.Unix is in the local zone.
        return GoTime.fromUnix(sec, 0).Format(RFC3339);
      },
    },
    {
      name: 'MedianInterval',
      types: intervalTypes,
      fn: (v: unknown) => {
        const gaps = intervals('MedianInterval', v, 'a median').sort((a, b) => a - b);
        const n = gaps.length;
        if (n % 2 === 1) return new Duration(gaps[(n - 1) / 2]);
        return new Duration(Math.trunc((gaps[n / 2 - 1] + gaps[n / 2]) / 2));
      },
    },
    {
      name: 'AverageInterval',
      types: intervalTypes,
      fn: (v: unknown) => {
        const gaps = intervals('AverageInterval', v, 'an average interval');
        const total = gaps.reduce((a, b) => a + b, 0);
        return new Duration(Math.trunc(total / gaps.length));
      },
    },
  ];
}
