/**
 * Loading a parser (or postoverflow) set (hub-compat §1.1): items sorted by stage then file name,
 * every YAML document decoded strictly into a node specification and compiled against one grok
 * host (base patterns, pattern files, then `pattern_syntax` in load order) and one helper table
 * sharing a data-file store and a stash. A bad item is reported and skipped; the others load.
 */
import { readFileSync } from 'node:fs';
import { createHelpers, type HelperDeps, MemoryStash } from '../expr/helpers/index.ts';
import { PatternHost } from '../grok/index.ts';
import { sharedDataFileStore, warningLogger } from '../hub/data-entries.ts';
import { HubError } from '../hub/errors.ts';
import { decodeItemDocuments } from '../hub/item-documents.ts';
import { byteCompare } from '../hub/layout.ts';
import { readParserDocument } from '../hub/parser-node.ts';
import type { ParserSet, ParserSetOptions } from './api.ts';
import { type CompileContext, compileNode } from './compile-node.ts';
import type { CompiledNode } from './compiled.ts';
import { CompiledParserSet, type StageNodes } from './parser-set.ts';

interface Source {
  readonly stage: string;
  readonly path: string;
  readonly name: string;
  /** The text, or the error that prevented reading it. */
  readonly text: string | HubError;
}

/**
 * Loads the items of `options` into a ParserSet. `helperDeps.dataFiles` / `helperDeps.stash` are
 * used (and filled) when they are a DataFileStore / MemoryStash, so that several sets can share
 * them; otherwise the set creates its own.
 */
export function loadParserSet(options: ParserSetOptions): { set: ParserSet; errors: HubError[] } {
  const warn = options.onWarning ?? (() => {});
  const errors: HubError[] = [];
  const logger = warningLogger(warn);
  const given = options.helperDeps ?? {};
  const dataFiles = sharedDataFileStore(given.dataFiles, options.dataDir, logger);
  const stash = given.stash instanceof MemoryStash ? given.stash : new MemoryStash({ logger });
  const deps: HelperDeps = { logger, ...given, dataFiles, stash };
  const host = PatternHost.withBase();
  if (options.patternsDir !== undefined) {
    try {
      host.loadDirectory(options.patternsDir);
    } catch (err) {
      errors.push(
        new HubError({ file: options.patternsDir, line: 0, column: 0 }, (err as Error).message, {
          cause: err,
        }),
      );
    }
  }
  const cc: CompileContext = {
    host,
    functions: createHelpers(deps),
    stash,
    dataFiles,
    enrichers: options.enrichers,
    warn,
  };

  const byStage = new Map<string, CompiledNode[]>();
  for (const src of sortedSources(options)) {
    const nodes = loadItem(src, options.kind, cc, errors, warn);
    if (nodes.length === 0) continue;
    let list = byStage.get(src.stage);
    if (list === undefined) byStage.set(src.stage, (list = []));
    list.push(...nodes);
  }
  const stages: StageNodes[] = [...byStage.keys()]
    .sort(byteCompare)
    .map((stage) => ({ stage, nodes: byStage.get(stage) as CompiledNode[] }));
  return { set: new CompiledParserSet(stages, stash, options.now), errors };
}

/** Files and in-memory documents in CrowdSec's order: stage, then file name, then path. */
function sortedSources(options: ParserSetOptions): Source[] {
  const out: Source[] = options.items.map((item) => ({
    stage: item.stage,
    path: item.path,
    name: item.name,
    text: readText(item.path, item.absPath),
  }));
  for (const doc of options.extraDocuments ?? [])
    out.push({ stage: doc.stage, path: doc.path, name: baseName(doc.path), text: doc.yaml });
  return out.sort(
    (a, b) =>
      byteCompare(a.stage, b.stage) ||
      byteCompare(baseName(a.path), baseName(b.path)) ||
      byteCompare(a.path, b.path),
  );
}

function readText(path: string, absPath: string): string | HubError {
  try {
    return readFileSync(absPath, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    return new HubError({ file: path, line: 0, column: 0 }, `cannot read file: ${reason}`);
  }
}

/** Decodes and compiles every document of one item; [] (with errors reported) when any fails. */
function loadItem(
  src: Source,
  kind: 'parsers' | 'postoverflows',
  cc: CompileContext,
  errors: HubError[],
  warn: (message: string) => void,
): CompiledNode[] {
  if (src.text instanceof HubError) {
    errors.push(src.text);
    return [];
  }
  const specs = decodeItemDocuments(
    src.path,
    src.text,
    (dec, root) => {
      const result = readParserDocument(dec, root, src.name, kind);
      return { skipped: result.skipped, value: result.node };
    },
    errors,
    warn,
  );
  if (specs === null) return [];
  const nodes: CompiledNode[] = [];
  for (const spec of specs) {
    try {
      nodes.push(compileNode(spec, cc));
    } catch (err) {
      errors.push(err instanceof HubError ? err : new HubError(spec.where, String(err), { cause: err }));
      return [];
    }
  }
  return nodes;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
