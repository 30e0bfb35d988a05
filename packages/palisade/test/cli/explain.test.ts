import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerExplainCommand } from '../../src/cli/explain.ts';
import { renderExplanation, renderTotals, verdict } from '../../src/cli/explain-render.ts';
import { diffEvents, explainEvent, type LineExplanation } from '../../src/cli/explain-trace.ts';
import { type CliIo, main } from '../../src/cli/index.ts';
import { newEvent } from '../../src/event/index.ts';
import { GoTime, UTC } from '../../src/expr/values/time.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'palisade.ts');
const REAL_HUB = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'crowdsec-hub');
const NO_HUB = existsSync(join(REAL_HUB, 'parsers')) ? false : `real hub not found at ${REAL_HUB}`;
const SSHD_LINE =
  'Feb 12 14:10:21 sd-126005 sshd[16378]: Failed password for root from 1.2.3.4 port 53502 ssh2';
const FIXED_NOW = GoTime.fromUnix(1_767_225_600, 0, UTC); // 2026-01-01T00:00:00Z

const temps: string[] = [];
after(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  };
  return io;
}

/** Runs `explain` in-process with injected stdin/clock; returns the exit code and output. */
async function runExplain(
  args: string[],
  deps: { stdin?: AsyncIterable<string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture();
  const program = new Command('palisade').configureOutput({ writeOut: io.out, writeErr: io.err });
  registerExplainCommand(program, io, { now: () => FIXED_NOW, ...deps });
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(['node', 'palisade', 'explain', ...args]);
    return { code: 0, stdout: io.stdout, stderr: io.stderr };
  } catch (err) {
    return { code: (err as { exitCode: number }).exitCode, stdout: io.stdout, stderr: io.stderr };
  }
}

/** A tiny hub: one raw parser, one app parser, one whitelist enricher. */
function demoHub(): string {
  const hub = mkdtempSync(join(tmpdir(), 'palisade-explain-'));
  temps.push(hub);
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(hub, rel)), { recursive: true });
    writeFileSync(join(hub, rel), text);
  };
  write(
    'parsers/s00-raw/me/raw.yaml',
    [
      'name: me/raw',
      'filter: "evt.Line.Labels.type == \'demo\'"',
      'onsuccess: next_stage',
      'grok:',
      "  pattern: '^%{WORD:program}: %{GREEDYDATA:message}$'",
      '  apply_on: Line.Raw',
      'statics:',
      '  - meta: source_file',
      '    expression: evt.Line.Src',
      '',
    ].join('\n'),
  );
  write(
    'parsers/s01-parse/me/app.yaml',
    [
      'name: me/app',
      'filter: "evt.Parsed.program == \'app\'"',
      'onsuccess: next_stage',
      'grok:',
      "  pattern: '^user %{USERNAME:user} from %{IP:ip}$'",
      '  apply_on: message',
      'statics:',
      '  - meta: source_ip',
      '    expression: evt.Parsed.ip',
      '',
    ].join('\n'),
  );
  write(
    'parsers/s01-parse/me/other.yaml',
    [
      'name: me/other',
      'filter: "evt.Parsed.program == \'other\'"',
      'statics:',
      '  - meta: kind',
      '    value: other',
      '',
    ].join('\n'),
  );
  write(
    'parsers/s02-enrich/me/wl.yaml',
    ['name: me/wl', 'whitelist:', '  reason: internal address', '  ip:', '    - 10.0.0.1', ''].join('\n'),
  );
  mkdirSync(join(hub, 'data'));
  return hub;
}

describe('diffEvents', () => {
  it('reports additions, changes and removals of the fields parsers write, keys in byte order', () => {
    const a = newEvent();
    a.Parsed.keep = 'same';
    a.Parsed.gone = 'old';
    a.Meta.x = '1';
    const b = newEvent();
    b.Parsed.keep = 'same';
    b.Parsed.b = 'B';
    b.Parsed.a = 'A';
    b.Meta.x = '2';
    b.Unmarshaled.req = Object.assign(Object.create(null), { method: 'GET', size: 12 });
    b.StrTime = 'Feb 12';
    b.Whitelisted = true;
    b.Stage = 's01-parse';
    assert.deepEqual(diffEvents(a, b), [
      { op: '+', field: 'Parsed.a', value: 'A' },
      { op: '+', field: 'Parsed.b', value: 'B' },
      { op: '-', field: 'Parsed.gone', value: 'old' },
      { op: '~', field: 'Meta.x', value: '2', old: '1' },
      { op: '+', field: 'Unmarshaled.req.method', value: 'GET' },
      { op: '+', field: 'Unmarshaled.req.size', value: '12' },
      { op: '+', field: 'StrTime', value: 'Feb 12' },
      { op: '+', field: 'Whitelisted', value: 'true' },
    ]);
  });
});

describe('explainEvent', () => {
  it('diffs each node against the previous one and attaches the details reported before it', () => {
    const evt = newEvent();
    const x = explainEvent(
      (e, trace) => {
        trace.detail?.('s00-raw', ['n1'], 'grok G matched (1 fields)');
        e.Parsed.program = 'sshd';
        trace.node('s00-raw', 'n1', e, true);
        trace.detail?.('s01-parse', ['n2'], 'filter is false');
        trace.node('s01-parse', 'n2', e, false);
        e.Stage = 's01-parse';
        return false;
      },
      evt,
      7,
    );
    assert.equal(x.index, 7);
    assert.equal(x.parsed, false);
    assert.equal(x.finalStage, 's01-parse');
    assert.deepEqual(
      x.steps.map((s) => [s.stage, s.node, s.success, s.changes.length, s.details.map((d) => d.what)]),
      [
        ['s00-raw', 'n1', true, 1, ['grok G matched (1 fields)']],
        ['s01-parse', 'n2', false, 0, ['filter is false']],
      ],
    );
  });
});

describe('renderExplanation', () => {
  const base: LineExplanation = {
    index: 1,
    raw: 'app: hello',
    steps: [
      {
        stage: 's00-raw',
        node: 'a/skip',
        success: false,
        changes: [],
        details: [{ path: ['a/skip'], what: 'filter is false' }],
      },
      {
        stage: 's00-raw',
        node: 'a/raw',
        success: true,
        changes: [
          { op: '+', field: 'Parsed.program', value: 'app' },
          { op: '~', field: 'Meta.x', value: ' padded', old: 'x' },
          { op: '-', field: 'Parsed.tmp', value: 'bye' },
        ],
        details: [{ path: ['a/raw'], what: 'moved to stage s01-parse' }],
      },
      {
        stage: 's01-parse',
        node: 'a/app',
        success: false,
        changes: [],
        details: [
          { path: ['a/app', 'child-a/app'], what: 'grok X did not match' },
          { path: ['a/app', 'child-a/app'], what: 'node failed' },
          { path: ['a/app', 'child-a/app'], what: 'grok Y did not match' },
        ],
      },
    ],
    trailing: [],
    parsed: false,
    finalStage: 's01-parse',
    whitelisted: false,
    whitelistReason: '',
  };

  it('folds filter misses, shows changes (quoted when needed) and a failure hint', () => {
    assert.equal(
      renderExplanation(base, { verbose: false }),
      [
        'line 1: app: hello',
        '  s00-raw',
        '    ✓ a/raw',
        '        + Parsed.program = app',
        '        ~ Meta.x = " padded" (was x)',
        '        - Parsed.tmp (was bye)',
        '    · 1 other node did not apply (filter false)',
        '  s01-parse',
        '    ✗ a/app  (no child matched: 2 groks did not match)',
        '  => dropped at stage s01-parse: no node succeeded',
        '',
      ].join('\n'),
    );
  });

  it('lists every node and the engine details with -v', () => {
    assert.equal(
      renderExplanation(base, { verbose: true }),
      [
        'line 1: app: hello',
        '  s00-raw',
        '    ✗ a/skip',
        '        · filter is false',
        '    ✓ a/raw',
        '        + Parsed.program = app',
        '        ~ Meta.x = " padded" (was x)',
        '        - Parsed.tmp (was bye)',
        '        · moved to stage s01-parse',
        '  s01-parse',
        '    ✗ a/app',
        '        · child-a/app: grok X did not match',
        '        · child-a/app: node failed',
        '        · child-a/app: grok Y did not match',
        '  => dropped at stage s01-parse: no node succeeded',
        '',
      ].join('\n'),
    );
  });

  it('shortens long values and escapes control characters of the raw line', () => {
    const x = { ...base, raw: `a\u001b[2Jb${'x'.repeat(300)}`, steps: [] };
    const first = renderExplanation(x, { verbose: false, maxValueChars: 10 }).split('\n')[0];
    assert.equal(first, 'line 1: "a\\x1b[2Jbxxxx"… (306 chars)');
  });

  it('words the verdicts', () => {
    assert.equal(verdict({ ...base, parsed: true }), 'parsed');
    assert.equal(
      verdict({ ...base, parsed: true, whitelisted: true, whitelistReason: 'lan' }),
      'parsed, but whitelisted (lan): not poured',
    );
    assert.equal(
      verdict({ ...base, finalStage: 's00-raw' }),
      'dropped at stage s00-raw: no successful node moved it to the next stage (onsuccess: next_stage)',
    );
    assert.equal(
      verdict({ ...base, trailing: [{ path: [], what: 'parse aborted: bad static' }] }),
      'dropped at stage s01-parse: parse aborted',
    );
    assert.equal(verdict({ ...base, steps: [], finalStage: '' }), 'dropped: no parser node is loaded');
  });

  it('sums up several lines', () => {
    const totals = { lines: 3, parsed: 1, whitelisted: 1, dropped: new Map([['s01-parse', 2]]), rejected: 1 };
    assert.equal(
      renderTotals(totals),
      '3 lines: 1 parsed (1 whitelisted), 2 dropped (s01-parse: 2), 1 rejected by the reader (too long)\n',
    );
  });
});

describe('palisade explain on a small hub', () => {
  it('explains a file: parsed, whitelisted, dropped at s01-parse and at s00-raw', async () => {
    const hub = demoHub();
    const log = join(hub, 'demo.log');
    writeFileSync(log, 'app: user bob from 1.2.3.4\r\napp: user eve from 10.0.0.1\nother: x\n\nnonsense');
    const r = await runExplain(['--type', 'demo', '--file', log, '--hub', hub]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    // The grok label is the engine's wording: only its presence is checked here.
    assert.equal(
      r.stdout.replace(/\(grok .+ did not match\)/, '(grok … did not match)'),
      [
        'line 1: app: user bob from 1.2.3.4',
        '  s00-raw',
        '    ✓ me/raw',
        '        + Parsed.message = user bob from 1.2.3.4',
        '        + Parsed.program = app',
        `        + Meta.source_file = ${log}`,
        '  s01-parse',
        '    ✓ me/app',
        '        + Parsed.ip = 1.2.3.4',
        '        + Parsed.user = bob',
        '        + Meta.source_ip = 1.2.3.4',
        '  s02-enrich',
        '    ✓ me/wl',
        '  => parsed',
        'line 2: app: user eve from 10.0.0.1',
        '  s00-raw',
        '    ✓ me/raw',
        '        + Parsed.message = user eve from 10.0.0.1',
        '        + Parsed.program = app',
        `        + Meta.source_file = ${log}`,
        '  s01-parse',
        '    ✓ me/app',
        '        + Parsed.ip = 10.0.0.1',
        '        + Parsed.user = eve',
        '        + Meta.source_ip = 10.0.0.1',
        '  s02-enrich',
        '    ✓ me/wl',
        '        + Whitelisted = true',
        '        + WhitelistReason = internal address',
        '  => parsed, but whitelisted (internal address): not poured',
        'line 3: other: x',
        '  s00-raw',
        '    ✓ me/raw',
        '        + Parsed.message = x',
        '        + Parsed.program = other',
        `        + Meta.source_file = ${log}`,
        '  s01-parse',
        '    ✓ me/other',
        '        + Meta.kind = other',
        '    · 1 other node did not apply (filter false)',
        '  => dropped at stage s01-parse: no successful node moved it to the next stage (onsuccess: next_stage)',
        'line 4: nonsense',
        '  s00-raw',
        '    ✗ me/raw  (grok … did not match)',
        '  => dropped at stage s00-raw: no node succeeded',
        '4 lines: 2 parsed (1 whitelisted), 2 dropped (s01-parse: 1, s00-raw: 1)',
        '',
      ].join('\n'),
    );
  });

  it('reads standard input with --file - and selects parsers by name', async () => {
    const hub = demoHub();
    async function* stdin(): AsyncGenerator<string> {
      yield 'app: user bob from 1.2.3.4\n';
    }
    const r = await runExplain(['--type', 'demo', '--file', '-', '--hub', hub, '--parsers', 'me/raw'], {
      stdin: stdin(),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^line 1: app: user bob from 1\.2\.3\.4\n {2}s00-raw\n {4}✓ me\/raw\n/);
    assert.match(r.stdout, /\+ Meta\.source_file = stdin\n {2}=> parsed\n$/);
  });

  it('passes --labels to the events (a parser filter can see them)', async () => {
    const hub = demoHub();
    const r = await runExplain([
      '--type',
      'other',
      '--labels',
      'type:ignored',
      '--log',
      'app: x',
      '--hub',
      hub,
    ]);
    // `--type` wins over a `type` label, so the demo parser's filter fails.
    assert.match(r.stdout, /=> dropped at stage s00-raw: no node succeeded/);
  });

  it('rejects bad input with one line naming the flag and exit code 2', async () => {
    const hub = demoHub();
    const cases: [string[], string][] = [
      [['--type', 'demo', '--hub', hub], 'error: give exactly one of --file or --log\n'],
      [
        ['--log', 'x', '--hub', hub],
        'error: --type is required: the log type of the lines (e.g. syslog), as the `type` label\n',
      ],
      [['--type', 'demo', '--log', 'x'], 'error: --hub is required: the hub directory holding the parsers\n'],
      [
        ['--type', 'demo', '--log', 'x', '--hub', join(hub, 'nope')],
        `error: --hub: directory not found: ${join(hub, 'nope')}\n`,
      ],
      [
        ['--type', 'demo', '--log', 'x', '--hub', hub, '--labels', 'program'],
        "error: --labels: 'program' is not a label: expected key:value\n",
      ],
      [
        ['--type', 'demo', '--file', join(hub, 'missing.log'), '--hub', hub],
        `error: --file: ${join(hub, 'missing.log')}: no such file\n`,
      ],
      [
        ['--type', 'demo', '--log', 'x', '--hub', hub, '--parsers', 'me/none'],
        `error: --parsers: no parser named 'me/none' in ${hub}\n`,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runExplain(args);
      assert.deepEqual([r.code, r.stderr, r.stdout], [2, message, ''], args.join(' '));
    }
  });
});

describe('palisade explain on the real hub', { skip: NO_HUB }, () => {
  it('shows an sshd failed-password line going through s00-raw, s01-parse and s02-enrich', async () => {
    const io = capture();
    const code = await main(
      ['node', 'palisade', 'explain', '--type', 'syslog', '--log', SSHD_LINE, '--hub', REAL_HUB],
      io,
    );
    assert.equal(code, 0, io.stderr);
    const out = io.stdout;
    assert.ok(out.startsWith(`line 1: ${SSHD_LINE}\n  s00-raw\n`), out);
    const expectedInOrder = [
      '    ✓ crowdsecurity/syslog-logs',
      '        + Parsed.message = Failed password for root from 1.2.3.4 port 53502 ssh2',
      '        + Parsed.pid = 16378',
      '        + Parsed.program = sshd',
      '        + Meta.machine = sd-126005',
      '  s01-parse',
      '    ✓ crowdsecurity/sshd-logs',
      '        + Parsed.sshd_client_ip = 1.2.3.4',
      '        + Parsed.sshd_invalid_user = root',
      '        + Meta.source_ip = 1.2.3.4',
      '        + Meta.target_user = root',
      '  s02-enrich',
      '    ✓ crowdsecurity/dateparse-enrich',
      '  => parsed',
    ];
    let from = 0;
    for (const line of expectedInOrder) {
      const at = out.indexOf(`${line}\n`, from);
      assert.ok(at >= from, `missing or out of order: ${line}\n---\n${out}`);
      from = at + line.length;
    }
    assert.match(out, /\n {8}\+ Meta\.timestamp = \d{4}-02-12T14:10:21Z\n/);
  });

  it('exits 2 with one line from the real binary when the file is missing', () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'explain', '--type', 'syslog', '--file', '/nonexistent/palisade.log', '--hub', REAL_HUB],
      { encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'error: --file: /nonexistent/palisade.log: no such file\n');
  });
});
