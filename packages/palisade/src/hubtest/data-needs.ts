/**
 * Whether a test can run with the data we have. The only data a hub test cannot do without is a
 * GeoLite2 database (licensed, so never in the hub snapshot; hub-compat §6): an installed item
 * declaring a `data:` entry whose `dest_file` is a GeoLite2 mmdb that is not in the data dir
 * makes the test a SKIP. Everything else (missing text data files) runs, as CrowdSec would.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { TestItem } from './items.ts';

const GEOLITE = /^GeoLite2-[^/\\]*\.mmdb$/i;

/**
 * The reason to skip, or undefined when every GeoLite2 database the items declare is present in
 * `dataDir`. Unreadable or invalid files are left to the loader to report.
 */
export function missingGeoDatabase(items: readonly TestItem[], dataDir: string): string | undefined {
  for (const item of items) {
    for (const dest of dataDestinations(item.path)) {
      if (GEOLITE.test(dest) && !existsSync(join(dataDir, dest))) {
        return `needs the GeoLite2 database ${dest} (not in ${dataDir}), declared by ${item.entry}`;
      }
    }
  }
  return undefined;
}

/** The `dest_file` of every `data:` entry of every node (children included) of a YAML file. */
function dataDestinations(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (!('errors' in doc) || doc.errors.length > 0) continue;
    collect(doc.toJS(), out, 0);
  }
  return out;
}

function collect(node: unknown, out: string[], depth: number): void {
  // Parser trees in the hub are at most 4 levels deep; the bound keeps hostile files harmless.
  if (depth > 32 || typeof node !== 'object' || node === null || Array.isArray(node)) return;
  const rec = node as Record<string, unknown>;
  const data = rec.data;
  if (Array.isArray(data)) {
    for (const entry of data) {
      const dest = (entry as Record<string, unknown> | null)?.dest_file;
      if (typeof dest === 'string') out.push(dest);
    }
  }
  if (Array.isArray(rec.nodes)) for (const child of rec.nodes) collect(child, out, depth + 1);
}
