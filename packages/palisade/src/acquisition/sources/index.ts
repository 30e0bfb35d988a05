/**
 * The datasource registry: `source:` name → lazy import of its folder. Adding a datasource is one
 * folder and one line here. Imports are lazy so that a run only loads the sources it uses.
 */
import { AcquisitionError } from '../errors.ts';
import type { DataSourceModule } from '../types.ts';

type Loader = () => Promise<{ default: DataSourceModule }>;

const SOURCES: Readonly<Record<string, Loader>> = {
  file: () => import('./file/index.ts'),
  stdin: () => import('./stdin/index.ts'),
};

/** CrowdSec datasources that Palisade knows about but does not implement yet. */
const NOT_YET_AVAILABLE: readonly string[] = [
  'appsec',
  'cloudwatch',
  'docker',
  'http',
  'journalctl',
  'k8s-audit',
  'kafka',
  'kinesis',
  'loki',
  's3',
  'syslog',
  'victorialogs',
  'wineventlog',
];

/** The names of the implemented datasources. */
export function availableSources(): string[] {
  return Object.keys(SOURCES).sort();
}

/**
 * Loads the module of datasource `name`. Throws an `AcquisitionError` (kind `unknown-source`)
 * that tells an unknown name from a known but not yet available one; `where` locates the entry.
 */
export async function loadSource(name: string, where: string): Promise<DataSourceModule> {
  if (Object.hasOwn(SOURCES, name)) return (await (SOURCES[name] as Loader)()).default;
  const message = NOT_YET_AVAILABLE.includes(name)
    ? `datasource '${name}' is not available in this version of Palisade`
    : `unknown datasource '${name}' (available: ${availableSources().join(', ')})`;
  throw new AcquisitionError('unknown-source', where, message);
}
