/**
 * Whether V8's experimental linear-time engine can run a regexp. When a regexp backtracks too
 * much, V8 (with `--enable-experimental-regexp-engine-on-excessive-backtracks`) re-runs it on that
 * engine, but only if the engine supports every construct in it; otherwise there is no fallback
 * and the match may take exponential time. Used by tests, `hub lint` and the ReDoS benchmark.
 */
import { setFlagsFromString } from 'node:v8';

let enabled = false;

function enable(): void {
  if (!enabled) {
    setFlagsFromString('--enable-experimental-regexp-engine');
    enabled = true;
  }
}

/**
 * True when the linear engine accepts `source` compiled with `flags`. Turns on V8's
 * `--enable-experimental-regexp-engine` (which only makes the `l` flag recognized; regexps
 * without `l` are unaffected) the first time it is called.
 */
export function acceptedByLinearEngine(source: string, flags = ''): boolean {
  enable();
  try {
    new RegExp(source, `${flags}l`);
    return true;
  } catch {
    return false;
  }
}

/**
 * `source` compiled for the linear-time engine (`l` flag), or null when that engine cannot run
 * it. Such a regexp never backtracks: its cost is O(line length × pattern size) whatever the
 * input, so callers use it directly for long lines instead of waiting for V8 to give up
 * backtracking.
 */
export function compileForLinearEngine(source: string, flags = ''): RegExp | null {
  enable();
  try {
    return new RegExp(source, `${flags}l`);
  } catch {
    return null;
  }
}
