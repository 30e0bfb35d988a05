import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Alert, AlertSource, EVENT_OVERFLOW, newEvent } from '../../src/event/index.ts';
import { GoTime } from '../../src/expr/values/time.ts';
import { cloneEvent, loadParserSet } from '../../src/parser/index.ts';

const doc = (stage: string, path: string, yaml: string) => ({ stage, path, yaml });

function load(
  docs: { stage: string; path: string; yaml: string }[],
  kind: 'parsers' | 'postoverflows' = 'parsers',
) {
  const { set, errors } = loadParserSet({ kind, items: [], extraDocuments: docs, dataDir: '/nonexistent' });
  assert.deepEqual(
    errors.map((e) => e.format()),
    [],
  );
  return set;
}

describe('loadParserSet', () => {
  it('orders documents by stage, then file name, whatever the input order', () => {
    const set = load([
      doc('s02-b', 'x/s02-b/a.yaml', 'name: c\nstatics: [{meta: c, value: "1"}]'),
      doc('s01-a', 'x/s01-a/z.yaml', 'name: b\nonsuccess: next_stage\nstatics: [{meta: b, value: "1"}]'),
      doc('s01-a', 'y/s01-a/a.yaml', 'name: a\nstatics: [{meta: a, value: "1"}]'),
    ]);
    assert.deepEqual(set.stages, ['s01-a', 's02-b']);
    const seen: string[] = [];
    const evt = newEvent();
    assert.equal(set.parse(evt, { node: (s, n) => seen.push(`${s}/${n}`) }), true);
    assert.deepEqual(seen, ['s01-a/a', 's01-a/b', 's02-b/c']);
  });

  it('reports an invalid YAML item with file:line and loads the others', () => {
    const { set, errors } = loadParserSet({
      kind: 'parsers',
      items: [],
      extraDocuments: [
        doc('s01', 'p/s01/bad.yaml', 'name: bad\nfilter: [unclosed\n'),
        doc('s01', 'p/s01/good.yaml', 'name: good\nstatics: [{meta: a, value: b}]'),
      ],
      dataDir: '/nonexistent',
    });
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.format(), /^p\/s01\/bad\.yaml:\d+: invalid YAML/);
    const evt = newEvent();
    assert.equal(set.parse(evt), true);
    assert.equal(evt.Meta.a, 'b');
  });

  it('a static with a refused result type aborts the event; the node is recorded as failed', () => {
    const set = load([
      doc('s01', 'p/s01/a.yaml', 'name: a\nstatics: [{meta: x, expression: "1 == 1"}]'),
      doc('s01', 'p/s01/b.yaml', 'name: b\nstatics: [{meta: y, value: "1"}]'),
    ]);
    const seen: string[] = [];
    const evt = newEvent();
    assert.equal(set.parse(evt, { node: (s, n, _e, ok) => seen.push(`${s}/${n}=${ok}`) }), false);
    assert.equal(evt.Process, false);
    assert.deepEqual(seen, ['s01/a=false']);
    // the set is usable again afterwards
    assert.equal(set.parse(newEvent()), false);
  });

  it('sets Time when zero and keeps it otherwise', () => {
    const set = load([doc('s01', 'p/s01/a.yaml', 'name: a\nstatics: [{meta: a, value: "1"}]')]);
    const evt = newEvent();
    set.parse(evt);
    assert.equal(evt.Time.IsZero(), false);
    const t = GoTime.fromUnix(1000);
    const evt2 = newEvent();
    evt2.Time = t;
    set.parse(evt2);
    assert.equal(evt2.Time, t);
  });

  it('a child with next_stage moves the event from its current stage, and the stage loop stops', () => {
    const set = load([
      doc(
        's01',
        'p/s01/a.yaml',
        'name: parent\nnodes:\n  - onsuccess: next_stage\n    statics: [{meta: child, value: "1"}]\n',
      ),
      doc('s01', 'p/s01/b.yaml', 'name: never\nstatics: [{meta: never, value: "1"}]'),
      doc('s02', 'p/s02/a.yaml', 'name: last\nstatics: [{meta: last, value: "1"}]'),
    ]);
    const seen: string[] = [];
    const evt = newEvent();
    assert.equal(set.parse(evt, { node: (s, n, _e, ok) => seen.push(`${s}/${n}=${ok}`) }), true);
    assert.deepEqual(seen, ['s01/parent=true', 's02/last=true']);
    assert.equal(evt.Meta.never, undefined);
  });

  it('counts hits, successes and run-time expression errors per node', () => {
    const set = load([
      doc(
        's01',
        'p/s01/a.yaml',
        'name: a\nfilter: "evt.Line.Raw != \'skip\'"\nstatics:\n  - meta: x\n    expression: "evt.Unmarshaled.a.b.c"\n',
      ),
    ]);
    for (const raw of ['one', 'skip', 'two']) {
      const evt = newEvent();
      evt.Line.Raw = raw;
      set.parse(evt);
    }
    assert.deepEqual({ ...set.counters().get('s01/a') }, { hits: 2, ok: 2, exprErrors: 2 });
  });

  it('reports details for explain', () => {
    const set = load([
      doc(
        's01',
        'p/s01/a.yaml',
        "name: a\nonsuccess: next_stage\ngrok:\n  pattern: '%{INT:n}'\n  apply_on: Line.Raw\nstatics: [{meta: n, expression: evt.Parsed.n}]",
      ),
    ]);
    const details: string[] = [];
    const evt = newEvent();
    evt.Line.Raw = 'x 42';
    set.parse(evt, { node() {}, detail: (s, path, what) => details.push(`${s} ${path.join('>')}: ${what}`) });
    assert.ok(
      details.some((d) => d.startsWith('s01 a: grok') && d.includes('matched')),
      details.join('\n'),
    );
    assert.ok(details.includes('s01 a: static meta n = "42"'), details.join('\n'));
  });

  it('names unnamed children child-<parent> in detail paths', () => {
    const set = load([
      doc(
        's01',
        'p/s01/a.yaml',
        'name: top\nnodes:\n  - filter: "false"\n    statics: [{meta: a, value: b}]',
      ),
    ]);
    const paths: string[] = [];
    set.parse(newEvent(), { node() {}, detail: (_s, path) => paths.push(path.join('>')) });
    assert.ok(paths.includes('top>child-top'), paths.join(','));
  });
});

describe('cloneEvent', () => {
  it('copies maps, model objects and shared references, keeping prototypes', () => {
    const evt = newEvent({ type: EVENT_OVERFLOW });
    evt.Meta.a = '1';
    evt.Unmarshaled.obj = { list: [1, { x: 'y' }] };
    const alert = new Alert();
    evt.Overflow.APIAlerts = [alert];
    evt.Overflow.Alert = alert;
    evt.Overflow.Sources['1.2.3.4'] = new AlertSource();
    evt.Time = GoTime.fromUnix(5);
    const copy = cloneEvent(evt);
    evt.Meta.a = '2';
    (evt.Unmarshaled.obj as { list: unknown[] }).list.push(3);
    alert.Scenario = 'changed';
    assert.equal(copy.Meta.a, '1');
    assert.equal(Object.getPrototypeOf(copy.Meta), null);
    assert.deepEqual((copy.Unmarshaled.obj as { list: unknown[] }).list, [1, { x: 'y' }]);
    assert.equal(copy.Overflow.Alert?.Scenario, '');
    assert.equal(copy.Overflow.Alert, copy.Overflow.APIAlerts[0]);
    assert.ok(copy.Overflow.Sources['1.2.3.4'] instanceof AlertSource);
    assert.equal(copy.GetType(), 'overflow');
    assert.equal(copy.Time.Unix(), 5);
  });
});
