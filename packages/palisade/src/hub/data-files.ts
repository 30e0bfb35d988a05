/**
 * The data-file store behind File, RegexpInFile, LookupFile, FileMap and MatchKnownBot (spec §6).
 *
 * A file is read once per (name, kind) from the data directory, line by line: lines starting with
 * `#` and empty lines are skipped, a trailing CR is dropped, nothing else is trimmed. Kinds:
 * `string` (lines), `regexp`/`regex` (each line an RE2 pattern), `map` (JSON lines
 * `{pattern, tag, type: equals|contains|regex}`), `bots` (JSON lines `{name, user_agent, paths, ips,
 * ranges, rdns}`). A missing file loads as empty with a warning; an invalid line is a HubError
 * naming the file and line (CrowdSec refuses to start on those).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFileLookup, HelperLogger, KnownBot } from '../expr/helpers/deps.ts';
import { silentLogger } from '../expr/helpers/deps.ts';
import { parseCIDR, parseIP } from '../expr/helpers/go-ip.ts';
import { compileRe2 } from '../regex/index.ts';
import { HubError } from './errors.ts';
import { RegexpList } from './regexp-list.ts';

/** A `type:` of a `data:` entry that loads into the expression library. */
export type DataFileKind = 'string' | 'regexp' | 'regex' | 'map' | 'bots';

/** Optional RegexpInFile result cache (`cache`, `strategy`, `size`, `ttl` of a data entry). */
export interface RegexpCacheConfig {
  readonly cache?: boolean;
  readonly strategy?: string;
  readonly size?: number;
  /** Time-to-live in milliseconds. */
  readonly ttlMs?: number;
}

interface MapIndex {
  readonly rows: Readonly<Record<string, string>>[];
  readonly equals: Map<string, number>;
  readonly contains: { pattern: string; row: number }[];
  readonly regexes: { re: RegExp; row: number }[];
}

interface ResultCache {
  readonly size: number;
  readonly ttlMs: number;
  readonly entries: Map<string, { value: boolean; expiresAt: number }>;
}

/** Options of a store. */
export interface DataFileStoreOptions {
  readonly dataDir: string;
  readonly logger?: HelperLogger;
  readonly now?: () => number;
  /** File reader (tests inject one); default reads UTF-8 from disk, undefined when missing. */
  readonly readFile?: (path: string) => string | undefined;
}

function defaultRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Content lines as Go's bufio.Scanner yields them, with their 1-based line numbers. */
export function dataLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = text.split('\n');
  // A final newline does not start another line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (t === '' || t.startsWith('#')) return;
    out.push({ line: i + 1, text: t });
  });
  return out;
}

/** Loaded data files, implementing the helpers' `DataFileLookup`. */
export class DataFileStore implements DataFileLookup {
  readonly #dir: string;
  readonly #log: HelperLogger;
  readonly #now: () => number;
  readonly #read: (path: string) => string | undefined;
  readonly #strings = new Map<string, string[]>();
  readonly #regexps = new Map<string, RegexpList>();
  readonly #regexpCaches = new Map<string, ResultCache>();
  readonly #maps = new Map<string, MapIndex>();
  readonly #bots = new Map<string, KnownBot[]>();

  constructor(options: DataFileStoreOptions) {
    this.#dir = options.dataDir;
    this.#log = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#read = options.readFile ?? defaultRead;
  }

  /**
   * Loads `name` as `kind` unless already loaded with that kind. Throws HubError for an invalid
   * line or cache strategy; a missing file loads as empty with a warning.
   */
  load(name: string, kind: DataFileKind, cache?: RegexpCacheConfig): void {
    const k = kind === 'regex' ? 'regexp' : kind;
    if (k === 'regexp' && cache) this.#initCache(name, cache);
    const table = { string: this.#strings, regexp: this.#regexps, map: this.#maps, bots: this.#bots }[k];
    if (table.has(name)) return;
    const path = join(this.#dir, name);
    const text = this.#read(path);
    if (text === undefined)
      this.#log.warn(`data file ${path} not found, loading it as empty`, { file: name, type: kind });
    const lines = dataLines(text ?? '');
    const where = (line: number) => ({ file: name, line, column: 0 });
    switch (k) {
      case 'string':
        this.#strings.set(
          name,
          lines.map((l) => l.text),
        );
        break;
      case 'regexp':
        this.#regexps.set(
          name,
          new RegexpList(
            lines.map((l) => l.text),
            lines.map((l) => {
              try {
                return compileRe2(l.text);
              } catch (err) {
                throw new HubError(where(l.line), `invalid regexp: ${(err as Error).message}`, {
                  cause: err,
                });
              }
            }),
          ),
        );
        break;
      case 'map':
        this.#maps.set(name, this.#buildMap(name, lines));
        break;
      case 'bots':
        this.#bots.set(
          name,
          lines.map((l) => parseBotLine(l.text, where(l.line))),
        );
        break;
    }
  }

  #initCache(name: string, cfg: RegexpCacheConfig): void {
    if (cfg.cache === false) return;
    if (cfg.strategy === undefined && cfg.size === undefined && cfg.ttlMs === undefined) return;
    const strategy = cfg.strategy ?? 'LRU';
    if (!['LRU', 'LFU', 'ARC'].includes(strategy)) {
      throw new HubError({ file: name, line: 0, column: 0 }, `unknown cache strategy '${strategy}'`);
    }
    // LFU and ARC are served by the same LRU: only hit rates differ, never results.
    const ttlMs = cfg.ttlMs !== undefined && cfg.ttlMs > 0 ? cfg.ttlMs : Number.POSITIVE_INFINITY;
    this.#regexpCaches.set(name, { size: cfg.size ?? 50, ttlMs, entries: new Map() });
  }

  #buildMap(name: string, lines: { line: number; text: string }[]): MapIndex {
    const index: MapIndex = { rows: [], equals: new Map(), contains: [], regexes: [] };
    for (const l of lines) {
      const where = { file: name, line: l.line, column: 0 };
      let rec: unknown;
      try {
        rec = JSON.parse(l.text);
      } catch (err) {
        throw new HubError(where, `failed to parse JSON line: ${(err as Error).message}`, { cause: err });
      }
      if (rec === null || typeof rec !== 'object' || Array.isArray(rec))
        throw new HubError(where, 'a map line must be a JSON object');
      const row: Record<string, string> = {};
      for (const [k, v] of Object.entries(rec)) {
        if (typeof v !== 'string') throw new HubError(where, `field '${k}' must be a string`);
        Object.defineProperty(row, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      for (const f of ['pattern', 'tag', 'type']) {
        if (!row[f]) throw new HubError(where, `missing mandatory '${f}' field`);
      }
      const type = row.type;
      if (!['equals', 'contains', 'regex'].includes(type)) {
        throw new HubError(where, `unknown entry type '${type}' (supported: equals, contains, regex)`);
      }
      const i = index.rows.length;
      index.rows.push(Object.freeze(row));
      if (type === 'equals')
        index.equals.set(row.pattern, i); // a later duplicate overrides
      else if (type === 'contains') index.contains.push({ pattern: row.pattern, row: i });
      else {
        try {
          index.regexes.push({ re: compileRe2(row.pattern), row: i });
        } catch (err) {
          this.#log.error(
            `file '${name}': invalid regex pattern '${row.pattern}' in row ${i}: ${(err as Error).message}`,
          );
        }
      }
    }
    return index;
  }

  strings(name: string): readonly string[] | undefined {
    return this.#strings.get(name);
  }

  regexpMatch(name: string, s: string): boolean | undefined {
    const res = this.#regexps.get(name);
    if (!res) return undefined;
    const cache = this.#regexpCaches.get(name);
    if (cache) {
      const hit = cache.entries.get(s);
      if (hit && hit.expiresAt > this.#now()) {
        cache.entries.delete(s);
        cache.entries.set(s, hit);
        return hit.value;
      }
    }
    const value = res.test(s);
    if (cache) {
      cache.entries.delete(s);
      cache.entries.set(s, { value, expiresAt: this.#now() + cache.ttlMs });
      while (cache.entries.size > cache.size)
        cache.entries.delete(cache.entries.keys().next().value as string);
    }
    return value;
  }

  lookup(name: string, s: string): string | undefined {
    const idx = this.#maps.get(name);
    if (!idx) return undefined;
    const eq = idx.equals.get(s);
    if (eq !== undefined) return idx.rows[eq].tag;
    // Leftmost-first: the match that starts first; at equal starts, the earlier pattern.
    let best: { at: number; row: number } | undefined;
    for (const c of idx.contains) {
      const at = s.indexOf(c.pattern);
      if (at >= 0 && (best === undefined || at < best.at)) best = { at, row: c.row };
    }
    if (best) return idx.rows[best.row].tag;
    for (const r of idx.regexes) if (r.re.test(s)) return idx.rows[r.row].tag;
    return '';
  }

  mapRows(name: string): readonly Readonly<Record<string, string>>[] | undefined {
    return this.#maps.get(name)?.rows;
  }

  bots(files: readonly string[]): readonly KnownBot[] {
    if (files.length === 0) return [...this.#bots.values()].flat();
    return files.flatMap((f) => this.#bots.get(f) ?? []);
  }
}

const BOT_FIELDS = new Set(['name', 'user_agent', 'paths', 'ips', 'ranges', 'rdns']);

function stringList(
  v: unknown,
  field: string,
  where: { file: string; line: number; column: number },
): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((e) => typeof e === 'string'))
    throw new HubError(where, `'${field}' must be a list of strings`);
  return v;
}

/** Parses and validates one line of a `bots` file (unknown fields and UA-only entries are errors). */
function parseBotLine(text: string, where: { file: string; line: number; column: number }): KnownBot {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(text);
  } catch (err) {
    throw new HubError(where, `failed to parse JSON line: ${(err as Error).message}`, { cause: err });
  }
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec))
    throw new HubError(where, 'a bots line must be a JSON object');
  for (const k of Object.keys(rec)) if (!BOT_FIELDS.has(k)) throw new HubError(where, `unknown field "${k}"`);
  const name = rec.name;
  if (typeof name !== 'string' || name === '') throw new HubError(where, "missing mandatory 'name' field");
  const ips = stringList(rec.ips, 'ips', where);
  const ranges = stringList(rec.ranges, 'ranges', where);
  const rdnsRaw = stringList(rec.rdns, 'rdns', where);
  if (ips.length + ranges.length + rdnsRaw.length === 0) {
    throw new HubError(
      where,
      `bot entry '${name}' has no identity verification (need at least one of ips/ranges/rdns)`,
    );
  }
  // Bot regexes are forced case-insensitive, as CrowdSec prefixes them with (?i).
  const compile = (p: string, what: string) => {
    try {
      return compileRe2(`(?i)${p}`);
    } catch (err) {
      throw new HubError(where, `invalid ${what} regex for bot entry '${name}': ${(err as Error).message}`, {
        cause: err,
      });
    }
  };
  const ua = rec.user_agent;
  if (ua !== undefined && typeof ua !== 'string') throw new HubError(where, "'user_agent' must be a string");
  for (const ip of ips)
    if (!parseIP(ip)) throw new HubError(where, `invalid IP '${ip}' for bot entry '${name}'`);
  for (const r of ranges)
    if (!parseCIDR(r)) throw new HubError(where, `invalid CIDR range '${r}' for bot entry '${name}'`);
  const rdns = rdnsRaw.map((s) => s.toLowerCase().replace(/^\.+|\.+$/g, ''));
  if (rdns.some((s) => s === '')) throw new HubError(where, `empty rdns suffix for bot entry '${name}'`);
  return Object.freeze({
    name,
    userAgent: ua ? compile(ua, 'user_agent') : undefined,
    paths: stringList(rec.paths, 'paths', where).map((p) => compile(p, 'path')),
    ips,
    ranges,
    rdns,
  });
}
