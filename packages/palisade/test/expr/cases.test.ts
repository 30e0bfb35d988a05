import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile, type Program } from '../../src/expr/index.ts';
import { Float64 } from '../../src/expr/values/float.ts';
import { envTypes, makeVars, testFunctions } from './cases/env.ts';
import { caseGroups } from './cases/index.ts';
import type { CompileErrorCase, ExprCase, RuntimeErrorCase, ValueCase, ValueKind } from './cases/types.ts';

/**
 * Table-driven conformance suite of the expression language: every case of ./cases is its own
 * test, named by its expression, so that each divergence from expr-lang v1.17 shows on its own.
 */

function compileCase(expr: string): Program {
  return compile(expr, { env: envTypes, functions: testFunctions });
}

function varsFor(c: ExprCase): Record<string, unknown> {
  return { ...makeVars(), ...c.env };
}

/**
 * Brings a result to a comparable shape: float boxes become numbers, JS Maps and null-prototype
 * objects become plain objects, so that `deepStrictEqual` compares values, not representations.
 */
function normalize(v: unknown): unknown {
  if (v instanceof Float64) return v.value;
  if (Array.isArray(v)) return v.map(normalize);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[String(k)] = normalize(x);
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) out[k] = normalize((v as Record<string, unknown>)[k]);
      return out;
    }
  }
  return v;
}

/** The Go kind of a result, using the static type where the value alone cannot tell (float.ts). */
function kindOf(program: Program, v: unknown): ValueKind | 'other' {
  if (v === null) return 'nil';
  if (v instanceof Float64) return 'float';
  if (typeof v === 'number') {
    if (program.type.kind === 'float') return 'float';
    if (program.type.kind === 'int') return 'int';
    return Number.isInteger(v) ? 'int' : 'float';
  }
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'map';
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) return 'map';
  }
  return 'other';
}

function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function runValueCase(c: ValueCase): void {
  const program = compileCase(c.expr);
  const result = program.run(varsFor(c));
  assert.deepStrictEqual(normalize(result), c.expect);
  if (c.expectType !== undefined) {
    assert.equal(kindOf(program, result), c.expectType, `kind of ${c.expr}`);
  }
}

function runCompileErrorCase(c: CompileErrorCase): void {
  let caught: unknown;
  try {
    compileCase(c.expr);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== undefined, `expected a compile error for ${JSON.stringify(c.expr)}`);
  assert.ok(
    caught instanceof Error && caught.name === 'ExprError',
    `not an ExprError: ${describeError(caught)}`,
  );
  assert.match(caught.message, c.error);
  if (c.errorLine !== undefined) {
    assert.equal((caught as Error & { line?: number }).line, c.errorLine, `line of: ${caught.message}`);
  }
}

function runRuntimeErrorCase(c: RuntimeErrorCase): void {
  const program = compileCase(c.expr);
  let caught: unknown;
  let result: unknown;
  try {
    result = program.run(varsFor(c));
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== undefined, `expected a run-time error, got ${JSON.stringify(normalize(result))}`);
  assert.ok(
    caught instanceof Error && caught.name === 'ExprRuntimeError',
    `not an ExprRuntimeError: ${describeError(caught)}`,
  );
  assert.match(caught.message, c.runtimeError);
}

function runCase(c: ExprCase): void {
  if ('error' in c) runCompileErrorCase(c);
  else if ('runtimeError' in c) runRuntimeErrorCase(c);
  else runValueCase(c);
}

for (const group of caseGroups) {
  describe(group.topic, () => {
    for (const c of group.cases) {
      const label = c.name ? `${c.expr}  — ${c.name}` : c.expr;
      test(label, c.knownLimitation ? { todo: c.knownLimitation } : {}, () => runCase(c));
    }
  });
}
