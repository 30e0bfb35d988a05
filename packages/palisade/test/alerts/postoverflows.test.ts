import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertsToSend, OverflowOutput } from '../../src/alerts/index.ts';
import { Alert, AlertSource, EVENT_OVERFLOW, type Event, newEvent } from '../../src/event/index.ts';
import { loadParserSet, type ParserSet } from '../../src/parser/index.ts';

/** An overflow event of `scenario` with one source per value. */
function overflow(scenario: string, values: string[], reprocess = false): Event {
  const evt = newEvent({ type: EVENT_OVERFLOW });
  const alert = new Alert();
  alert.Scenario = scenario;
  for (const v of values) {
    const src = new AlertSource();
    src.Scope = 'Ip';
    src.Value = v;
    src.IP = v;
    evt.Overflow.Sources[v] = src;
  }
  alert.Source = Object.assign(new AlertSource(), evt.Overflow.Sources[values[0] ?? ''] ?? {});
  evt.Overflow.Alert = alert;
  evt.Overflow.APIAlerts = [alert];
  evt.Overflow.Reprocess = reprocess;
  evt.Overflow.Mapkey = 'k';
  return evt;
}

function postoverflows(documents: { stage: string; yaml: string }[]): ParserSet {
  const { set, errors } = loadParserSet({
    kind: 'postoverflows',
    items: [],
    extraDocuments: documents.map((d, i) => ({ ...d, path: `postoverflows/${d.stage}/me/po${i}.yaml` })),
    dataDir: '/nonexistent',
  });
  assert.deepEqual(errors, []);
  return set;
}

const WHITELIST = {
  stage: 's01-whitelist',
  yaml: `name: me/wl
description: test whitelist
whitelist:
  reason: trusted
  ip: ["10.0.0.1"]
`,
};

/** A first-stage node that only handles scope Ip (like crowdsecurity/rdns). */
const IP_ONLY_ENRICH = {
  stage: 's00-enrich',
  yaml: `onsuccess: next_stage
name: me/ip-only
description: ip only
filter: evt.Overflow.Alert.GetScope() == 'Ip'
statics:
  - meta: enriched
    value: "yes"
`,
};

describe('OverflowOutput', () => {
  it('ignores bucket clean-up signals', () => {
    const evt = newEvent({ type: EVENT_OVERFLOW });
    evt.Overflow.Mapkey = 'abc';
    assert.deepEqual(new OverflowOutput(null).process(evt), { kind: 'cleanup' });
  });

  it('sends an overflow without postoverflows as its alert', () => {
    const evt = overflow('s/a', ['1.2.3.4']);
    const out = new OverflowOutput(null).process(evt);
    assert.equal(out.kind, 'alert');
    assert.ok(out.kind === 'alert');
    assert.deepEqual(out.alerts, [evt.Overflow.Alert]);
    assert.equal(out.reprocess, false);
  });

  it('drops an overflow a postoverflow whitelists (kept for dumps)', () => {
    const output = new OverflowOutput(postoverflows([WHITELIST]));
    const evt = overflow('s/a', ['10.0.0.1']);
    const out = output.process(evt);
    assert.equal(out.kind, 'whitelisted');
    assert.equal(evt.Overflow.Whitelisted, true);
    assert.equal(evt.WhitelistReason, 'trusted');
    assert.equal(output.process(overflow('s/a', ['10.0.0.2'])).kind, 'alert');
  });

  it('sends reprocessed overflows too, flagged for pouring again', () => {
    const out = new OverflowOutput(null).process(overflow('s/a', ['1.2.3.4'], true));
    assert.ok(out.kind === 'alert');
    assert.equal(out.reprocess, true);
    assert.equal(out.alerts.length, 1);
  });

  it('does not reprocess a whitelisted overflow', () => {
    const out = new OverflowOutput(postoverflows([WHITELIST])).process(overflow('s/a', ['10.0.0.1'], true));
    assert.equal(out.kind, 'whitelisted');
  });

  it('applies the stage-abort rule: a failed first stage skips the whitelist stage', () => {
    const output = new OverflowOutput(postoverflows([IP_ONLY_ENRICH, WHITELIST]));
    const ip = overflow('s/a', ['10.0.0.1']);
    assert.equal(output.process(ip).kind, 'whitelisted');
    assert.equal(ip.Meta.enriched, 'yes');
    const range = overflow('s/a', ['10.0.0.1']);
    (range.Overflow.Alert as Alert).Source.Scope = 'Range';
    assert.equal(output.process(range).kind, 'alert', 'the Range overflow never reached s01-whitelist');
  });
});

describe('alertsToSend', () => {
  it('sends the Alert itself for one source, as postoverflows left it', () => {
    const evt = overflow('s/a', ['2001:db8::1']);
    (evt.Overflow.Alert as Alert).Source.Value = '2001:db8::/64';
    const [only] = alertsToSend(evt);
    assert.equal(only, evt.Overflow.Alert);
    assert.equal(only?.Source.Value, '2001:db8::/64');
  });

  it('sends one copy per source for several sources', () => {
    const evt = overflow('s/multi', ['1.1.1.1', '2.2.2.2']);
    const alerts = alertsToSend(evt);
    assert.deepEqual(
      alerts.map((a) => a.Source.Value),
      ['1.1.1.1', '2.2.2.2'],
    );
    assert.ok(alerts.every((a) => a.Scenario === 's/multi' && a instanceof Alert));
    assert.notEqual(alerts[0], evt.Overflow.Alert);
    assert.equal(alerts[0]?.GetValue(), '1.1.1.1', 'the copies keep the Go methods');
  });
});
