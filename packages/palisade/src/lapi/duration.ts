/**
 * The `duration` field of decisions on the wire: Go's `time.Duration.String()` of
 * `until − now` rounded to whole seconds (`4h0m0s`, `59m59s`, `45s`, `0s`, `-1m3s`). Hours never
 * roll into days, since bouncers parse it with Go's `time.ParseDuration`, which has no `d`.
 */

/** The Go duration string of `untilMs − nowMs` rounded to the second (half away from zero). */
export function formatDecisionDuration(untilMs: number, nowMs: number): string {
  return formatSeconds(roundHalfAwayFromZero((untilMs - nowMs) / 1000));
}

/** Go's `Duration.String()` of a whole number of seconds. */
export function formatSeconds(total: number): string {
  if (total === 0) return '0s';
  const sign = total < 0 ? '-' : '';
  let rest = Math.abs(total);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

function roundHalfAwayFromZero(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 ? -r : r;
}
