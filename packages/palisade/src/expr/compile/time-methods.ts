import {
  boolType,
  durationType,
  type FuncType,
  floatType,
  funcOf,
  intType,
  type StructType,
  stringType,
  structOf,
  timeType,
} from '../types.ts';

/**
 * Static signatures of the Go methods reachable on `time.Time` and `time.Duration` values
 * (`evt.Time.Hour()`, `evt.Time.Weekday().String()`, `d.Seconds()`). The run-time values
 * (values/time.ts `GoTime`, values/duration.ts `Duration`) implement them under the Go names;
 * `Weekday()`/`Month()` return objects with a `String()` method.
 */

/** Go `time.Weekday`; only its `String()` is reachable. */
export const weekdayType: StructType = structOf('time.Weekday', {}, { String: funcOf([], stringType) });
/** Go `time.Month`; only its `String()` is reachable. */
export const monthType: StructType = structOf('time.Month', {}, { String: funcOf([], stringType) });
/** Go `*time.Location`, returned by `timezone(name)`; usable with `t.In(loc)`. */
export const locationType: StructType = structOf('*time.Location', {}, { String: funcOf([], stringType) });

export const TIME_METHODS: Readonly<Record<string, FuncType>> = {
  Year: funcOf([], intType),
  Month: funcOf([], monthType),
  Day: funcOf([], intType),
  Hour: funcOf([], intType),
  Minute: funcOf([], intType),
  Second: funcOf([], intType),
  Nanosecond: funcOf([], intType),
  Weekday: funcOf([], weekdayType),
  YearDay: funcOf([], intType),
  Unix: funcOf([], intType),
  UnixMilli: funcOf([], intType),
  UnixMicro: funcOf([], intType),
  UnixNano: funcOf([], intType),
  Sub: funcOf([timeType], durationType),
  Add: funcOf([durationType], timeType),
  AddDate: funcOf([intType, intType, intType], timeType),
  Before: funcOf([timeType], boolType),
  After: funcOf([timeType], boolType),
  Equal: funcOf([timeType], boolType),
  Compare: funcOf([timeType], intType),
  IsZero: funcOf([], boolType),
  Format: funcOf([stringType], stringType),
  String: funcOf([], stringType),
  UTC: funcOf([], timeType),
  Local: funcOf([], timeType),
  In: funcOf([locationType], timeType),
  Truncate: funcOf([durationType], timeType),
  Round: funcOf([durationType], timeType),
};

export const DURATION_METHODS: Readonly<Record<string, FuncType>> = {
  Hours: funcOf([], floatType),
  Minutes: funcOf([], floatType),
  Seconds: funcOf([], floatType),
  Milliseconds: funcOf([], intType),
  Microseconds: funcOf([], intType),
  Nanoseconds: funcOf([], intType),
  String: funcOf([], stringType),
  Round: funcOf([durationType], durationType),
  Truncate: funcOf([durationType], durationType),
  Abs: funcOf([], durationType),
};
