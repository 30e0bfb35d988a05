/**
 * `cscli hubtest` does not assert on the events themselves: crowdsec dumps them to YAML (yaml.v3)
 * and the harness reads the dump back (hub-compat §7.4). For the dynamically typed part of an
 * event (`Unmarshaled`, map[string]any) that round trip changes kinds, and assertions can see it:
 *
 * - a float64 is written with Go's `strconv.FormatFloat(f, 'g', -1, 64)`; when that text has no
 *   exponent and no fraction (an integral value below 1e6 in magnitude) it reads back as an int,
 *   otherwise (`1e+06`, `2.5`) as a float64;
 * - strings stay strings (the encoder quotes any string that would resolve to something else);
 * - nested maps come back as generic maps, lists as []any; a time value comes back as its text.
 *
 * `roundTripAny` applies exactly that to a decoded value, without producing YAML.
 */
import { newMap } from '../event/maps.ts';
import { Float64 } from '../expr/values/float.ts';
import { GoTime } from '../expr/values/time.ts';

/** Depth beyond which values are kept as they are (JSON from logs is shallow; bounds recursion). */
const MAX_DEPTH = 256;

/** The value `v` (an `any` place) as it reads back after a yaml.v3 dump and load. */
export function roundTripAny(v: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return v;
  if (v instanceof Float64) return floatRoundTrip(v.value);
  if (typeof v === 'number') return Number.isInteger(v) ? v : floatRoundTrip(v);
  if (Array.isArray(v)) return v.map((item) => roundTripAny(item, depth + 1));
  if (v instanceof GoTime) return v.MarshalText();
  if (isMapObject(v)) {
    const out = newMap<unknown>();
    for (const k of Object.keys(v)) out[k] = roundTripAny(v[k], depth + 1);
    return out;
  }
  return v;
}

/** A map[string]any: a fresh map with each value round-tripped. */
export function roundTripMap(m: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = newMap<unknown>();
  for (const k of Object.keys(m)) out[k] = roundTripAny(m[k], 1);
  return out;
}

/**
 * A float64 after the round trip: a plain JS number when it reads back as an int, a `Float64`
 * box (integral) or plain number (fractional) when it stays a float.
 */
function floatRoundTrip(f: number): number | Float64 {
  if (Number.isInteger(f) && Math.abs(f) < 1e6) return f === 0 ? 0 : f;
  return Number.isInteger(f) ? new Float64(f) : f;
}

function isMapObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
