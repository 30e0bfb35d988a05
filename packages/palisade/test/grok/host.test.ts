import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GrokError, PatternHost } from '../../src/grok/index.ts';

/** Plain-object copy of a match result (results have a null prototype). */
function plain(result: Record<string, string> | null): Record<string, string> | null {
  return result === null ? null : { ...result };
}

function patternDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-grok-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('PatternHost: pattern files', () => {
  it('loads files alphabetically; later files may use earlier definitions', () => {
    const dir = patternDir({ b_second: 'B_PAT %{A_PAT}-%{INT:n}\n', a_first: '# comment\n\nA_PAT x+\n' });
    const host = PatternHost.withBase();
    host.loadDirectory(dir);
    assert.deepEqual(plain(host.compileNamed('B_PAT').match('xx-12')), { n: '12' });
  });

  it('names file, line and pattern for an undefined reference', () => {
    const dir = patternDir({ a: 'OK \\d+\n# c\nBROKEN %{NOPE}\n' });
    const host = PatternHost.withBase();
    assert.throws(
      () => host.loadDirectory(dir),
      (error: unknown) =>
        error instanceof GrokError &&
        error.file === join(dir, 'a') &&
        error.line === 3 &&
        error.patternName === 'BROKEN' &&
        error.message.includes(`${join(dir, 'a')}:3`) &&
        error.message.includes('NOPE'),
    );
  });

  it('rejects a reference to a pattern defined in a later file', () => {
    const dir = patternDir({ a: 'A %{B}\n', b: 'B x\n' });
    assert.throws(() => PatternHost.withBase().loadDirectory(dir), /A .*:1\): reference %\{B\}/);
  });

  it('rejects a redefinition in pattern files, naming both places', () => {
    const dir = patternDir({ a: 'DUP x\n', b: 'DUP y\n' });
    assert.throws(
      () => PatternHost.withBase().loadDirectory(dir),
      (error: unknown) =>
        error instanceof GrokError && error.line === 1 && /already defined.*a:1/.test(error.message),
    );
    assert.throws(
      () => PatternHost.withBase().loadDirectory(patternDir({ a: 'INT x\n' })),
      /INT .*already defined/,
    );
  });

  it('rejects an invalid regexp with its location', () => {
    const dir = patternDir({ a: '\n\nBAD (a\n' });
    assert.throws(
      () => PatternHost.withBase().loadDirectory(dir),
      /BAD .*a:3\): invalid regexp: missing closing \)/,
    );
  });

  it('ignores files with a dot, sub-directories, LICENSE and non-definition lines', () => {
    const dir = patternDir({
      'x.yaml': 'DOTTED %{NOPE}\n',
      LICENSE: 'of this software\nof that\n',
      a: 'A x\n  B y\n',
    });
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'c'), 'C %{NOPE}\n');
    const host = PatternHost.withBase();
    host.loadDirectory(dir);
    assert.ok(host.has('A'));
    assert.ok(!host.has('B') && !host.has('DOTTED') && !host.has('of') && !host.has('C'));
  });

  it('keeps the rest of the line verbatim, including trailing spaces, and drops a CR', () => {
    const dir = patternDir({ a: 'T1   a b  \nT2 c\r\n' });
    const host = PatternHost.withBase();
    host.loadDirectory(dir);
    assert.equal(host.get('T1')?.text, 'a b  ');
    assert.equal(host.get('T2')?.text, 'c');
  });
});

describe('PatternHost: pattern_syntax registration', () => {
  it('first definition wins; a different redefinition warns, an identical one does not', () => {
    const host = PatternHost.withBase();
    assert.equal(host.registerSyntax('TS', '%{INT:a}', { file: 'one.yaml' }), undefined);
    assert.equal(host.registerSyntax('TS', '%{INT:a}', { file: 'two.yaml' }), undefined);
    const warning = host.registerSyntax('TS', '%{WORD:a}', { file: 'three.yaml' });
    assert.match(warning ?? '', /TS redefined differently in three\.yaml.*one\.yaml/);
    assert.deepEqual(plain(host.compileNamed('TS').match('x 42')), { a: '42' });
  });

  it('throws GrokError with the origin for an unknown reference', () => {
    assert.throws(
      () => PatternHost.withBase().registerSyntax('X', '%{MISSING}', { file: 'p.yaml' }),
      (error: unknown) => error instanceof GrokError && error.file === 'p.yaml' && error.patternName === 'X',
    );
    assert.throws(
      () => PatternHost.withBase().compile('%{MISSING:x}', { file: 'q.yaml' }),
      /q\.yaml.*MISSING/,
    );
    assert.throws(() => PatternHost.withBase().compileNamed('MISSING'), /MISSING is not defined/);
  });
});
