import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  formatFailure,
  formatSummary,
  type LintCompilers,
  type LintGrokHost,
  lintHub,
  lintPassed,
} from '../../src/hub/index.ts';

const MINI = join(import.meta.dirname, 'fixtures', 'mini-hub');

/** An error shaped like the expression compiler's `ExprError`. */
class FakeExprError extends Error {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  constructor(reason: string, line: number, column: number) {
    super(`${reason} (${line}:${column})`);
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

/**
 * Fake compilers: an expression fails when it contains `needle` (reported on its line 2 when it
 * has one); a grok host records calls and fails on names it has not seen defined.
 */
function fakes(needle: string, calls: string[]): LintCompilers {
  return {
    compileExpression(source) {
      if (!source.includes(needle)) return;
      throw new FakeExprError(`unknown name ${needle}`, source.includes('\n') ? 2 : 1, 4);
    },
    newGrokHost(name): LintGrokHost {
      const defined = new Set<string>();
      return {
        loadPatternDirectory(dir) {
          calls.push(`${name} load ${dir.endsWith('patterns')}`);
          defined.add('ACME_ID').add('ACME_USER');
          return { loaded: 2 };
        },
        registerSyntax(n, p) {
          calls.push(`${name} define ${n}`);
          if (p.includes('ACME_USER') && !defined.has('ACME_USER')) throw new Error('ACME_USER missing');
          defined.add(n);
          return n === 'ACME_PO' ? 'ACME_PO redefined' : undefined;
        },
        compile(p) {
          calls.push(`${name} compile ${p}`);
        },
        compileNamed(n) {
          calls.push(`${name} named ${n}`);
          if (!defined.has(n)) throw new Error(`pattern ${n} is not defined`);
        },
      };
    },
  };
}

describe('lintHub', () => {
  it('compiles every site and reports a clean summary', () => {
    const calls: string[] = [];
    const report = lintHub(MINI, fakes('NOTHING_MATCHES', calls));
    assert.equal(
      formatSummary(report),
      'expressions: 22/22 compiled, grok patterns: 8/8 compiled, items: 7 loaded, 0 failed',
    );
    assert.ok(lintPassed(report));
    assert.deepEqual(report.warnings, ['ACME_PO redefined'], 'warnings are not failures');
    assert.deepEqual(calls, [
      'parsers load true',
      'parsers compile ^acme: %{GREEDYDATA:message}',
      'parsers define ACME_LOGIN',
      'parsers named ACME_LOGIN',
      'parsers compile logout %{ACME_ID:session}',
      'parsers compile %{WORD:verb}',
      'postoverflows load true',
      'postoverflows define ACME_PO',
    ]);
  });

  it('reports a failing expression as file:line: expression: reason, mapping block lines', () => {
    const report = lintHub(MINI, fakes('leaky.Total_count', []));
    assert.equal(lintPassed(report), false);
    assert.deepEqual(report.failures.map(formatFailure), [
      'scenarios/acme/app-cond.yml:10: len(queue.Queue) > 2 && leaky.Total_count > 2: unknown name leaky.Total_count (2:4)',
    ]);
    assert.equal(report.items.failed, 1);
    assert.equal(report.expressions.compiled, 21);
  });

  it('reports a grok failure with its file and line', () => {
    const calls: string[] = [];
    const compilers = fakes('NOTHING_MATCHES', calls);
    const host = compilers.newGrokHost;
    compilers.newGrokHost = (name) => {
      const h = host(name);
      return { ...h, registerSyntax: () => undefined };
    };
    const report = lintHub(MINI, compilers);
    assert.deepEqual(report.failures.map(formatFailure), [
      'parsers/s01-parse/acme/app-logs.yaml:11: %{ACME_LOGIN}: pattern ACME_LOGIN is not defined',
    ]);
    assert.equal(report.grok.compiled, 7);
  });

  it('reports a pattern directory that fails to load', () => {
    const compilers = fakes('NOTHING_MATCHES', []);
    const host = compilers.newGrokHost;
    const error = Object.assign(
      new Error('grok pattern ACME_USER (/x/patterns/acme:2): unknown pattern USERNAME'),
      {
        file: join(MINI, 'patterns', 'acme'),
        line: 2,
        patternName: 'ACME_USER',
      },
    );
    compilers.newGrokHost = (name) => ({ ...host(name), loadPatternDirectory: () => ({ loaded: 1, error }) });
    const report = lintHub(MINI, compilers);
    assert.deepEqual(report.failures.map(formatFailure), [
      'patterns/acme:2: ACME_USER: unknown pattern USERNAME',
      'parsers/s01-parse/acme/app-logs.yaml:8: ACME_LOGIN login %{ACME_USER:user} from %{IP:src}: ACME_USER missing',
      'parsers/s01-parse/acme/app-logs.yaml:11: %{ACME_LOGIN}: pattern ACME_LOGIN is not defined',
    ]);
    assert.deepEqual(report.grok, { total: 8, compiled: 5 }, 'the directory counts once, its failure as one');
  });
});
