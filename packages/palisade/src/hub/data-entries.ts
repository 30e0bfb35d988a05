/**
 * Loading the `data:` entries of a parser node or a scenario (hub-compat §6) into the data-file
 * store the expression helpers read, and the store and logger the loaders share for it.
 */
import type { HelperLogger } from '../expr/helpers/deps.ts';
import { type DataFileKind, DataFileStore, type RegexpCacheConfig } from './data-files.ts';
import { HubError } from './errors.ts';
import type { DataSpec } from './parser-spec.ts';

const DATA_KINDS: ReadonlySet<string> = new Set(['string', 'regexp', 'regex', 'map', 'bots']);

/**
 * Loads each typed entry of `data` into `store` (untyped entries or entries without a file are
 * only downloads for CrowdSec and are skipped). Throws HubError at the entry's position for an
 * unknown type or a file that fails to load.
 */
export function loadDataEntries(data: readonly DataSpec[], store: DataFileStore): void {
  for (const d of data) {
    if (d.type === '' || d.destFile === '') continue;
    if (!DATA_KINDS.has(d.type))
      throw new HubError(d.where, `unknown data type '${d.type}' for '${d.destFile}'`);
    try {
      store.load(d.destFile, d.type as DataFileKind, regexpCacheOf(d));
    } catch (err) {
      if (err instanceof HubError) throw new HubError(d.where, `data file ${err.format()}`, { cause: err });
      throw new HubError(d.where, err instanceof Error ? err.message : String(err), { cause: err });
    }
  }
}

/** The entry's regexp cache settings, or undefined when it sets none. */
function regexpCacheOf(d: DataSpec): RegexpCacheConfig | undefined {
  if (d.cache === undefined && d.strategy === undefined && d.size === undefined && d.ttlNs === undefined)
    return undefined;
  return {
    cache: d.cache,
    strategy: d.strategy,
    size: d.size,
    ttlMs: d.ttlNs === undefined ? undefined : d.ttlNs / 1e6,
  };
}

/**
 * The store to load data files into: `given` when the caller passed a DataFileStore (so parsers and
 * scenarios share one), otherwise a new one reading from `dataDir`.
 */
export function sharedDataFileStore(given: unknown, dataDir: string, logger: HelperLogger): DataFileStore {
  return given instanceof DataFileStore ? given : new DataFileStore({ dataDir, logger });
}

/** A helpers' logger for loading: warnings and errors go to `warn`, the rest is dropped. */
export function warningLogger(warn: (message: string) => void): HelperLogger {
  return {
    debug() {},
    info() {},
    warn: (msg) => warn(msg),
    error: (msg) => warn(msg),
  };
}
