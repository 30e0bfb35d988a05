/**
 * The on-disk layout of a hub directory (CrowdSec's hub repository and `hub_dir`, hub-compat §8):
 *
 *   parsers/<stage>/<author>/<name>.yaml       postoverflows/<stage>/<author>/<name>.yaml
 *   scenarios/<author>/<name>.yaml|yml         contexts/<author>/<name>.yaml|yml
 *   patterns/ (grok pattern files)             data/ (data files)       .index.json
 *
 * Item files are listed in CrowdSec's load order: parsers and postoverflows by stage, then by
 * file basename (the installed link is `<stage>/<basename>`, and CrowdSec sorts full paths), then
 * by hub path; scenarios and contexts by item name (Go's order is unspecified there).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The item types whose content holds expressions. */
export type ItemType = 'parsers' | 'postoverflows' | 'scenarios' | 'contexts';

/** All item types, in the order CrowdSec installs them. */
export const ITEM_TYPES: readonly ItemType[] = ['parsers', 'postoverflows', 'scenarios', 'contexts'];

/** One item file of the hub. */
export interface ItemFile {
  readonly type: ItemType;
  /** Stage directory (`s01-parse`) for parsers and postoverflows, '' otherwise. */
  readonly stage: string;
  /** Hub item name: `<author>/<file stem>`. */
  readonly name: string;
  /** Path relative to the hub directory, with forward slashes. */
  readonly path: string;
  /** Absolute path. */
  readonly absPath: string;
}

const YAML_FILE = /\.ya?ml$/;

function dirs(path: string): string[] {
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => e.isDirectory() || e.isSymbolicLink())
    .map((e) => e.name)
    .filter((n) => !n.startsWith('.'))
    .sort(byteCompare);
}

function yamlFiles(path: string): string[] {
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && YAML_FILE.test(e.name))
    .map((e) => e.name)
    .sort(byteCompare);
}

/** Byte-wise string order, as Go's `sort.Strings` (ASCII names: same as UTF-16 order). */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function exists(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Lists the item files of one type (an absent type directory means no item). */
export function listItemFiles(hubDir: string, type: ItemType): ItemFile[] {
  const root = join(hubDir, type);
  if (!exists(root)) return [];
  const out: ItemFile[] = [];
  const staged = type === 'parsers' || type === 'postoverflows';
  for (const stage of staged ? dirs(root) : ['']) {
    const stageDir = join(root, stage);
    for (const author of dirs(stageDir)) {
      for (const file of yamlFiles(join(stageDir, author))) {
        const rel = [type, stage, author, file].filter((p) => p !== '').join('/');
        out.push({
          type,
          stage,
          name: `${author}/${file.replace(YAML_FILE, '')}`,
          path: rel,
          absPath: join(hubDir, rel),
        });
      }
    }
  }
  const base = (f: ItemFile) => f.path.slice(f.path.lastIndexOf('/') + 1);
  return out.sort((a, b) =>
    staged
      ? byteCompare(a.stage, b.stage) || byteCompare(base(a), base(b)) || byteCompare(a.path, b.path)
      : byteCompare(a.name, b.name) || byteCompare(a.path, b.path),
  );
}
