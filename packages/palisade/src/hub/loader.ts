/**
 * Loads the content items of a hub directory (parsers, postoverflows, scenarios, contexts) and
 * extracts every expression site and grok site, in CrowdSec's load order.
 *
 * Loading never stops at the first problem: an item with an error is reported (file, line, what)
 * and the other items still load. The sites of a failed item are still returned so that a linter
 * can report all of its problems at once.
 */
import { readFileSync } from 'node:fs';
import { readContextDocument } from './context-item.ts';
import { Decoder } from './decode.ts';
import { HubError } from './errors.ts';
import { ITEM_TYPES, type ItemFile, type ItemType, listItemFiles } from './layout.ts';
import { readParserDocument } from './parser-node.ts';
import { readScenarioDocument } from './scenario.ts';
import type { ExprSite, GrokSite } from './sites.ts';
import { YamlSource } from './yaml-source.ts';

/** One loaded item file. */
export interface LoadedItem extends ItemFile {
  /** YAML `name` of each loaded document (parser nodes, scenarios), in document order. */
  readonly names: readonly string[];
  /** Documents skipped the way CrowdSec skips them (empty, unsupported format), with why. */
  readonly skipped: readonly string[];
  /** Load and validation errors; the item is failed when not empty. */
  readonly errors: readonly HubError[];
}

/** Everything `loadHub` found. */
export interface HubContent {
  readonly dir: string;
  readonly items: readonly LoadedItem[];
  /** Every expression site, items in load order, sites in document/tree order. */
  readonly exprSites: readonly ExprSite[];
  /** Grok sites of parsers then postoverflows, each in registration (load) order. */
  readonly grokSites: readonly GrokSite[];
}

/** Options of `loadHub`. */
export interface LoadHubOptions {
  /** Item types to load (default: all four). */
  readonly types?: readonly ItemType[];
}

/**
 * Loads the hub at `dir`. Throws only if `dir` itself cannot be listed; per-file problems are in
 * the items' `errors`.
 */
export function loadHub(dir: string, options: LoadHubOptions = {}): HubContent {
  const types = options.types ?? ITEM_TYPES;
  const items: LoadedItem[] = [];
  const exprSites: ExprSite[] = [];
  const grokSites: GrokSite[] = [];
  for (const type of ITEM_TYPES) {
    if (!types.includes(type)) continue;
    for (const file of listItemFiles(dir, type)) {
      const loaded = loadItem(file, exprSites, grokSites);
      items.push(loaded);
    }
  }
  return { dir, items, exprSites, grokSites };
}

function loadItem(file: ItemFile, exprSites: ExprSite[], grokSites: GrokSite[]): LoadedItem {
  let text: string;
  try {
    text = readFileSync(file.absPath, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    const error = new HubError({ file: file.path, line: 0, column: 0 }, `cannot read file: ${reason}`);
    return { ...file, names: [], skipped: [], errors: [error] };
  }
  const { source, errors } = YamlSource.parse(file.path, text);
  const dec = new Decoder(source);
  const names: string[] = [];
  const skipped: string[] = [];
  const documents = file.type === 'contexts' ? source.documents.slice(0, 1) : source.documents;
  for (const doc of documents) {
    if (file.type === 'contexts') {
      exprSites.push(...readContextDocument(dec, doc.root, file.name));
      continue;
    }
    if (doc.root === null) continue;
    const result =
      file.type === 'scenarios'
        ? { ...readScenarioDocument(dec, doc.root, file.name), grokSites: [] }
        : readParserDocument(dec, doc.root, file.name, file.type);
    if (result.skipped) {
      skipped.push(`document ${doc.index + 1} (line ${doc.where.line}): ${result.skipped}`);
      continue;
    }
    names.push(result.name);
    exprSites.push(...result.exprSites);
    grokSites.push(...result.grokSites);
  }
  return { ...file, names, skipped, errors: [...errors, ...dec.errors] };
}
