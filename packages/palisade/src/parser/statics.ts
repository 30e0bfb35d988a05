/**
 * Applying `statics` entries to an event (hub-compat §1.4): value before expression, the
 * conversion of an expression result (`formatStatic`), the empty-value skip (except for
 * `method: ParseDate`), then the target by precedence method → parsed → meta → enriched → target.
 */
import type { Event } from '../event/index.ts';
import { formatStatic } from '../expr/values/format.ts';
import { type CompiledNode, type CompiledStatic, ParseAbort, type RunContext } from './compiled.ts';

/**
 * Applies `statics` in order. An expression runtime error or an enricher error only skips that
 * static (counted on `node`); a result type CrowdSec refuses throws ParseAbort.
 */
export function applyStatics(
  statics: readonly CompiledStatic[],
  evt: Event,
  node: CompiledNode,
  ctx: RunContext,
): void {
  for (let i = 0; i < statics.length; i++) {
    const s = statics[i] as CompiledStatic;
    let value = s.value;
    if (value === '' && s.program !== null) {
      let out: unknown;
      try {
        out = s.program.run(ctx.vars);
      } catch (err) {
        node.counters.exprErrors++;
        detail(ctx, node, `static ${s.kind} ${s.key}: expression failed: ${(err as Error).message}`);
        continue;
      }
      const converted = formatStatic(out);
      if (converted.ok) value = converted.value;
      else if (converted.fatal) throw new ParseAbort(`static ${s.kind} ${s.key}: ${converted.reason}`);
      else detail(ctx, node, `static ${s.kind} ${s.key}: ${converted.reason}`);
    }
    if (value === '' && !(s.kind === 'method' && s.key === 'ParseDate')) {
      if (ctx.trace?.detail) detail(ctx, node, `static ${s.kind} ${s.key}: empty value, skipped`);
      continue;
    }
    switch (s.kind) {
      case 'method':
        callEnricher(s, value, evt, node, ctx);
        break;
      case 'parsed':
        evt.Parsed[s.key] = value;
        break;
      case 'meta':
        evt.Meta[s.key] = value;
        break;
      case 'enriched':
        evt.Enriched[s.key] = value;
        break;
      case 'target':
        if (s.setter === null || !s.setter(evt, value)) {
          detail(ctx, node, `static target ${s.key}: unable to set it`);
          continue;
        }
        break;
    }
    if (ctx.trace?.detail) detail(ctx, node, `static ${s.kind} ${s.key} = ${JSON.stringify(value)}`);
  }
}

function callEnricher(
  s: CompiledStatic,
  value: string,
  evt: Event,
  node: CompiledNode,
  ctx: RunContext,
): void {
  if (s.enricher === null) return;
  let out: Record<string, string> | null;
  try {
    out = s.enricher(value, evt);
  } catch (err) {
    node.counters.exprErrors++;
    detail(ctx, node, `method ${s.key} failed: ${(err as Error).message}`);
    return;
  }
  if (out === null) return;
  for (const k of Object.keys(out)) evt.Enriched[k] = out[k] as string;
}

/** Reports a fine-grained step when the trace wants them. */
export function detail(ctx: RunContext, node: CompiledNode, what: string): void {
  const t = ctx.trace;
  if (t?.detail) t.detail(ctx.stage, node.path, what);
}
