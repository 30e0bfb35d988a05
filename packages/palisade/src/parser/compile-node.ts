/**
 * Compiles a decoded node specification (hub/parser-spec.ts) into a CompiledNode, in CrowdSec's
 * order: data files, filter, `pattern_syntax`, grok and its expression and statics, stash,
 * children, statics, whitelist. Every expression and grok is compiled here, once.
 */

import { ENV_EVT } from '../event/index.ts';
import type { MemoryStash } from '../expr/helpers/index.ts';
import { compile, ExprError, type ExprFunction, type Program } from '../expr/index.ts';
import { GrokError, type PatternHost } from '../grok/index.ts';
import { loadDataEntries } from '../hub/data-entries.ts';
import type { DataFileStore } from '../hub/data-files.ts';
import { HubError, type SourceLocation } from '../hub/errors.ts';
import type {
  ExprSpec,
  GrokSpec,
  NodeSpec,
  StashSpec,
  StaticSpec,
  WhitelistSpec,
} from '../hub/parser-spec.ts';
import { siteLine } from '../hub/sites.ts';
import type {
  CompiledGrok,
  CompiledNode,
  CompiledStash,
  CompiledStatic,
  CompiledWhitelist,
} from './compiled.ts';
import type { EnricherRegistry } from './enrichers/types.ts';
import { type NetAddr, type NetPrefix, parseAddr, parsePrefix } from './netip.ts';
import { resolveTarget } from './target.ts';

/** What compiling needs: the item's grok host, helper table and shared stores. */
export interface CompileContext {
  readonly host: PatternHost;
  readonly functions: readonly ExprFunction[];
  readonly stash: MemoryStash;
  readonly dataFiles: DataFileStore;
  readonly enrichers: EnricherRegistry | undefined;
  readonly warn: (message: string) => void;
}

/**
 * Compiles `spec` (a top-level node when `parent` is undefined). Throws HubError naming the file
 * and line of the first problem; the caller skips the whole item then.
 */
export function compileNode(spec: NodeSpec, cc: CompileContext, parent?: CompiledNode): CompiledNode {
  loadDataEntries(spec.data, cc.dataFiles);
  const name = spec.name !== '' || parent === undefined ? spec.name : `child-${parent.name}`;
  const path = parent === undefined ? [name] : [...parent.path, name];
  const filter = spec.filter ? compileExpr(spec.filter, cc) : null;
  for (const ps of spec.patternSyntax) {
    try {
      const warning = cc.host.registerSyntax(ps.name, ps.pattern, origin(ps.where));
      if (warning !== undefined) cc.warn(warning);
    } catch (err) {
      throw located(ps.where, err);
    }
  }
  const grok = spec.grok ? compileGrok(spec.grok, cc) : null;
  const stash = spec.stash.map((s) => compileStash(s, cc));
  const node: CompiledNode = {
    name,
    path,
    filter,
    whitelist: null,
    grok,
    stash,
    children: [],
    statics: [],
    nextStage: spec.onSuccess === 'next_stage',
    counters: { hits: 0, ok: 0, exprErrors: 0 },
  };
  const children = spec.nodes.map((child) => compileNode(child, cc, node));
  const statics = spec.statics.map((s) => compileStatic(s, cc));
  const whitelist = spec.whitelist ? compileWhitelist(spec.whitelist, cc) : null;
  return Object.freeze({ ...node, children, statics, whitelist });
}

/** Compiles one expression; a load error becomes a HubError at the expression's line. */
export function compileExpr(spec: ExprSpec, cc: CompileContext): Program {
  try {
    return compile(spec.source, { env: ENV_EVT, functions: cc.functions });
  } catch (err) {
    if (err instanceof ExprError) {
      const where = { ...spec.where, line: siteLine(spec, err.line) };
      const col = err.column > 0 ? ` (column ${err.column})` : '';
      throw new HubError(where, `${spec.path}: ${err.reason}${col} in \`${oneLine(spec.source)}\``, {
        cause: err,
      });
    }
    throw located(spec.where, err);
  }
}

function compileGrok(g: GrokSpec, cc: CompileContext): CompiledGrok | null {
  if (g.name === '' && g.pattern === '') return null;
  let pattern: CompiledGrok['pattern'];
  try {
    pattern =
      // No origin: the HubError below already says where the grok is.
      g.name !== '' ? cc.host.compileNamed(g.name) : cc.host.compile(g.pattern);
  } catch (err) {
    throw located(g.patternWhere, err);
  }
  const program = g.expression ? compileExpr(g.expression, cc) : null;
  const statics = g.statics.map((s) => compileStatic(s, cc));
  const label =
    g.name !== '' ? g.name : `\`${g.pattern.length > 24 ? `${g.pattern.slice(0, 24)}…` : g.pattern}\``;
  return { pattern, applyOn: g.applyOn, program: g.applyOn === '' ? program : null, statics, label };
}

function compileStash(s: StashSpec, cc: CompileContext): CompiledStash {
  if (!s.key || !s.value)
    throw new HubError(s.where, `stash ${s.name}: key and value expressions must be set`);
  const value = compileExpr(s.value, cc);
  const key = compileExpr(s.key, cc);
  cc.stash.declare(s.name, { size: s.size > 0 ? s.size : 100, ttlNs: s.ttlNs, strategy: s.strategy });
  return { name: s.name, key, value, ttlNs: s.ttlNs };
}

function compileStatic(s: StaticSpec, cc: CompileContext): CompiledStatic {
  const program = s.expression ? compileExpr(s.expression, cc) : null;
  const base = { value: s.value, program: s.value === '' ? program : null, enricher: null, setter: null };
  if (s.method !== '') {
    const enricher = cc.enrichers?.get(s.method) ?? null;
    if (enricher === null)
      cc.warn(
        `${fmt(s.where)}: the method "${s.method}" doesn't exist or is not initialised (static ignored)`,
      );
    return { ...base, kind: 'method', key: s.method, enricher };
  }
  if (s.parsed !== '') return { ...base, kind: 'parsed', key: s.parsed };
  if (s.meta !== '') return { ...base, kind: 'meta', key: s.meta };
  if (s.enriched !== '') return { ...base, kind: 'enriched', key: s.enriched };
  const resolved = resolveTarget(s.target);
  if (!resolved.ok) cc.warn(`${fmt(s.where)}: static target ${resolved.reason} (static ignored)`);
  return { ...base, kind: 'target', key: s.target, setter: resolved.ok ? resolved.set : null };
}

function compileWhitelist(w: WhitelistSpec, cc: CompileContext): CompiledWhitelist {
  const ips: NetAddr[] = w.ips.map((ip) => {
    const a = parseAddr(ip.text);
    if (a === undefined) throw new HubError(ip.where, `whitelist ip "${ip.text}" is not an IP address`);
    return a;
  });
  const cidrs: NetPrefix[] = w.cidrs.map((c) => {
    const p = parsePrefix(c.text);
    if (p === undefined) throw new HubError(c.where, `whitelist cidr "${c.text}" is not a CIDR prefix`);
    return p;
  });
  const expressions = w.expressions.map((e) => compileExpr(e, cc));
  return {
    reason: w.reason,
    ips,
    cidrs,
    expressions,
    active: ips.length + cidrs.length + expressions.length > 0,
  };
}

function origin(where: SourceLocation): { file: string; line: number } {
  return { file: where.file, line: where.line };
}

function located(where: SourceLocation, err: unknown): HubError {
  if (err instanceof HubError) return err;
  const message = err instanceof GrokError || err instanceof Error ? err.message : String(err);
  return new HubError(where, message, { cause: err });
}

function fmt(where: SourceLocation): string {
  return where.line > 0 ? `${where.file}:${where.line}` : where.file;
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}
