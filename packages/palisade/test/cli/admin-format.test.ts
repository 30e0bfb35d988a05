import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { elementLines, parseImport } from '../../src/cli/decisions-import-parse.ts';
import { csvLine, readCsv } from '../../src/cli/format/csv.ts';
import { renderRecords } from '../../src/cli/format/output.ts';
import { createProgress } from '../../src/cli/format/progress.ts';
import { renderTable } from '../../src/cli/format/table.ts';

const DEFAULTS = { duration: '4h', type: 'ban', scope: 'Ip', reason: 'manual' };

describe('csv', () => {
  it('quotes fields that need it and reads them back', () => {
    const line = csvLine(['a', 'b,c', 'say "hi"', '']);
    assert.equal(line, 'a,"b,c","say ""hi""",\n');
    const { records, problems } = readCsv(line);
    assert.deepEqual(problems, []);
    assert.deepEqual(records, [{ line: 1, fields: ['a', 'b,c', 'say "hi"', ''] }]);
  });

  it('reports a broken line with its number and keeps reading', () => {
    const { records, problems } = readCsv('x,y\n"open,1\n\r\nok,2\r\nbad"q,3\nlast,4');
    assert.deepEqual(
      records.map((r) => [r.line, ...r.fields]),
      [
        [1, 'x', 'y'],
        [4, 'ok', '2'],
        [6, 'last', '4'],
      ],
    );
    assert.deepEqual(
      problems.map((p) => p.line),
      [2, 5],
    );
  });
});

describe('table and output formats', () => {
  it('aligns columns to the widest cell and strips control characters', () => {
    const out = renderTable(
      [{ header: 'Name' }, { header: 'N', align: 'right' }],
      [
        ['a\u001b[31m', '7'],
        ['longer', '123'],
      ],
    );
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 6);
    assert.ok(lines.every((l) => [...l].length === [...(lines[0] as string)].length));
    assert.match(out, /│ a\?\[31m │ {3}7 │/);
    assert.ok(!out.includes('\u001b'));
  });

  it('renders json arrays and csv with a header even when empty', () => {
    const fields = [
      {
        header: 'ID',
        key: 'id',
        text: (r: { id: number }) => String(r.id),
        json: (r: { id: number }) => r.id,
      },
    ];
    assert.equal(renderRecords('json', fields, [], 'none'), '[]\n');
    assert.equal(renderRecords('raw', fields, [], 'none'), 'id\n');
    assert.equal(renderRecords('human', fields, [], 'No rows'), 'No rows\n');
    assert.deepEqual(JSON.parse(renderRecords('json', fields, [{ id: 3 }], '')), [{ id: 3 }]);
    assert.equal(renderRecords('raw', fields, [{ id: 3 }], ''), 'id\n3\n');
  });
});

describe('progress', () => {
  it('prints one line per tenth when not on a terminal', () => {
    const lines: string[] = [];
    const p = createProgress({ total: 1000, label: 'import', tty: false, write: (t) => lines.push(t) });
    for (let i = 0; i <= 1000; i += 50) p.update(i);
    p.finish();
    assert.equal(lines.length, 11);
    assert.equal(lines.at(-1), 'import: 1000/1000 (100%)\n');
  });

  it('redraws a bar in place on a terminal', () => {
    let text = '';
    const p = createProgress({ total: 4, label: 'x', tty: true, write: (t) => (text += t), barWidth: 4 });
    for (let i = 1; i <= 4; i++) p.update(i);
    p.finish();
    assert.ok(text.startsWith('\rx [#...] 1/4 (25%)'));
    assert.ok(text.endsWith('\rx [####] 4/4 (100%)\n'));
  });
});

describe('decisions import parsing', () => {
  it('reads csv with any column order and defaults, reporting bad lines', () => {
    const text = [
      'Scope,Value,Duration,reason,origin,extra',
      'ip,1.2.3.4,1h,r1,whatever,x',
      'range,10.0.0.0/8,,,,',
      'ip,not-an-ip,1h,,,',
      'ip,5.6.7.8,forever,,,',
      'ip,9.9.9.9',
      'username,bob,2d,,,',
    ].join('\n');
    const { entries, problems } = parseImport(text, 'csv', DEFAULTS);
    assert.deepEqual(
      entries.map((e) => [e.line, e.scope, e.value, e.duration, e.reason, e.type]),
      [
        [2, 'Ip', '1.2.3.4', '1h', 'r1', 'ban'],
        [3, 'Range', '10.0.0.0/8', '4h', 'manual', 'ban'],
        [7, 'username', 'bob', '2d', 'manual', 'ban'],
      ],
    );
    assert.deepEqual(
      problems.map((p) => p.line),
      [4, 5, 6],
    );
    assert.match(problems[0]?.message ?? '', /not-an-ip/);
    assert.match(problems[1]?.message ?? '', /forever/);
    assert.equal(entries[2]?.durationNs, 2 * 86_400e9);
  });

  it('reads values, skipping blanks and comments', () => {
    const { entries, problems } = parseImport(
      '# list\n1.1.1.1\n\n 2.2.2.2 \n300.1.1.1\n',
      'values',
      DEFAULTS,
    );
    assert.deepEqual(
      entries.map((e) => [e.line, e.value]),
      [
        [2, '1.1.1.1'],
        [4, '2.2.2.2'],
      ],
    );
    assert.deepEqual(problems, [{ line: 5, message: "'300.1.1.1' is not a valid IP address" }]);
  });

  it('reads a json array and names the line of a bad element', () => {
    const text =
      '[\n  {"value": "1.2.3.4", "duration": "1h"},\n  {"value": 5},\n  {"value": "a\\"]{", "scope": "x"}\n]';
    assert.deepEqual(elementLines(text), [2, 3, 4]);
    const { entries, problems } = parseImport(text, 'json', DEFAULTS);
    assert.deepEqual(
      entries.map((e) => e.value),
      ['1.2.3.4', 'a"]{'],
    );
    assert.equal(problems[0]?.line, 3);
    assert.throws(() => parseImport('{"value":"x"}', 'json', DEFAULTS), /must be an array/);
    assert.throws(() => parseImport('', 'csv', DEFAULTS), /empty/);
    assert.throws(() => parseImport('a,b\n', 'csv', DEFAULTS), /no 'value' column/);
  });
});
