/**
 * Go's `time.ParseDuration`, which CrowdSec applies to `leakspeed`, `duration`, `blackhole` and
 * stash `ttl`: a sequence of decimal numbers with units (`1h30m`, `0.5s`, `-2m`), units `ns`,
 * `us`/`µs`/`μs`, `ms`, `s`, `m`, `h`; no `d`. The result is in nanoseconds (a float, so that
 * sub-nanosecond fractions do not matter for validation).
 */

const UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const COMPONENT = /^(\d*)(?:\.(\d*))?([^\d.]+)/;

/** Parses a Go duration; returns undefined (with no exception) when Go would return an error. */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  while (s !== '') {
    const m = COMPONENT.exec(s);
    if (!m) return undefined;
    const [all, int = '', frac, unitText = ''] = m;
    if (int === '' && (frac === undefined || frac === '')) return undefined;
    const unit = UNITS[unitText];
    if (unit === undefined) return undefined;
    total += Number(`${int || '0'}.${frac || '0'}`) * unit;
    s = s.slice(all.length);
  }
  return sign * total;
}
