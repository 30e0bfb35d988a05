import type { Node } from '../ast/nodes.ts';
import type { Evaluator } from '../runtime/frame.ts';
import { Fault } from '../source/error.ts';

/**
 * Call sites of pure helpers (`ExprFunction.pure`) that remember results.
 *
 * Hub filters call the same pure helper on the same strings over and over: `Upper(evt.Meta.
 * http_path)` in dozens of scenarios per event, `Upper(evt.Parsed.http_args) contains Upper(#)`
 * once per element of a data file. A call site keeps its last string arguments and result, so a
 * call with equal arguments returns the previous result without running the helper. A call site
 * also looks at the helper's last call from any site (the same field goes through `Upper` in many
 * filters of one event). A call site whose arguments depend on a closure element (`#`) sees a different element each iteration but
 * the same elements on every event: with one argument it keeps a small table of results instead
 * (with two, one of them the element, the pairs rarely repeat: nothing is remembered).
 *
 * Exactness: a pure helper's result is a function of its arguments, so reusing it is invisible.
 * Only string arguments and primitive results are remembered (an array or map result could be
 * mutated by a later step), and only results of calls that returned (an error is raised again).
 * Memory: bounded per call site (MAX_KEY_LENGTH characters per remembered string, TABLE_LIMIT
 * entries per table, cleared when full), because arguments come from attacker-controlled logs.
 */

/** Longest argument remembered (longer ones are computed every time). */
export const MAX_KEY_LENGTH = 512;
/** Entries of a call site's table before it is cleared. */
export const TABLE_LIMIT = 128;

const NONE = Symbol('none');

/** True when `node` reads a closure element (`#`, `#index`, `#acc`) anywhere below it. */
export function readsPointer(node: Node): boolean {
  if (node.kind === 'PointerNode') return true;
  for (const value of Object.values(node)) {
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item) && readsPointer(item)) return true;
    } else if (isNode(value) && readsPointer(value)) return true;
  }
  return false;
}

function isNode(v: unknown): v is Node {
  return v !== null && typeof v === 'object' && typeof (v as { kind?: unknown }).kind === 'string';
}

function remembered(out: unknown): boolean {
  return out === null || typeof out !== 'object';
}

function fault(e: unknown, pos: number): Fault {
  if (e instanceof Fault) return e;
  return new Fault(e instanceof Error ? e.message : String(e), pos, { cause: e });
}

/**
 * The evaluator of a call of a pure helper with 1 or 2 arguments that remembers results (see the
 * file comment); undefined when nothing is worth remembering (the caller compiles a plain call).
 */
export function memoizedCall(
  impl: (...args: any[]) => unknown,
  evs: readonly Evaluator[],
  argNodes: readonly Node[],
  pos: number,
): Evaluator | undefined {
  const table = argNodes.some(readsPointer);
  if (evs.length === 1) return table ? tableCall1(impl, evs[0]!, pos) : lastCall1(impl, evs[0]!, pos);
  // Two arguments of which one is the element (`IpInRange(ip, #)`): pairs rarely repeat.
  if (evs.length === 2 && !table) return lastCall2(impl, evs[0]!, evs[1]!, pos);
  return undefined;
}

/** The last call of a helper over all its call sites (`Upper(evt.Meta.http_path)` in 30 filters). */
interface SharedLast {
  arg: unknown;
  out: unknown;
}

const sharedLasts = new WeakMap<(x: unknown) => unknown, SharedLast>();

function sharedLastOf(impl: (x: unknown) => unknown): SharedLast {
  let s = sharedLasts.get(impl);
  if (s === undefined) {
    s = { arg: NONE, out: undefined };
    sharedLasts.set(impl, s);
  }
  return s;
}

function lastCall1(impl: (x: unknown) => unknown, a0: Evaluator, pos: number): Evaluator {
  let lastIn: unknown = NONE;
  let lastOut: unknown;
  // Then the helper's last call from any site: different filters test the same field in a row.
  const shared = sharedLastOf(impl);
  return (f) => {
    const x = a0(f);
    if (x === lastIn) return lastOut;
    if (x === shared.arg) {
      lastIn = x;
      lastOut = shared.out;
      return lastOut;
    }
    let out: unknown;
    try {
      out = impl(x);
    } catch (e) {
      throw fault(e, pos);
    }
    if (typeof x === 'string' && x.length <= MAX_KEY_LENGTH && remembered(out)) {
      lastIn = x;
      lastOut = out;
      shared.arg = x;
      shared.out = out;
    }
    return out;
  };
}

function lastCall2(
  impl: (x: unknown, y: unknown) => unknown,
  a0: Evaluator,
  a1: Evaluator,
  pos: number,
): Evaluator {
  let lastX: unknown = NONE;
  let lastY: unknown = NONE;
  let lastOut: unknown;
  return (f) => {
    const x = a0(f);
    const y = a1(f);
    if (x === lastX && y === lastY) return lastOut;
    let out: unknown;
    try {
      out = impl(x, y);
    } catch (e) {
      throw fault(e, pos);
    }
    if (
      typeof x === 'string' &&
      typeof y === 'string' &&
      x.length <= MAX_KEY_LENGTH &&
      y.length <= MAX_KEY_LENGTH &&
      remembered(out)
    ) {
      lastX = x;
      lastY = y;
      lastOut = out;
    }
    return out;
  };
}

function tableCall1(impl: (x: unknown) => unknown, a0: Evaluator, pos: number): Evaluator {
  const results = new Map<string, unknown>();
  return (f) => {
    const x = a0(f);
    const key = typeof x === 'string' && x.length <= MAX_KEY_LENGTH ? x : undefined;
    if (key !== undefined) {
      const hit = results.get(key);
      if (hit !== undefined || results.has(key)) return hit;
    }
    let out: unknown;
    try {
      out = impl(x);
    } catch (e) {
      throw fault(e, pos);
    }
    if (key !== undefined && remembered(out)) {
      if (results.size >= TABLE_LIMIT) results.clear();
      results.set(key, out);
    }
    return out;
  };
}
