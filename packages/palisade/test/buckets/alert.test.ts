import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { truncateContext } from '../../src/buckets/alert-context.ts';
import { EVENT_OVERFLOW } from '../../src/event/index.ts';
import { GoTime } from '../../src/expr/values/time.ts';
import { at, loadInline, logEvent, pourAll } from './harness.ts';

const withScope = (scope: string, extra = '') => `
type: leaky
name: test/scope
description: d
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
capacity: 1
leakspeed: 10s
${scope}
${extra}`;

const two = (meta: Record<string, string> = {}, enriched: Record<string, string> = {}) => [
  logEvent({ time: at(0), meta: { log_type: 'test', source_ip: '1.2.3.4', ...meta }, enriched }),
  logEvent({ time: at(1), meta: { log_type: 'test', source_ip: '1.2.3.4', ...meta }, enriched }),
];

describe('alert sources (scope)', () => {
  it('Ip: source from Meta.source_ip with the enrichment of the event', () => {
    const { set } = loadInline(withScope(''));
    const out = pourAll(
      set,
      two(
        { SourceRange: '1.2.3.4/24' },
        { ASNumber: '4242', IsoCode: 'FR', ASNOrg: 'Crowdsec', Latitude: '48.85', Longitude: '2.35' },
      ),
    );
    const src = out[0]!.evt.Overflow.Sources['1.2.3.4']!;
    assert.equal(src.IP, '1.2.3.4');
    assert.equal(src.Scope, 'Ip');
    assert.equal(src.Value, '1.2.3.4');
    assert.equal(src.AsNumber, '4242');
    assert.equal(src.Cn, 'FR');
    assert.equal(src.AsName, 'Crowdsec');
    assert.equal(src.Range, '1.2.3.0/24');
    assert.equal(src.Latitude, Math.fround(48.85));
    assert.equal(src.Longitude, Math.fround(2.35));
    const alert = out[0]!.evt.Overflow.Alert!;
    assert.equal(alert.Source.IP, '1.2.3.4');
    assert.equal(alert.GetScope(), 'Ip');
  });

  it('ASNNumber is the fallback of ASNumber', () => {
    const { set } = loadInline(withScope(''));
    const out = pourAll(set, two({}, { ASNNumber: '13335' }));
    assert.equal(out[0]!.evt.Overflow.Alert!.Source.AsNumber, '13335');
  });

  it('Range: the normalized Meta.SourceRange', () => {
    const { set } = loadInline(withScope('scope:\n  type: Range'));
    const out = pourAll(set, two({ SourceRange: '1.2.3.77/24' }));
    assert.deepEqual(out[0]!.evt.Overflow.GetSources(), ['1.2.3.0/24']);
    const a = out[0]!.evt.Overflow.Alert!;
    assert.equal(a.Source.Scope, 'Range');
    assert.equal(a.Source.IP, '1.2.3.4');
    assert.match(a.Message, /^Range 1\.2\.3\.0\/24 performed/);
  });

  it('Range: the scope expression wins', () => {
    const { set } = loadInline(withScope("scope:\n  type: Range\n  expression: evt.Meta.source_ip + '/32'"));
    const out = pourAll(set, two());
    assert.deepEqual(out[0]!.evt.Overflow.GetSources(), ['1.2.3.4/32']);
  });

  it('an invalid SourceRange gives no alert', () => {
    const { set, warnings } = loadInline(withScope(''));
    const out = pourAll(set, two({ SourceRange: 'nope' }));
    assert.equal(out.length, 0);
    assert.ok(warnings.some((w) => w.includes("declared range nope of 1.2.3.4 can't be parsed")));
  });

  it('Ip without a valid source_ip gives no alert', () => {
    const { set } = loadInline(withScope('').replace('groupby: evt.Meta.source_ip', ''));
    const events = [0, 1].map((s) => logEvent({ time: at(s), meta: { log_type: 'test', source_ip: 'x' } }));
    assert.equal(pourAll(set, events).length, 0);
  });

  it('custom scope: only scope and value, from the expression', () => {
    const { set } = loadInline(withScope('scope:\n  type: pid\n  expression: evt.Meta.pid'));
    const out = pourAll(set, two({ pid: '42' }));
    const a = out[0]!.evt.Overflow.Alert!;
    assert.equal(a.Source.Scope, 'pid');
    assert.equal(a.Source.Value, '42');
    assert.equal(a.Source.IP, '');
    assert.equal(
      a.Message,
      "pid 42 performed 'test/scope' (2 events over 1s) at 2026-01-01 10:00:01 +0000 UTC",
    );
  });

  it('several sources: "N sources" and one API alert per source', () => {
    const { set } = loadInline(withScope('').replace('groupby: evt.Meta.source_ip', ''));
    const events = ['1.1.1.1', '2.2.2.2'].map((ip, i) =>
      logEvent({ time: at(i), meta: { log_type: 'test', source_ip: ip } }),
    );
    const out = pourAll(set, events);
    const rt = out[0]!.evt.Overflow;
    assert.deepEqual(rt.GetSources(), ['1.1.1.1', '2.2.2.2']);
    assert.equal(rt.APIAlerts.length, 2);
    assert.equal(rt.Alert, rt.APIAlerts[0]);
    assert.match(rt.Alert!.Message, /^Ip 2 sources performed/);
  });

  it('Alert.Source shares scope and value with its Sources entry (the Go aliasing)', () => {
    const { set } = loadInline(withScope(''));
    const rt = pourAll(set, two())[0]!.evt.Overflow;
    rt.Alert!.Source.Value = '1.2.3.0/24';
    rt.Alert!.Source.Scope = 'Range';
    const entry = rt.Sources['1.2.3.4']!;
    assert.equal(entry.GetValue(), '1.2.3.0/24');
    assert.equal(entry.GetScope(), 'Range');
    assert.equal(entry.IP, '1.2.3.4', 'the key and the IP stay');
    assert.deepEqual(Object.keys(entry), Object.keys(rt.Alert!.Source));
  });
});

describe('alert content', () => {
  it('events carry their meta sorted by key and their timestamp', () => {
    const { set } = loadInline(withScope(''));
    const out = pourAll(set, two({ zz: '1', aa: '2' }));
    const e = out[0]!.evt.Overflow.Alert!.Events[0]!;
    assert.deepEqual(
      e.Meta.map((m) => m.Key),
      ['aa', 'log_type', 'source_ip', 'zz'],
    );
    assert.equal(e.Timestamp, at(0));
    assert.equal(out[0]!.evt.GetMeta('aa'), '2');
  });

  it('an event without MarshaledTime uses its Time; with neither, no alert is produced', () => {
    const live = () =>
      two().map((e) => {
        e.ExpectMode = 0;
        e.MarshaledTime = '';
        return e;
      });
    const first = loadInline(withScope(''));
    const out = pourAll(first.set, live());
    assert.equal(out[0]!.evt.Overflow.Alert!.Events[0]!.Timestamp, at(0));

    const second = loadInline(withScope(''));
    const untimed = live().map((e) => {
      e.Time = GoTime.zero();
      return e;
    });
    assert.equal(pourAll(second.set, untimed).length, 0);
    assert.ok(second.warnings.some((w) => w.includes('no timestamp')));
  });

  it('the overflow event is an OVFLW event timestamped at the overflow, in live expect mode', () => {
    const { set } = loadInline(withScope('', 'reprocess: true'));
    const evt = pourAll(set, two())[0]!.evt;
    assert.equal(evt.Type, EVENT_OVERFLOW);
    assert.equal(evt.ExpectMode, 0);
    assert.equal(evt.MarshaledTime, at(1));
    assert.equal(evt.Overflow.Reprocess, true);
  });

  it('alert context: distinct non-empty values per key, JSON lists, keys sorted', () => {
    const context = `context:
  user:
    - evt.Meta.user
  method:
    - evt.Meta.method
    - evt.Meta.none
`;
    const { set, errors } = loadInline(withScope(''), { contextYaml: context });
    assert.deepEqual(errors, []);
    const events = [0, 1].map((s) =>
      logEvent({
        time: at(s),
        meta: { log_type: 'test', source_ip: '1.2.3.4', user: s === 0 ? 'a<b' : 'c', method: 'GET' },
      }),
    );
    const meta = pourAll(set, events)[0]!.evt.Overflow.Alert!.Meta;
    assert.deepEqual(meta, [
      { Key: 'method', Value: '["GET"]' },
      { Key: 'user', Value: '["a\\u003cb","c"]' },
    ]);
  });

  it('truncates a context value to the byte limit like Go', () => {
    assert.equal(truncateContext(['aaaa', 'bbbb', 'cccc'], 14), '["aaaa"]');
    assert.equal(truncateContext(['abcdefghij'], 10), '["abc..."]');
    assert.equal(truncateContext(['ok'], 4000), '["ok"]');
  });
});
