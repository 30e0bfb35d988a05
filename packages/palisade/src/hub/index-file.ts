/**
 * The hub index (`.index.json`, hub-compat §8): type → item name → item. Only the fields the
 * engine and the CLI use are typed; the rest of each entry is kept as read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HubError } from './errors.ts';

/** One version of an item: the sha256 of its file and whether it is deprecated. */
export interface IndexVersion {
  readonly digest: string;
  readonly deprecated: boolean;
}

/** One item of the index. */
export interface IndexItem {
  readonly type: string;
  /** `<author>/<file stem>`. */
  readonly name: string;
  /** Path in the hub (`parsers/s01-parse/crowdsecurity/nginx-logs.yaml`). */
  readonly path: string;
  /** Parsers and postoverflows only. */
  readonly stage: string;
  /** Latest version. */
  readonly version: string;
  readonly versions: Readonly<Record<string, IndexVersion>>;
  /** Dependencies of a collection, by type (`parsers`, `scenarios`, …). */
  readonly dependencies: Readonly<Record<string, readonly string[]>>;
}

const DEPENDENCY_TYPES = [
  'parsers',
  'postoverflows',
  'scenarios',
  'contexts',
  'appsec-configs',
  'appsec-rules',
  'collections',
];

/**
 * Reads `<hubDir>/.index.json`. Throws a HubError (file `.index.json`) when it is missing or is
 * not an index-shaped JSON object.
 */
export function readHubIndex(hubDir: string): IndexItem[] {
  const file = '.index.json';
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(hubDir, file), 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new HubError({ file, line: 0, column: 0 }, `cannot read the hub index: ${why}`, { cause: err });
  }
  if (!isObject(raw)) throw new HubError({ file, line: 0, column: 0 }, 'the hub index is not a JSON object');
  const items: IndexItem[] = [];
  for (const type of Object.keys(raw)) {
    const byName = raw[type];
    if (!isObject(byName)) continue;
    for (const name of Object.keys(byName)) {
      const entry = byName[name];
      if (!isObject(entry)) continue;
      items.push({
        type,
        name,
        path: text(entry.path),
        stage: text(entry.stage),
        version: text(entry.version),
        versions: readVersions(entry.versions),
        dependencies: Object.fromEntries(
          DEPENDENCY_TYPES.filter((t) => Array.isArray(entry[t])).map((t) => [
            t,
            (entry[t] as unknown[]).filter((n): n is string => typeof n === 'string'),
          ]),
        ),
      });
    }
  }
  return items;
}

function readVersions(v: unknown): Record<string, IndexVersion> {
  const out: Record<string, IndexVersion> = Object.create(null);
  if (!isObject(v)) return out;
  for (const version of Object.keys(v)) {
    const e = v[version];
    if (isObject(e)) out[version] = { digest: text(e.digest), deprecated: e.deprecated === true };
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
