import { locationType } from '../compile/time-methods.ts';
import { Fault } from '../source/error.ts';
import { durationType, timeType } from '../types.ts';
import { parseDuration } from '../values/duration.ts';
import { GoLocation, GoTime, loadLocation } from '../values/time.ts';
import { RFC822, RFC850, RFC1123, RFC3339 } from '../values/time-layout.ts';
import { parseTime, parseTimeInLocation } from '../values/time-parse.ts';
import type { Builtin } from './context.ts';
import { eager, expectKinds, returning } from './eager.ts';
import { str } from './strings.ts';

/** Time builtins: `now`, `duration`, `date`, `timezone` (Go `time` semantics via values/time.ts). */

/** Layouts `date(s)` tries in order when no layout is given (expr-lang v1.17). */
const DATE_LAYOUTS = ['2006-01-02', '15:04:05', '2006-01-02 15:04:05', RFC3339, RFC822, RFC850, RFC1123];

export const TIME_BUILTINS: readonly Builtin[] = [
  eager(
    'now',
    0,
    1,
    (args, call) => {
      if (args.length === 1 && args[0]!.type.kind !== 'any' && args[0]!.type !== locationType) {
        call.fail(`invalid number of arguments (expected 0, got ${args.length})`);
      }
      return timeType;
    },
    (a, pos) => {
      const t = GoTime.now();
      if (a.length === 0) return t;
      if (a[0] instanceof GoLocation) return t.In(a[0]);
      throw new Fault('invalid number of arguments (expected 0, got 1)', pos);
    },
  ),
  eager(
    'duration',
    1,
    1,
    (args, call) => returning(durationType, expectKinds(call, args, 0, 'string')),
    (a, pos) => parseDuration(str(a, 0, 'duration', pos)),
  ),
  eager(
    'date',
    1,
    4,
    (args, call) => {
      const rest = args[0]!.type === locationType ? args.slice(1) : args;
      if (rest.length < 1 || rest.length > 3)
        call.fail(`invalid number of arguments (expected at most 3, got ${rest.length})`);
      return timeType;
    },
    (a, pos) => {
      let tz: GoLocation | undefined;
      let args = a;
      if (a[0] instanceof GoLocation) {
        tz = a[0];
        args = a.slice(1);
      }
      const text = str(args, 0, 'date', pos);
      if (args.length === 2) {
        const layout = str(args, 1, 'date', pos);
        return tz ? parseTimeInLocation(layout, text, tz) : parseTime(layout, text);
      }
      if (args.length === 3) {
        const loc = loadLocation(str(args, 2, 'date', pos));
        return parseTimeInLocation(str(args, 1, 'date', pos), text, loc);
      }
      for (const layout of DATE_LAYOUTS) {
        try {
          return tz ? parseTimeInLocation(layout, text, tz) : parseTime(layout, text);
        } catch {
          // try the next layout
        }
      }
      throw new Fault(`invalid date ${text}`, pos);
    },
  ),
  eager(
    'timezone',
    1,
    1,
    (args, call) => returning(locationType, expectKinds(call, args, 0, 'string')),
    (a, pos) => loadLocation(str(a, 0, 'timezone', pos)),
  ),
];
