/**
 * Resolves what a selection of hub items installs (hub-compat §8): a collection name expands,
 * recursively, into its parsers, postoverflows, scenarios, contexts and sub-collections, as
 * `cscli collections install` would enable them; a single item is found by its index name or
 * given as a YAML path (a "local" item). Every resolved file carries the sha256 of its content
 * and the index version whose digest matches it (`?` when none does: a tainted item), which
 * alerts report as `scenario_hash` / `scenario_version`.
 *
 * AppSec dependencies (`appsec-configs`, `appsec-rules`) are skipped: the detection pipeline has
 * no WAF yet, and they hold no parser or scenario.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import { type IndexItem, readHubIndex } from './index-file.ts';
import type { ItemType } from './layout.ts';

/** One item file to load, with its identity for alerts. */
export interface ResolvedItem {
  readonly type: ItemType;
  /** Index name (`crowdsecurity/ssh-bf`), or `<author>/<file stem>` for a local file. */
  readonly name: string;
  /** Display path: the hub path (`scenarios/crowdsecurity/ssh-bf.yaml`) or the path as given. */
  readonly path: string;
  readonly absPath: string;
  /** Stage directory for parsers and postoverflows (`s01-parse`), '' otherwise. */
  readonly stage: string;
  /** sha256 hex of the file; '' for a local item (CrowdSec reports none for those). */
  readonly hash: string;
  /** Index version whose digest equals `hash`; `?` when none matches; '' for a local item. */
  readonly version: string;
  /** True for an item given as a path rather than by index name. */
  readonly local: boolean;
}

/** What a selection resolves to, per item type, each list in first-seen order without duplicates. */
export interface ResolvedSelection {
  readonly parsers: ResolvedItem[];
  readonly postoverflows: ResolvedItem[];
  readonly scenarios: ResolvedItem[];
  readonly contexts: ResolvedItem[];
  /** The collections walked (the given ones and their sub-collections), in visit order. */
  readonly collections: string[];
}

/** A name or path that resolves to nothing; the message says what was looked for, and where. */
export class ItemResolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ItemResolutionError';
  }
}

/** The index types a collection may list, and whether we install them. */
const CONTENT_TYPES: readonly ItemType[] = ['parsers', 'postoverflows', 'scenarios', 'contexts'];
const YAML_PATH = /\.ya?ml$/;

/** Index lookup by type and name, built once per selection. */
export class HubIndexLookup {
  readonly #byKey = new Map<string, IndexItem>();

  constructor(items: readonly IndexItem[]) {
    for (const item of items) this.#byKey.set(`${item.type}\u0000${item.name}`, item);
  }

  /** The entry `name` of `type`, if the index has it. */
  get(type: string, name: string): IndexItem | undefined {
    return this.#byKey.get(`${type}\u0000${name}`);
  }
}

/** What to resolve: collection names and single items (index names or YAML paths) per type. */
export interface SelectionRequest {
  readonly collections?: readonly string[];
  readonly parsers?: readonly string[];
  readonly postoverflows?: readonly string[];
  readonly scenarios?: readonly string[];
  readonly contexts?: readonly string[];
}

/**
 * Resolves `request` against the hub in `hubDir`: collections first (recursively), then the
 * single items, each type deduplicated. `index` defaults to `<hubDir>/.index.json` (read only
 * when some entry needs it). Throws ItemResolutionError, or the HubError of an unreadable index.
 */
export function resolveSelection(
  hubDir: string,
  request: SelectionRequest,
  index?: HubIndexLookup | (() => HubIndexLookup),
): ResolvedSelection {
  let lookup: HubIndexLookup | undefined = index instanceof HubIndexLookup ? index : undefined;
  const getIndex = (): HubIndexLookup => {
    lookup ??= typeof index === 'function' ? index() : new HubIndexLookup(readHubIndex(hubDir));
    return lookup;
  };
  const selection = emptySelection();
  for (const name of request.collections ?? []) addCollection(selection, hubDir, getIndex(), name);
  for (const type of CONTENT_TYPES) {
    for (const entry of request[type] ?? []) {
      // A path entry needs no index: a hub without .index.json still serves local files.
      const needsIndex = !YAML_PATH.test(entry);
      addItem(selection, hubDir, needsIndex ? getIndex() : (lookup ?? EMPTY_INDEX), type, entry);
    }
  }
  return selection;
}

const EMPTY_INDEX = new HubIndexLookup([]);

/** An empty selection, to be filled by `addCollection` / `addItem`. */
export function emptySelection(): ResolvedSelection {
  return { parsers: [], postoverflows: [], scenarios: [], contexts: [], collections: [] };
}

/**
 * Adds collection `name` and everything it depends on (recursively; a collection met twice is
 * walked once, so cycles end). Throws ItemResolutionError for an unknown collection or an
 * unknown dependency (naming the collection that lists it).
 */
export function addCollection(
  selection: ResolvedSelection,
  hubDir: string,
  index: HubIndexLookup,
  name: string,
): void {
  walkCollection(selection, hubDir, index, name, undefined);
}

function walkCollection(
  selection: ResolvedSelection,
  hubDir: string,
  index: HubIndexLookup,
  name: string,
  parent: string | undefined,
): void {
  if (selection.collections.includes(name)) return;
  const entry = index.get('collections', name);
  if (!entry) {
    const where = parent ? ` (listed by collection '${parent}')` : '';
    throw new ItemResolutionError(`no collection named '${name}' in ${hubDir}/.index.json${where}`);
  }
  selection.collections.push(name);
  for (const type of CONTENT_TYPES) {
    for (const dep of entry.dependencies[type] ?? []) addIndexed(selection, hubDir, index, type, dep, name);
  }
  for (const sub of entry.dependencies.collections ?? []) walkCollection(selection, hubDir, index, sub, name);
}

/**
 * Adds one item of `type`: an index name, or a path ending in `.yaml`/`.yml` (taken relative to
 * the current directory, then to the hub). A path item's stage is the third-from-last element of
 * its path (`…/s01-parse/<author>/<file>.yaml`), as `cscli hubtest` reads it.
 */
export function addItem(
  selection: ResolvedSelection,
  hubDir: string,
  index: HubIndexLookup,
  type: ItemType,
  entry: string,
): void {
  if (!YAML_PATH.test(entry)) {
    addIndexed(selection, hubDir, index, type, entry, undefined);
    return;
  }
  const candidates = [resolve(entry), resolve(hubDir, entry)];
  const absPath = candidates.find(isFile);
  if (!absPath) throw new ItemResolutionError(`${type}: no such file: ${entry}`);
  const parts = absPath.split(sep);
  const staged = type === 'parsers' || type === 'postoverflows';
  const stage = staged && parts.length >= 3 ? (parts[parts.length - 3] as string) : '';
  if (staged && !/^s[0-9]{2}-/.test(stage)) {
    throw new ItemResolutionError(
      `${type}: cannot tell the stage of ${entry}: put it under <stage>/<author>/ (e.g. s01-parse/me/)`,
    );
  }
  const author = parts.length >= 2 ? (parts[parts.length - 2] as string) : '';
  const file = basename(absPath);
  push(selection, {
    type,
    name: `${author}/${file.replace(YAML_PATH, '')}`,
    path: entry,
    absPath,
    stage,
    hash: '',
    version: '',
    local: true,
  });
}

function addIndexed(
  selection: ResolvedSelection,
  hubDir: string,
  index: HubIndexLookup,
  type: ItemType,
  name: string,
  collection: string | undefined,
): void {
  const entry = index.get(type, name);
  if (!entry) {
    const where = collection ? ` (listed by collection '${collection}')` : '';
    throw new ItemResolutionError(`no ${singular(type)} named '${name}' in ${hubDir}/.index.json${where}`);
  }
  if (selection[type].some((i) => i.name === name && !i.local)) return;
  const absPath = resolve(hubDir, entry.path);
  let hash: string;
  try {
    hash = fileSha256(absPath);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ItemResolutionError(`${singular(type)} '${name}': cannot read ${entry.path}: ${why}`);
  }
  const staged = type === 'parsers' || type === 'postoverflows';
  push(selection, {
    type,
    name,
    path: entry.path,
    absPath,
    stage: staged ? entry.stage || stageOfPath(entry.path) : '',
    hash,
    version: versionOf(entry, hash),
    local: false,
  });
}

function push(selection: ResolvedSelection, item: ResolvedItem): void {
  const list = selection[item.type];
  if (list.some((i) => i.absPath === item.absPath)) return;
  list.push(item);
}

/** sha256 hex of a file's bytes. Throws the fs error. */
export function fileSha256(absPath: string): string {
  return createHash('sha256').update(readFileSync(absPath)).digest('hex');
}

/**
 * The version of `entry` whose digest is `hash`, newest first (CrowdSec compares with every known
 * version); `?` when none matches (a locally modified, "tainted" file).
 */
export function versionOf(entry: IndexItem, hash: string): string {
  if (entry.versions[entry.version]?.digest === hash) return entry.version;
  const versions = Object.keys(entry.versions).sort(compareVersions).reverse();
  for (const v of versions) if (entry.versions[v]?.digest === hash) return v;
  return '?';
}

/** Numeric-aware order of dotted versions (`0.10` after `0.9`). */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number(pa[i] ?? 0);
    const y = Number(pb[i] ?? 0);
    if (Number.isNaN(x) || Number.isNaN(y)) {
      const c = (pa[i] ?? '').localeCompare(pb[i] ?? '');
      if (c !== 0) return c;
    } else if (x !== y) return x - y;
  }
  return 0;
}

function stageOfPath(path: string): string {
  const parts = path.split('/');
  return parts.length >= 3 ? (parts[parts.length - 3] as string) : '';
}

function singular(type: ItemType): string {
  return type === 'postoverflows' ? 'postoverflow' : type.replace(/s$/, '');
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
