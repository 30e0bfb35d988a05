/**
 * Builds the parser set of one test (hub-compat §7.2 steps 2–3): the installed parser items plus,
 * when `override_statics` is set, the generated `overrides` node that CrowdSec writes to
 * `parsers/s00-raw/00_overrides.yaml` (filter `1==1`, the statics, no `onsuccess`: it sorts first
 * in `s00-raw`, applies its statics, counts as a stage success and does not promote).
 *
 * Installed items are named by their installed path, `parsers/<stage>/<basename>`, because that
 * is what CrowdSec sorts by (the hub path would order them by author first).
 */
import { basename } from 'node:path';
import { stringify } from 'yaml';
import type { HelperDeps } from '../expr/helpers/deps.ts';
import type { EnricherRegistry } from '../parser/enrichers/types.ts';
import {
  loadParserSet,
  type ParserDocumentText,
  type ParserItemFile,
  type ParserSet,
} from '../parser/index.ts';
import type { TestItem } from './items.ts';

/** The path CrowdSec gives the generated overrides node. */
export const OVERRIDES_PATH = 'parsers/s00-raw/00_overrides.yaml';

/** What the set is built from. */
export interface ParserSetup {
  readonly kind: 'parsers' | 'postoverflows';
  readonly items: readonly TestItem[];
  readonly overrideStatics: readonly Readonly<Record<string, unknown>>[];
  readonly patternsDir: string;
  readonly dataDir: string;
  readonly helperDeps: Partial<HelperDeps>;
  readonly enrichers: EnricherRegistry;
}

/** A loaded set, or the load errors (CrowdSec refuses to start on any of them). */
export type ParserSetResult = { readonly set: ParserSet; readonly errors: readonly string[] };

/** Loads the set; never throws for content problems (they are in `errors`). */
export function buildParserSet(setup: ParserSetup): ParserSetResult {
  const items: ParserItemFile[] = setup.items.map((item) => ({
    path: `${setup.kind}/${item.stage}/${basename(item.path)}`,
    absPath: item.path,
    stage: item.stage,
    name: item.entry,
  }));
  const extraDocuments: ParserDocumentText[] =
    setup.kind === 'parsers' && setup.overrideStatics.length > 0
      ? [{ stage: 's00-raw', path: OVERRIDES_PATH, yaml: overridesYaml(setup.overrideStatics) }]
      : [];
  const loaded = loadParserSet({
    kind: setup.kind,
    items,
    extraDocuments,
    patternsDir: setup.patternsDir,
    dataDir: setup.dataDir,
    helperDeps: setup.helperDeps,
    enrichers: setup.enrichers,
  });
  return { set: loaded.set, errors: loaded.errors.map((e) => (e instanceof Error ? e.message : String(e))) };
}

/** The YAML of the generated node (written for a YAML 1.1 reader, so strings stay strings). */
export function overridesYaml(statics: readonly Readonly<Record<string, unknown>>[]): string {
  return stringify({ name: 'overrides', filter: '1==1', statics }, { version: '1.1' });
}
