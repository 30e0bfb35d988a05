/**
 * Resolves the item entries of a test's `config.yaml` into files to load (hub-compat §7.2): an
 * index name (`crowdsecurity/sshd-logs`) is the hub file the index points at; a path ending in
 * `.yaml`/`.yml` is looked up relative to the test directory first, then to the hub root (as
 * `cscli hubtest` does). For parsers and postoverflows the stage is the third-from-last element
 * of the file's path (`parsers/<stage>/<author>/<file>.yaml`).
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { IndexItem } from '../hub/index-file.ts';

/** The item kinds a hubtest installs. */
export type TestItemType = 'parsers' | 'postoverflows' | 'scenarios';

/** One item file the test installs. */
export interface TestItem {
  readonly type: TestItemType;
  /** The entry as written in `config.yaml`. */
  readonly entry: string;
  /** Stage directory for parsers and postoverflows, '' for scenarios. */
  readonly stage: string;
  /** Absolute path of the file. */
  readonly path: string;
  /** True for a path entry (CrowdSec treats it as a local item). */
  readonly local: boolean;
  /** The index entry of an index-name entry (versions and digests); absent for local items. */
  readonly indexed?: IndexItem;
}

/** An entry that names nothing installable; the message says which entry and where it looked. */
export class TestItemError extends Error {}

/** Lookup of index items by type and name. */
export class HubIndexView {
  readonly #byKey = new Map<string, IndexItem>();

  constructor(items: readonly IndexItem[]) {
    for (const item of items) this.#byKey.set(`${item.type}\u0000${item.name}`, item);
  }

  /** The index entry `name` of `type`, if any. */
  get(type: string, name: string): IndexItem | undefined {
    return this.#byKey.get(`${type}\u0000${name}`);
  }
}

const YAML_PATH = /\.ya?ml$/;

/** Resolves every entry of `entries`; throws TestItemError on the first one that cannot be. */
export function resolveItems(
  type: TestItemType,
  entries: readonly string[],
  where: { hubDir: string; testDir: string; index: HubIndexView },
): TestItem[] {
  return entries.filter((e) => e !== '').map((entry) => resolveItem(type, entry, where));
}

function resolveItem(
  type: TestItemType,
  entry: string,
  where: { hubDir: string; testDir: string; index: HubIndexView },
): TestItem {
  const indexed = where.index.get(type, entry);
  if (indexed) {
    const path = resolve(where.hubDir, indexed.path);
    const stage = type === 'scenarios' ? '' : indexed.stage || stageOf(path);
    return { type, entry, stage, path, local: false, indexed };
  }
  if (!YAML_PATH.test(entry)) {
    throw new TestItemError(`${type} entry "${entry}": not in the hub index and not a .yaml/.yml path`);
  }
  // Go's filepath.Join: a leading `/` in the entry does not make it absolute.
  const candidates = [join(where.testDir, entry), join(where.hubDir, entry)];
  const path = candidates.find(isFile);
  if (!path) {
    throw new TestItemError(`${type} entry "${entry}": file not found (looked in ${candidates.join(', ')})`);
  }
  const stage = type === 'scenarios' ? '' : stageOf(path);
  if (type !== 'scenarios' && stage === '') {
    throw new TestItemError(`${type} entry "${entry}": cannot tell the stage from the path`);
  }
  return { type, entry, stage, path, local: true };
}

/** `…/<stage>/<author>/<file>` ⇒ `<stage>`; '' when the path is too short. */
export function stageOf(path: string): string {
  const parts = path.split(sep);
  return parts.length >= 3 ? (parts[parts.length - 3] ?? '') : '';
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
