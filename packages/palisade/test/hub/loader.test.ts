import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ENV_CONDITION, ENV_CONTEXT, ENV_EVT } from '../../src/event/index.ts';
import { listItemFiles, loadHub, siteLine } from '../../src/hub/index.ts';

const MINI = join(import.meta.dirname, 'fixtures', 'mini-hub');
const temps: string[] = [];
after(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A temporary copy of the mini hub, with extra files written into it. */
function miniCopy(extra: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-hub-'));
  temps.push(dir);
  cpSync(MINI, dir, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

describe('loadHub on the mini fixture hub', () => {
  const hub = loadHub(MINI);

  it('lists the items of every type in load order, without errors', () => {
    assert.deepEqual(
      hub.items.map((i) => i.path),
      [
        'parsers/s00-raw/acme/raw-logs.yaml',
        'parsers/s01-parse/acme/app-logs.yaml',
        'parsers/s02-enrich/acme/app-whitelist.yaml',
        'postoverflows/s01-whitelist/acme/po-wl.yaml',
        'scenarios/acme/app-bf.yaml',
        'scenarios/acme/app-cond.yml',
        'contexts/acme/app-ctx.yaml',
      ],
    );
    assert.deepEqual(
      hub.items.flatMap((i) => i.errors.map((e) => e.format())),
      [],
    );
    assert.deepEqual(hub.items[1]!.names, ['acme/app-logs', 'acme/app-other']);
    assert.equal(hub.items[1]!.name, 'acme/app-logs');
    assert.equal(hub.items[1]!.stage, 's01-parse');
  });

  it('extracts every expression site with its kind and environment', () => {
    const kinds = hub.exprSites.map((s) => `${s.item} ${s.path} ${s.kind}`);
    assert.equal(hub.exprSites.length, 22, kinds.join('\n'));
    const byPath = (item: string, path: string) =>
      hub.exprSites.find((s) => s.item === item && s.path === path);
    assert.equal(byPath('acme/app-logs', 'nodes[0].grok.statics[0].expression')?.source, 'evt.Parsed.user');
    assert.equal(byPath('acme/app-logs', 'nodes[0].stash[0].key')?.kind, 'stash.key');
    assert.equal(byPath('acme/app-logs', 'grok.expression')?.kind, 'grok.expression');
    assert.equal(byPath('acme/app-whitelist', 'whitelist.expression[1]')?.kind, 'whitelist.expression');
    assert.equal(byPath('acme/app-user', 'scope.expression')?.source, undefined, 'item name, not doc name');
    assert.equal(byPath('acme/app-bf', 'scope.expression')?.source, 'evt.Meta.user');
    const condition = byPath('acme/app-cond', 'condition')!;
    assert.equal(condition.env, ENV_CONDITION);
    assert.equal(condition.envName, 'ENV_CONDITION');
    assert.equal(byPath('acme/app-cond', 'cancel_on')?.env, ENV_EVT);
    assert.equal(byPath('acme/app-ctx', 'context.host[0]')?.env, ENV_CONTEXT);
    assert.equal(byPath('acme/app-ctx', 'context.host[0]')?.source, "req != nil ? req.Host : ''");
  });

  it('locates values: plain scalars at their line, literal blocks from the next line', () => {
    const filter = hub.exprSites.find((s) => s.item === 'acme/raw-logs' && s.path === 'filter')!;
    assert.deepEqual(filter.where, { file: 'parsers/s00-raw/acme/raw-logs.yaml', line: 1, column: 9 });
    const block = hub.exprSites.find((s) => s.item === 'acme/app-cond' && s.path === 'condition')!;
    assert.equal(block.where.line, 9);
    assert.equal(block.linesMap, true);
    assert.equal(siteLine(block, 2), 10, 'line 2 of the expression is file line 10');
    assert.equal(siteLine(filter, 1), 1);
    const second = hub.exprSites.find((s) => s.item === 'acme/app-logs' && s.path === 'grok.expression')!;
    assert.equal(second.where.line, 34, 'positions in a second document count from the file start');
  });

  it('lists grok sites per host in registration order', () => {
    assert.deepEqual(
      hub.grokSites.map((g) => `${g.host} ${g.kind} ${g.name || g.pattern}`),
      [
        'parsers pattern ^acme: %{GREEDYDATA:message}',
        'parsers syntax ACME_LOGIN',
        'parsers named ACME_LOGIN',
        'parsers pattern logout %{ACME_ID:session}',
        'parsers pattern %{WORD:verb}',
        'postoverflows syntax ACME_PO',
      ],
    );
    assert.equal(hub.grokSites[1]!.pattern, 'login %{ACME_USER:user} from %{IP:src}');
    assert.equal(hub.grokSites[1]!.where.line, 8);
  });
});

describe('loadHub errors', () => {
  it('reports an unknown key with file, line and key; other items still load', () => {
    const dir = miniCopy({
      'parsers/s01-parse/zed/typo.yaml':
        'name: zed/typo\ndescription: typo\nfilter: "true"\nstatic:\n  - meta: a\n    value: b\n',
    });
    const hub = loadHub(dir);
    const bad = hub.items.find((i) => i.path === 'parsers/s01-parse/zed/typo.yaml')!;
    assert.deepEqual(
      bad.errors.map((e) => e.format()),
      [
        'parsers/s01-parse/zed/typo.yaml:4: unknown key "static" in parser node',
        'parsers/s01-parse/zed/typo.yaml:1: node is empty: it needs a grok, nodes, statics or a whitelist',
      ],
    );
    assert.equal(hub.items.filter((i) => i.errors.length > 0).length, 1);
    assert.equal(hub.exprSites.length, 23, 'the other items and the filter of the bad one are kept');
  });

  it('reports unknown keys nested in statics, grok, whitelist and scenarios', () => {
    const dir = miniCopy({
      'parsers/s02-enrich/zed/nested.yaml':
        'name: zed/nested\ndescription: d\ngrok:\n  pattern: x\n  apply_on: message\n  aply: 1\nstatics:\n  - meta: a\n    valeu: b\n',
      'scenarios/zed/sc.yaml':
        'type: trigger\nname: zed/sc\ndescription: d\nfilter: "true"\ngroup_by: evt.Meta.x\n',
    });
    const hub = loadHub(dir);
    const errs = hub.items.flatMap((i) => i.errors.map((e) => e.format()));
    assert.deepEqual(errs, [
      'parsers/s02-enrich/zed/nested.yaml:6: unknown key "aply" in grok',
      'parsers/s02-enrich/zed/nested.yaml:9: unknown key "valeu" in static',
      'parsers/s02-enrich/zed/nested.yaml:8: static needs "value" or "expression"',
      'scenarios/zed/sc.yaml:5: unknown key "group_by" in scenario',
    ]);
  });

  it('reports an unreadable file (a dangling link) in one line, and loads the rest', () => {
    const dir = miniCopy({});
    mkdirSync(join(dir, 'scenarios/zed'), { recursive: true });
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'scenarios/zed/gone.yaml'));
    const hub = loadHub(dir);
    const bad = hub.items.find((i) => i.name === 'zed/gone')!;
    assert.deepEqual(
      bad.errors.map((e) => e.format()),
      ['scenarios/zed/gone.yaml: cannot read file: ENOENT'],
    );
    assert.equal(hub.exprSites.length, 22);
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = miniCopy({ 'scenarios/zed/broken.yaml': 'type: trigger\nname: [unclosed\n' });
    const bad = loadHub(dir).items.find((i) => i.name === 'zed/broken')!;
    assert.equal(bad.errors.length, 1);
    assert.match(bad.errors[0]!.format(), /^scenarios\/zed\/broken\.yaml:\d+: invalid YAML: /);
  });

  it('applies CrowdSec load-time checks of scenarios', () => {
    const dir = miniCopy({
      'scenarios/zed/checks.yaml': [
        'type: leaky\nname: zed/a\ndescription: d\nfilter: "true"\ncapacity: 0\nleakspeed: 10s\n',
        'type: trigger\nname: zed/b\ndescription: d\nfilter: "true"\nblackhole: 1d\n',
        'type: trigger\nname: zed/c\ndescription: d\nfilter: "true"\nscope:\n  type: user\n',
        'type: trigger\nname: zed/d\ndescription: d\nfilter: "true"\nformat: 9.0\n',
      ].join('---\n'),
    });
    const item = loadHub(dir).items.find((i) => i.name === 'zed/checks')!;
    assert.deepEqual(
      item.errors.map((e) => e.format()),
      [
        'scenarios/zed/checks.yaml:1: scenario "zed/a": bad capacity for leaky: 0',
        'scenarios/zed/checks.yaml:12: scenario "zed/b": blackhole "1d" is not a Go duration',
        'scenarios/zed/checks.yaml:18: scope: an expression is mandatory for the "user" scope',
      ],
    );
    assert.deepEqual(item.names, ['zed/a', 'zed/b', 'zed/c']);
    assert.equal(item.skipped.length, 1);
    assert.match(item.skipped[0]!, /format 9\.0/);
  });

  it('skips a parser document without name, author nor description, as CrowdSec does', () => {
    const dir = miniCopy({
      'parsers/s02-enrich/zed/anon.yaml': 'filter: "true"\nstatics:\n  - meta: a\n    value: b\n',
    });
    const item = loadHub(dir).items.find((i) => i.name === 'zed/anon')!;
    assert.deepEqual(item.errors, []);
    assert.deepEqual(item.names, []);
    assert.equal(item.skipped.length, 1);
  });
});

describe('listItemFiles', () => {
  it('orders parsers by stage, then basename, then path (CrowdSec sorts installed links)', () => {
    const dir = miniCopy({
      'parsers/s01-parse/zz/a-first.yaml': 'name: x\n',
      'parsers/s01-parse/aa/b-second.yaml': 'name: y\n',
    });
    assert.deepEqual(
      listItemFiles(dir, 'parsers').map((f) => f.path),
      [
        'parsers/s00-raw/acme/raw-logs.yaml',
        'parsers/s01-parse/zz/a-first.yaml',
        'parsers/s01-parse/acme/app-logs.yaml',
        'parsers/s01-parse/aa/b-second.yaml',
        'parsers/s02-enrich/acme/app-whitelist.yaml',
      ],
    );
  });
});
