/**
 * Enforces the import rules of ARCHITECTURE.md ("What must never be") on the source tree:
 * which component folder may import which, and no cycles between component folders.
 * Run by `npm test`; prints one line per violation and exits 1 if there is any.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const serverSrc = join(root, 'packages/palisade/src');

/** Folders that may be imported by a folder, beyond itself. Unlisted folders may import any folder not forbidden below. */
const allowedOnly: Record<string, string[]> = {
  regex: [],
  expr: ['regex'],
  grok: ['regex'],
  event: ['expr'],
};
/** Folders a folder must never import. */
const forbidden: Record<string, string[]> = {
  acquisition: ['lapi', 'store', 'central', 'cli'],
  parser: ['lapi', 'store', 'central', 'cli'],
  buckets: ['lapi', 'store', 'central', 'cli'],
  alerts: ['lapi', 'store', 'central', 'cli'],
  pipeline: ['lapi', 'store', 'central', 'cli'],
  store: ['lapi', 'cli', 'acquisition', 'parser', 'buckets', 'pipeline'],
};

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s+['"]([^'"]+)['"]/g))
    specs.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs;
}

const componentOf = (file: string): string => relative(serverSrc, file).split(sep)[0].replace(/\.ts$/, '');
const problems: string[] = [];
const graph = new Map<string, Set<string>>();

for (const file of sourceFiles(serverSrc)) {
  const from = componentOf(file);
  for (const spec of importsOf(file)) {
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec);
    if (!target.startsWith(serverSrc + sep)) continue;
    const to = componentOf(target);
    if (to === from) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)!.add(to);
    const only = allowedOnly[from];
    if ((only && !only.includes(to)) || forbidden[from]?.includes(to)) {
      problems.push(`${relative(root, file)}: '${from}' must not import '${to}' (${spec})`);
    }
  }
}

const bouncerSrc = join(root, 'packages/bouncer/src');
for (const file of sourceFiles(bouncerSrc)) {
  for (const spec of importsOf(file)) {
    if (
      spec === 'palisade' ||
      spec.startsWith('palisade/') ||
      resolve(dirname(file), spec).startsWith(serverSrc)
    ) {
      problems.push(
        `${relative(root, file)}: the bouncer package must not import the palisade package (${spec})`,
      );
    }
  }
}

// Cycles between component folders: depth-first search with an explicit path.
const state = new Map<string, 'visiting' | 'done'>();
function visit(node: string, path: string[]): void {
  if (state.get(node) === 'done') return;
  if (state.get(node) === 'visiting') {
    problems.push(
      `import cycle between components: ${[...path.slice(path.indexOf(node)), node].join(' -> ')}`,
    );
    return;
  }
  state.set(node, 'visiting');
  for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
  state.set(node, 'done');
}
for (const node of graph.keys()) visit(node, []);

for (const p of problems) console.error(p);
console.log(
  `import rules: ${problems.length === 0 ? 'ok' : `${problems.length} violation(s)`} (${graph.size} components)`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
