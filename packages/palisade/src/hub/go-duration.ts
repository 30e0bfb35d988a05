import { parseDuration } from '../expr/values/duration.ts';

/**
 * Go's `time.ParseDuration`, which CrowdSec applies to `leakspeed`, `duration`, `blackhole` and
 * stash `ttl` (no `d` unit). Returns the duration in nanoseconds, or undefined where Go would
 * return an error; load-time validation reports the field itself.
 */
export function parseGoDuration(text: string): number | undefined {
  try {
    return parseDuration(text).ns;
  } catch {
    return undefined;
  }
}
