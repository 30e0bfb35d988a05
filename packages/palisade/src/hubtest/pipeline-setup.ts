/**
 * Builds the detection pipeline of one test (hub-compat §7.2 steps 2–3) through the shared
 * pipeline loader: the installed parsers, postoverflows and scenarios, plus, when
 * `override_statics` is set, the generated `overrides` node that CrowdSec writes to
 * `parsers/s00-raw/00_overrides.yaml` (filter `1==1`, the statics, no `onsuccess`: it sorts first
 * in `s00-raw`, applies its statics, counts as a stage success and does not promote).
 *
 * Installed parsers and postoverflows are named by their installed path,
 * `<type>/<stage>/<basename>`, because that is what CrowdSec sorts by (the hub path would order
 * them by author first).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { stringify } from 'yaml';
import type { ScenarioItemFile } from '../buckets/index.ts';
import type { GoTime } from '../expr/values/time.ts';
import { UTC } from '../expr/values/time-location.ts';
import type { GeoIpDatabasesLike } from '../parser/enrichers/index.ts';
import type { ParserItemFile } from '../parser/index.ts';
import type { PipelineContent } from '../pipeline/index.ts';
import type { TestItem } from './items.ts';

/** The path CrowdSec gives the generated overrides node. */
export const OVERRIDES_PATH = 'parsers/s00-raw/00_overrides.yaml';

/** What one test's pipeline is built from. */
export interface TestPipelineSetup {
  readonly parsers: readonly TestItem[];
  readonly postoverflows: readonly TestItem[];
  readonly scenarios: readonly TestItem[];
  readonly overrideStatics: readonly Readonly<Record<string, unknown>>[];
  readonly patternsDir: string;
  readonly dataDir: string;
  /** The run's pinned clock. */
  readonly now: () => GoTime;
  /** GeoIP databases shared by the run (read-only). */
  readonly geoip: GeoIpDatabasesLike | null;
}

/**
 * The PipelineContent of a test: `TZ=UTC` as the harness sets it, no reverse DNS (the loader's
 * default), warnings dropped (CrowdSec only logs them).
 */
export function testPipelineContent(setup: TestPipelineSetup): PipelineContent {
  return {
    patternsDir: setup.patternsDir,
    dataDir: setup.dataDir,
    parsers: setup.parsers.map((item) => parserItem('parsers', item)),
    parserDocuments:
      setup.overrideStatics.length > 0
        ? [{ stage: 's00-raw', path: OVERRIDES_PATH, yaml: overridesYaml(setup.overrideStatics) }]
        : [],
    postoverflows: setup.postoverflows.map((item) => parserItem('postoverflows', item)),
    scenarios: setup.scenarios.map(scenarioItem),
    now: setup.now,
    local: UTC,
    geoip: setup.geoip,
  };
}

function parserItem(kind: 'parsers' | 'postoverflows', item: TestItem): ParserItemFile {
  return {
    path: `${kind}/${item.stage}/${basename(item.path)}`,
    absPath: item.path,
    stage: item.stage,
    name: item.entry,
  };
}

/**
 * A scenario as CrowdSec installs it: an index item carries the hub version whose digest matches
 * the file (`?` when none does: a tainted item); a path entry is a local item (empty version).
 */
function scenarioItem(item: TestItem): ScenarioItemFile {
  const base: ScenarioItemFile = {
    path: `scenarios/${basename(item.path)}`,
    absPath: item.path,
    name: item.indexed?.name ?? basename(item.path).replace(/\.ya?ml$/, ''),
  };
  if (!item.indexed) return { ...base, version: '' };
  let hash: string;
  try {
    hash = createHash('sha256').update(readFileSync(item.path)).digest('hex');
  } catch {
    return base; // the loader reports the unreadable file
  }
  const versions = item.indexed.versions;
  const version = Object.keys(versions).find((v) => versions[v]?.digest === hash) ?? '?';
  return { ...base, hash, version };
}

/** The YAML of the generated node (written for a YAML 1.1 reader, so strings stay strings). */
export function overridesYaml(statics: readonly Readonly<Record<string, unknown>>[]): string {
  return stringify({ name: 'overrides', filter: '1==1', statics }, { version: '1.1' });
}
