import { Duration } from '../values/duration.ts';
import { GoTime } from '../values/time.ts';

/** True for a Go `time.Time` value (values/time.ts `GoTime`). */
export function isTime(v: unknown): v is GoTime {
  return v instanceof GoTime;
}

/** True for a Go `time.Duration` value (values/duration.ts `Duration`). */
export function isDuration(v: unknown): v is Duration {
  return v instanceof Duration;
}

export { Duration, GoTime };
