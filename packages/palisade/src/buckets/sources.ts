/**
 * The sources of an alert (hub-compat §2.6): for every queued event, who did it, according to the
 * scenario's scope: `Ip` (Meta.source_ip), `Range` (Meta.SourceRange or the scope expression) or a
 * custom scope (the scope expression). Overflow events poured again (reprocess) bring their own
 * sources, re-scoped to `Range` when the scenario asks for it.
 */
import { AlertSource, EVENT_OVERFLOW, type Event, getString } from '../event/index.ts';
import { formatV6, isV4, parseCIDR, parseIP } from '../expr/helpers/go-ip.ts';
import type { Program } from '../expr/index.ts';
import type { ScenarioFactory } from './factory.ts';

/** Sources keyed by value (insertion ordered) and their common scope, or why there are none. */
export type SourcesResult =
  | { readonly ok: true; readonly sources: Map<string, AlertSource>; readonly scope: string }
  | { readonly ok: false; readonly error: string };

/** Runs the scope expression; counts and rethrows errors (the caller reports them). */
export type ScopeRunner = (program: Program, evt: Event) => unknown;

/** Collects the sources of `queue` (Go `alertFormatSource`). */
export function sourcesOfQueue(
  f: ScenarioFactory,
  queue: readonly Event[],
  runScope: ScopeRunner,
  warn: (message: string) => void,
): SourcesResult {
  const sources = new Map<string, AlertSource>();
  let scope = '';
  for (const evt of queue) {
    let found: Map<string, AlertSource>;
    try {
      found =
        evt.Type === EVENT_OVERFLOW
          ? overflowSources(f, evt, runScope, warn)
          : eventSources(f, evt, runScope);
    } catch (err) {
      return { ok: false, error: `while extracting scope from bucket ${f.name}: ${(err as Error).message}` };
    }
    for (const [key, src] of found) {
      if (scope === '') scope = src.Scope;
      if (src.Scope !== scope)
        return { ok: false, error: `event has multiple source types : ${src.Scope} != ${scope}` };
      sources.set(key, src);
    }
  }
  return { ok: true, sources, scope };
}

function scopeValue(program: Program, evt: Event, runScope: ScopeRunner): string {
  let value: unknown;
  try {
    value = runScope(program, evt);
  } catch (err) {
    throw new Error(`while running scope filter: ${(err as Error).message}`);
  }
  return typeof value === 'string' ? value : '';
}

/** Sources of a log event (Go `eventSources`). Throws when the event gives no valid source. */
function eventSources(f: ScenarioFactory, evt: Event, runScope: ScopeRunner): Map<string, AlertSource> {
  const out = new Map<string, AlertSource>();
  const src = new AlertSource();
  const scope = f.scopeType;
  if (scope === 'Ip' || scope === 'Range') {
    if (!Object.hasOwn(evt.Meta, 'source_ip'))
      throw new Error(`scope is ${scope} but Meta[source_ip] doesn't exist`);
    const ip = evt.Meta.source_ip as string;
    if (parseIP(ip) === undefined) throw new Error(`scope is ${scope} but '${ip}' isn't a valid ip`);
    src.IP = ip;
    src.Scope = scope;
    const enriched = evt.Enriched;
    if (Object.hasOwn(enriched, 'ASNumber')) src.AsNumber = enriched.ASNumber as string;
    else if (Object.hasOwn(enriched, 'ASNNumber')) src.AsNumber = enriched.ASNNumber as string;
    if (Object.hasOwn(enriched, 'IsoCode')) src.Cn = enriched.IsoCode as string;
    if (Object.hasOwn(enriched, 'ASNOrg')) src.AsName = enriched.ASNOrg as string;
    if (Object.hasOwn(enriched, 'Latitude')) src.Latitude = float32(enriched.Latitude as string);
    if (Object.hasOwn(enriched, 'Longitude')) src.Longitude = float32(enriched.Longitude as string);
    const declared = getString(evt.Meta, 'SourceRange');
    if (declared !== '') {
      const range = cidrString(declared);
      if (range === undefined) throw new Error(`declared range ${declared} of ${ip} can't be parsed`);
      src.Range = range;
    }
    if (scope === 'Ip') src.Value = src.IP;
    else src.Value = f.scopeExpr ? scopeValue(f.scopeExpr, evt, runScope) : src.Range;
    out.set(src.Value, src);
    return out;
  }
  if (f.scopeExpr === null) throw new Error('empty scope information');
  src.Value = scopeValue(f.scopeExpr, evt, runScope);
  src.Scope = scope;
  out.set(src.Value, src);
  return out;
}

/** Sources of an overflow event poured again (Go `overflowEventSources`). */
function overflowSources(
  f: ScenarioFactory,
  evt: Event,
  runScope: ScopeRunner,
  warn: (message: string) => void,
): Map<string, AlertSource> {
  const out = new Map<string, AlertSource>();
  const given = evt.Overflow.Sources;
  for (const key of Object.keys(given)) {
    const v = given[key] as AlertSource;
    if (v.Scope === f.scopeType) {
      out.set(key, copySource(v));
      continue;
    }
    if (f.scopeType !== 'Range') continue;
    if (v.Scope !== 'Ip') {
      warn(`bucket ${f.name} requires scope Range, but can't extrapolate from ${v.Scope} (${v.Value})`);
      continue;
    }
    const src = new AlertSource();
    src.AsName = v.AsName;
    src.AsNumber = v.AsNumber;
    src.Cn = v.Cn;
    src.Latitude = v.Latitude;
    src.Longitude = v.Longitude;
    src.Range = v.Range;
    src.Scope = f.scopeType;
    src.Value = f.scopeExpr ? scopeValue(f.scopeExpr, evt, runScope) : v.Range;
    if (src.Value !== '') out.set(src.Value, src);
    else
      warn(
        `bucket ${f.name} requires scope Range, but none was provided. It seems that the ${v.Value} wasn't enriched to include its range.`,
      );
  }
  return out;
}

/** A plain copy of a source (its current field values). */
export function copySource(v: AlertSource): AlertSource {
  const s = new AlertSource();
  s.AsName = v.AsName;
  s.AsNumber = v.AsNumber;
  s.Cn = v.Cn;
  s.IP = v.IP;
  s.Latitude = v.Latitude;
  s.Longitude = v.Longitude;
  s.Range = v.Range;
  s.Scope = v.Scope;
  s.Value = v.Value;
  return s;
}

/** Go `net.ParseCIDR` then `IPNet.String()`: the masked network; undefined when invalid. */
export function cidrString(text: string): string | undefined {
  const net = parseCIDR(text);
  if (net === undefined) return undefined;
  const b = net.bytes;
  if (net.textV4 || isV4(b)) {
    const bits = net.textV4 ? net.bits : net.bits - 96;
    if (bits >= 0) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}/${bits}`;
  }
  return `${formatV6(b)}/${net.bits}`;
}

const GO_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Go `strconv.ParseFloat(v, 32)` then `float32(…)`; 0 on a syntax error (Go logs it). */
function float32(text: string): number {
  if (GO_FLOAT.test(text)) return Math.fround(Number(text));
  const lower = text.toLowerCase();
  if (/^[+]?(inf|infinity)$/.test(lower)) return Number.POSITIVE_INFINITY;
  if (/^-(inf|infinity)$/.test(lower)) return Number.NEGATIVE_INFINITY;
  if (lower === 'nan') return Number.NaN;
  return 0;
}
