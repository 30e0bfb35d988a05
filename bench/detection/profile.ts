/**
 * Summary of a V8 CPU profile (`node --cpu-prof`): self time per function and per file, so that
 * the report says where a replay spends its time without opening DevTools.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fields of a `.cpuprofile` the summary reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: CallFrame;
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  /** Microseconds before each sample. */
  readonly timeDeltas: readonly number[];
}

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  /** 0-based. */
  readonly lineNumber: number;
}

/** One row of the summary. */
export interface TimeRow {
  /** `function (file:line)` or a file name. */
  readonly name: string;
  readonly ms: number;
  /** Share of all sampled time, in percent. */
  readonly percent: number;
}

/** The summary of one profile. */
export interface ProfileSummary {
  readonly file: string;
  readonly sampledMs: number;
  /** Self time per function. */
  readonly functions: readonly TimeRow[];
  /** Self time per file. */
  readonly files: readonly TimeRow[];
  /**
   * Inclusive time (self + callees) of our own functions (those whose file is under
   * `packages/`): shows how the time splits between the pipeline's phases.
   */
  readonly inclusive: readonly TimeRow[];
}

/** Longer names (RegExp sources) are cut to this many characters. */
const NAME_LIMIT = 100;

/**
 * Self time of each function and of each file in `profile`, and inclusive time of our own
 * functions, `top` largest first. Sample `i` is charged the interval up to the next sample (as
 * DevTools does); `stripPrefix` is removed from script URLs to keep names short.
 */
export function summariseProfile(
  profile: CpuProfile,
  top: number,
  stripPrefix: string,
  file = '',
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const nameOf = new Map<number, string>();
  const fileOf = new Map<number, string>();
  for (const n of profile.nodes) {
    const url = shortUrl(n.callFrame.url, stripPrefix);
    const fn = n.callFrame.functionName || '(anonymous)';
    let name: string;
    if (url.startsWith('wasm://'))
      name = `(wasm, called by ${wasmCaller(n.id, byId, parentOf, stripPrefix)})`;
    else if (url === '') name = fn;
    else name = `${fn} (${url}:${n.callFrame.lineNumber + 1})`;
    name = cut(name);
    nameOf.set(n.id, name);
    fileOf.set(n.id, url === '' || url.startsWith('wasm://') ? name : url);
  }
  const own = (id: number) => (fileOf.get(id) ?? '').startsWith('packages/');

  const self = new Map<string, number>();
  const files = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const { samples, timeDeltas } = profile;
  const seen = new Set<string>();
  for (let i = 0; i < samples.length; i++) {
    const us = timeDeltas[i + 1] ?? 0;
    if (us <= 0) continue;
    total += us;
    const id = samples[i] as number;
    const name = nameOf.get(id) ?? '(unknown)';
    self.set(name, (self.get(name) ?? 0) + us);
    const f = fileOf.get(id) ?? '(unknown)';
    files.set(f, (files.get(f) ?? 0) + us);
    seen.clear();
    for (let p: number | undefined = id; p !== undefined; p = parentOf.get(p)) {
      const n = nameOf.get(p);
      // A recursive function counts once per sample.
      if (n === undefined || !own(p) || seen.has(n)) continue;
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + us);
    }
  }
  const rows = (m: Map<string, number>): TimeRow[] =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 100) / 10,
        percent: total > 0 ? Math.round((us / total) * 1000) / 10 : 0,
      }));
  return {
    file,
    sampledMs: Math.round(total / 1000),
    functions: rows(self),
    files: rows(files),
    inclusive: rows(inclusive),
  };
}

/**
 * WebAssembly frames have no useful names; they are named after the JavaScript that called them
 * (in a replay: amaro's TypeScript stripping at start-up).
 */
function wasmCaller(
  id: number,
  byId: ReadonlyMap<number, CallFrame>,
  parentOf: ReadonlyMap<number, number>,
  stripPrefix: string,
): string {
  for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) {
    const f = byId.get(p);
    if (f && f.url !== '' && !f.url.startsWith('wasm://')) {
      return `${f.functionName || '(anonymous)'} ${shortUrl(f.url, stripPrefix)}`;
    }
  }
  return '?';
}

function cut(name: string): string {
  return name.length > NAME_LIMIT ? `${name.slice(0, NAME_LIMIT - 1)}…` : name;
}

/** Reads the only (or newest) `.cpuprofile` of `dir` and summarises it. */
export function summariseProfileDir(dir: string, top: number, stripPrefix: string): ProfileSummary {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.cpuprofile'))
    .sort();
  const last = names[names.length - 1];
  if (last === undefined) throw new Error(`no .cpuprofile written in ${dir}`);
  const path = join(dir, last);
  return summariseProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, top, stripPrefix, path);
}

function shortUrl(url: string, stripPrefix: string): string {
  let u = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (stripPrefix !== '' && u.startsWith(stripPrefix)) u = u.slice(stripPrefix.length).replace(/^\/+/, '');
  return u;
}
