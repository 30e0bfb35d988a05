import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadScenarioSet, type ScenarioItemFile } from '../../src/buckets/index.ts';
import type { Event } from '../../src/event/index.ts';
import { at, ipEvent, loadInline, logEvent } from './harness.ts';

/** Writes each (name → yaml) as an item file. */
function items(files: Record<string, string>): ScenarioItemFile[] {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-pour-'));
  return Object.entries(files).map(([name, yaml]) => {
    const absPath = join(dir, `${name.replace('/', '_')}.yaml`);
    writeFileSync(absPath, yaml);
    return { name, path: `scenarios/${name}.yaml`, absPath };
  });
}

const trigger = (name: string, filter: string, extra = '') => `
type: trigger
name: ${name}
description: d
filter: ${JSON.stringify(filter)}
${extra}`;

describe('pouring over scenarios', () => {
  it('orders scenarios by item name, then document order', () => {
    const { set } = loadScenarioSet({
      dataDir: '/nonexistent',
      items: items({
        'b/two': trigger('b/two', 'true'),
        'a/one': `${trigger('a/one-x', 'true')}\n---\n${trigger('a/one-y', 'true')}`,
      }),
    });
    assert.deepEqual(
      set.scenarios.map((s) => s.name),
      ['a/one-x', 'a/one-y', 'b/two'],
    );
  });

  it('a filter error stops pouring the event into this and every later scenario', () => {
    const { set } = loadScenarioSet({
      dataDir: '/nonexistent',
      items: items({
        'a/first': trigger('a/first', "evt.Meta.log_type == 'test'"),
        'b/broken': trigger('b/broken', "evt.Unmarshaled.x.y == 'z'"),
        'c/last': trigger('c/last', "evt.Meta.log_type == 'test'"),
      }),
    });
    const out = set.pour(ipEvent('1.2.3.4', 0));
    assert.deepEqual(
      out.map((o) => o.Overflow.Alert!.Scenario),
      ['a/first'],
    );
    assert.equal(set.stats().scenarios['b/broken']!.exprErrors, 1);
    assert.equal(set.stats().scenarios['c/last']!.poured, 0);
  });

  it('a groupby error aborts the same way', () => {
    const { set } = loadScenarioSet({
      dataDir: '/nonexistent',
      items: items({
        'a/broken': trigger('a/broken', 'true', 'groupby: evt.Unmarshaled.x.y'),
        'b/last': trigger('b/last', 'true'),
      }),
    });
    assert.equal(set.pour(ipEvent('1.2.3.4', 0)).length, 0);
  });

  it('reports a bad item with file:line and loads the others', () => {
    const { set, errors } = loadScenarioSet({
      dataDir: '/nonexistent',
      items: items({
        'a/bad': trigger('a/bad', 'evt.Meta.x +'),
        'b/unknown': 'type: trigger\nname: b/unknown\ndescription: d\nfilter: "true"\ngroup_by: x\n',
        'c/good': trigger('c/good', 'true'),
      }),
    });
    const text = errors.map((e) => e.format());
    assert.equal(text.length, 2, text.join('\n'));
    assert.match(text[0]!, /^scenarios\/a\/bad\.yaml:5: filter: /);
    assert.match(text[1]!, /^scenarios\/b\/unknown\.yaml:5: unknown key "group_by" in scenario/);
    assert.deepEqual(
      set.scenarios.map((s) => s.name),
      ['c/good'],
    );
  });

  it('compiles conditions against evt, queue and leaky, and rejects unknown fields at load', () => {
    const { errors } = loadInline(`
type: conditional
name: test/c
description: d
filter: "true"
capacity: -1
leakspeed: 10s
condition: leaky.Nope > 1
`);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.format(), /scenario\.yaml:8: condition: .*Nope/);
  });

  it('traces every event handed to a bucket', () => {
    const { set } = loadInline(trigger('test/t', "evt.Meta.log_type == 'test'"));
    const seen: string[] = [];
    set.pour(ipEvent('1.2.3.4', 0), { poured: (name) => seen.push(name) });
    set.pour(logEvent({ time: at(1), meta: { log_type: 'other' } }), { poured: (name) => seen.push(name) });
    assert.deepEqual(seen, ['test/t']);
  });

  it('reprocess: an overflow poured again feeds a scenario on overflows (Range from Ip sources)', () => {
    const first = `
type: leaky
name: test/ip
description: d
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
capacity: 1
leakspeed: 10s
reprocess: true
labels:
  remediation: true
`;
    const second = `
type: leaky
name: test/range
description: d
filter: "evt.GetType() == 'overflow' && evt.Overflow.Alert.Remediation == true"
groupby: evt.Overflow.Alert.Source.Range
distinct: evt.Overflow.Alert.Source.IP
capacity: 1
leakspeed: 1m
scope:
  type: Range
`;
    const { set, errors } = loadScenarioSet({
      dataDir: '/nonexistent',
      items: items({ 'a/ip': first, 'b/range': second }),
    });
    assert.deepEqual(errors, []);
    const queue: Event[] = [];
    const alerts: Event[] = [];
    const feed = (e: Event) => {
      for (const o of set.pour(e)) {
        alerts.push(o);
        if (o.Overflow.Reprocess) queue.push(o);
      }
      while (queue.length > 0) feed(queue.shift() as Event);
    };
    for (const [ip, s] of [
      ['1.2.3.4', 0],
      ['1.2.3.4', 1],
      ['1.2.3.9', 2],
      ['1.2.3.9', 3],
    ] as const) {
      feed(ipEvent(ip, s, { SourceRange: '1.2.3.0/24' }));
    }
    assert.deepEqual(
      alerts.map((a) => a.Overflow.Alert!.Scenario),
      ['test/ip', 'test/ip', 'test/range'],
    );
    const range = alerts[2]!.Overflow;
    assert.deepEqual(range.GetSources(), ['1.2.3.0/24']);
    assert.equal(range.Alert!.Source.Scope, 'Range');
    assert.equal(range.Alert!.Source.Range, '1.2.3.0/24');
    assert.equal(range.Alert!.EventsCount, 2);
    assert.deepEqual(range.Alert!.Events, [], 'overflow events carry no Meta');
  });

  it('lets a filter mutate the event (SetMeta), as hub scenarios do', () => {
    const { set } = loadInline(trigger('test/t', 'evt.SetMeta("x", "y")'));
    const evt = ipEvent('1.2.3.4', 0);
    assert.equal(set.pour(evt).length, 1);
    assert.equal(evt.Meta.x, 'y');
  });
});
