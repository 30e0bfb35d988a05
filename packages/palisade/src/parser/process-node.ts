/**
 * Processing one node on an event (hub-compat §1.5), in CrowdSec's exact order: filter,
 * whitelist check, grok (+ its statics), stash, children, node statics, `next_stage` promotion.
 */
import type { Event } from '../event/index.ts';
import { isFloatValue, isIntValue } from '../expr/values/float.ts';
import { formatFloat } from '../expr/values/format.ts';
import type { CompiledGrok, CompiledNode, RunContext } from './compiled.ts';
import { applyStatics, detail } from './statics.ts';
import { checkWhitelist } from './whitelist.ts';

/**
 * Runs `node` (and its children) on `evt`; returns its success. Throws ParseAbort when a static
 * produced a value type CrowdSec refuses (the caller aborts the event).
 */
export function processNode(node: CompiledNode, evt: Event, ctx: RunContext): boolean {
  const counters = node.counters;
  if (node.filter !== null) {
    let out: unknown;
    try {
      out = node.filter.run(ctx.vars);
    } catch (err) {
      counters.exprErrors++;
      detail(ctx, node, `filter failed: ${(err as Error).message}`);
      return false;
    }
    if (out !== true) {
      if (ctx.trace?.detail)
        detail(ctx, node, out === false ? 'filter is false' : 'filter returned a non-bool');
      return false;
    }
  }
  counters.hits++;

  const whitelisted = node.whitelist !== null && checkWhitelist(node.whitelist, evt, node, ctx);

  let state = true;
  let grokOk = false;
  if (node.grok !== null) {
    grokOk = runGrok(node.grok, evt, node, ctx);
    state = grokOk;
  }

  if (node.stash.length > 0 && (grokOk || node.grok === null)) runStash(node, ctx);

  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    if (processNode(children[i] as CompiledNode, evt, ctx)) {
      state = true;
      if (node.nextStage) break;
    } else if (!grokOk) {
      state = false;
    }
  }

  if (!state) {
    if (ctx.trace?.detail) detail(ctx, node, 'node failed');
    return false;
  }
  counters.ok++;

  if (node.statics.length > 0 && (whitelisted || node.whitelist === null || !node.whitelist.active)) {
    applyStatics(node.statics, evt, node, ctx);
  }

  if (node.nextStage) {
    // From the event's current stage, as CrowdSec does (an unknown stage moves to the first one).
    const stages = ctx.stages;
    const idx = stages.indexOf(evt.Stage);
    if (idx + 1 < stages.length) {
      evt.Stage = stages[idx + 1] as string;
      if (ctx.trace?.detail) detail(ctx, node, `moved to stage ${evt.Stage}`);
    }
  }
  if (ctx.trace?.detail) detail(ctx, node, 'node succeeded');
  return true;
}

/** The grok step: source, match, captures into Parsed, grok statics. True when it matched. */
function runGrok(grok: CompiledGrok, evt: Event, node: CompiledNode, ctx: RunContext): boolean {
  const source = grokSource(grok, evt, node, ctx);
  if (source === undefined) return false;
  const pattern = grok.pattern;
  const names = pattern.semantics;
  // A pattern binding no name never "returns data": the grok fails whatever the input.
  if (names.length === 0) {
    if (ctx.trace?.detail) detail(ctx, node, `grok ${grok.label} binds no name: failed`);
    return false;
  }
  const m = pattern.regexp.exec(source);
  if (m === null) {
    if (ctx.trace?.detail) detail(ctx, node, `grok ${grok.label} did not match`);
    return false;
  }
  const groups = pattern.groupIndices;
  const parsed = evt.Parsed;
  for (let i = 0; i < names.length; i++) parsed[names[i] as string] = m[groups[i] as number] ?? '';
  if (ctx.trace?.detail) detail(ctx, node, `grok ${grok.label} matched (${names.length} fields)`);
  if (grok.statics.length > 0) applyStatics(grok.statics, evt, node, ctx);
  return true;
}

/** The text the grok runs on, or undefined when the grok fails before matching. */
function grokSource(grok: CompiledGrok, evt: Event, node: CompiledNode, ctx: RunContext): string | undefined {
  const on = grok.applyOn;
  if (on === 'Line.Raw') return evt.Line.Raw;
  if (on !== '') {
    if (Object.hasOwn(evt.Parsed, on)) return evt.Parsed[on] as string;
    if (ctx.trace?.detail) detail(ctx, node, `grok source Parsed.${on} does not exist`);
    return undefined;
  }
  if (grok.program === null) return '';
  let out: unknown;
  try {
    out = grok.program.run(ctx.vars);
  } catch (err) {
    node.counters.exprErrors++;
    detail(ctx, node, `grok expression failed: ${(err as Error).message}`);
    return undefined;
  }
  if (typeof out === 'string') return out;
  if (isIntValue(out)) return String(out);
  if (isFloatValue(out)) return formatFloat(Number(out), 'f', 6);
  detail(ctx, node, 'grok expression returned an unexpected type: empty source');
  return '';
}

function runStash(node: CompiledNode, ctx: RunContext): void {
  for (const s of node.stash) {
    const value = runString(s.value, node, ctx);
    if (value === undefined) continue;
    const key = runString(s.key, node, ctx);
    if (key === undefined) continue;
    ctx.stash.set(s.name, key, value, s.ttlNs);
    if (ctx.trace?.detail) detail(ctx, node, `stash ${s.name}[${key}] = ${JSON.stringify(value)}`);
  }
}

function runString(
  program: { run(vars: Record<string, unknown>): unknown },
  node: CompiledNode,
  ctx: RunContext,
) {
  try {
    const out = program.run(ctx.vars);
    return typeof out === 'string' ? out : undefined;
  } catch (err) {
    node.counters.exprErrors++;
    detail(ctx, node, `stash expression failed: ${(err as Error).message}`);
    return undefined;
  }
}
