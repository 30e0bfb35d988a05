/**
 * Collects every grok the Hub uses: inline `pattern:` and `name:` groks of all parser and
 * postoverflow nodes, with `pattern_syntax` entries registered in load order (stage directory,
 * then file basename, then document and node order). A deliberately small YAML walk for the
 * benchmark; the real hub loader lives elsewhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type GrokPattern, PatternHost } from '../../packages/palisade/src/grok/index.ts';

/** One grok site of the hub. */
export interface HubGrok {
  readonly file: string;
  readonly kind: 'pattern' | 'name';
  readonly text: string;
  readonly pattern: GrokPattern;
}

/** Result of the walk. */
export interface HubGroks {
  readonly groks: HubGrok[];
  readonly errors: string[];
  readonly warnings: string[];
  /** Distinct compiled patterns (inline texts and names), keyed by `kind:text`. */
  readonly distinct: Map<string, HubGrok>;
}

/** Walks `<hub>/parsers` and `<hub>/postoverflows` (one pattern host each, like CrowdSec). */
export function collectHubGroks(hubDir: string): HubGroks {
  const result: HubGroks = { groks: [], errors: [], warnings: [], distinct: new Map() };
  for (const kind of ['parsers', 'postoverflows']) {
    const host = PatternHost.withBase();
    host.loadDirectory(join(hubDir, 'patterns'));
    for (const file of yamlFiles(join(hubDir, kind))) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const node = doc.toJS() as unknown;
        if (node !== null && typeof node === 'object')
          walkNode(node as Record<string, unknown>, file, host, result);
      }
    }
  }
  return result;
}

function walkNode(node: Record<string, unknown>, file: string, host: PatternHost, out: HubGroks): void {
  const syntax = node['pattern_syntax'];
  if (syntax !== null && typeof syntax === 'object') {
    for (const [name, text] of Object.entries(syntax as Record<string, unknown>)) {
      try {
        const warning = host.registerSyntax(name, String(text), { file });
        if (warning !== undefined) out.warnings.push(warning);
      } catch (error) {
        out.errors.push((error as Error).message);
      }
    }
  }
  const grok = node['grok'] as Record<string, unknown> | undefined;
  if (grok !== undefined && grok !== null) {
    const kind = typeof grok['pattern'] === 'string' ? 'pattern' : 'name';
    const text = String(grok[kind]);
    try {
      const pattern = kind === 'pattern' ? host.compile(text, { file }) : host.compileNamed(text, { file });
      const entry: HubGrok = { file, kind, text, pattern };
      out.groks.push(entry);
      if (!out.distinct.has(`${kind}:${text}`)) out.distinct.set(`${kind}:${text}`, entry);
    } catch (error) {
      out.errors.push((error as Error).message);
    }
  }
  const children = node['nodes'];
  if (Array.isArray(children)) {
    for (const child of children) {
      if (child !== null && typeof child === 'object')
        walkNode(child as Record<string, unknown>, file, host, out);
    }
  }
}

/** YAML files of `<root>/<stage>/<author>/*.y(a)ml`, ordered by stage then basename. */
function yamlFiles(root: string): string[] {
  const files: { stage: string; path: string }[] = [];
  const visit = (dir: string, stage: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path, stage);
      else if (/\.ya?ml$/.test(entry)) files.push({ stage, path });
    }
  };
  for (const stage of readdirSync(root).sort()) {
    if (statSync(join(root, stage)).isDirectory()) visit(join(root, stage), stage);
  }
  const key = (f: { stage: string; path: string }): string => `${f.stage}/${basename(f.path)}`;
  return files.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((f) => f.path);
}
