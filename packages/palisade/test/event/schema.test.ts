import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Alert,
  AlertSource,
  ENV_CONDITION,
  ENV_CONTEXT,
  ENV_EVT,
  ENV_OVERFLOW_FILTER,
  ENV_PROFILE,
  EVENT_OVERFLOW,
  EventType,
  type ExprEnv,
  LeakyType,
  newEvent,
  RuntimeAlertType,
} from '../../src/event/index.ts';
import { compile } from '../../src/expr/index.ts';
import { typeName } from '../../src/expr/types.ts';

function check(source: string, env: ExprEnv): void {
  compile(source, { env, functions: [] });
}

describe('Event type schema', () => {
  it('declares the Go fields of pipeline.Event with their Go types', () => {
    const t = EventType.fields;
    assert.equal(typeName(t.Meta!), 'map[string]string');
    assert.equal(typeName(t.Unmarshaled!), 'map[string]interface {}');
    assert.equal(typeName(t.Time!), 'time.Time');
    assert.equal(typeName(t.Overflow!), 'pipeline.RuntimeAlert');
    assert.equal(typeName(RuntimeAlertType.fields.Sources!), 'map[string]models.Source');
    assert.equal(typeName(LeakyType.fields.Leakspeed!), 'time.Duration');
    assert.equal(EventType.fields.WhiteListReason, undefined, 'the old Go spelling is gone');
  });

  const good: [string, ExprEnv][] = [
    ["evt.Meta.log_type == 'ssh_failed-auth'", ENV_EVT],
    ["evt.Line.Labels.type == 'syslog' && evt.Line.Module == 'file'", ENV_EVT],
    ["evt.Overflow.Alert.GetScope() == 'Ip' && evt.Overflow.Alert.Source.Value != ''", ENV_EVT],
    ["evt.Overflow.Alert.Events[0].GetMeta('user') != ''", ENV_EVT],
    ["evt.Overflow.Sources['192.0.2.1'].GetValue() == '192.0.2.1'", ENV_EVT],
    ["evt.Unmarshaled.cloudtrail.eventName == 'x'", ENV_EVT],
    ["evt.SetMeta('a', 'b') && evt.GetType() == 'log'", ENV_EVT],
    ['evt.Time.Hour() > 3', ENV_EVT],
    ["evt.Appsec.GetName() != '' && len(evt.Appsec.GetRuleIDs()) > 0", ENV_EVT],
    [
      "len(queue.Queue) > 2 && leaky.Total_count > 1 && any(queue.Queue, {#.Meta.user == 'x'})",
      ENV_CONDITION,
    ],
    ['leaky.Ovflw_ts.Sub(leaky.First_ts) > leaky.Duration', ENV_CONDITION],
    ["len(signal.GetSources()) > 0 && queue.L > 0 && leaky.Name != ''", ENV_OVERFLOW_FILTER],
    ["Alert.Remediation == true && Alert.GetScope() == 'Ip' && Alert.GetEventsCount() > 2", ENV_PROFILE],
    ["req.Method != '' ? req.UserAgent() : ''", ENV_CONTEXT],
    ["(match.uri != nil && match.internal != true) ? match.uri : ''", ENV_CONTEXT],
  ];
  for (const [source, env] of good) {
    it(`compiles ${source}`, () => {
      assert.doesNotThrow(() => check(source, env));
    });
  }

  const bad: [string, ExprEnv, RegExp][] = [
    ['evt.NoSuchField == 1', ENV_EVT, /NoSuchField/],
    ['evt.Meta.x + 1', ENV_EVT, /mismatched|invalid operation/],
    ['evt.GetMeta()', ENV_EVT, /argument|GetMeta/],
    ['evt.Overflow.Alert.NoMethod()', ENV_EVT, /NoMethod/],
    ['len(queue.Queue) > 0', ENV_EVT, /queue/],
    ['Alert.GetScope()', ENV_EVT, /Alert/],
    ['leaky.NoField > 0', ENV_CONDITION, /NoField/],
  ];
  for (const [source, env, reason] of bad) {
    it(`rejects ${source}`, () => {
      assert.throws(() => check(source, env), reason);
    });
  }
});

describe('run-time Event against its schema', () => {
  it('evaluates filters over a newEvent()', () => {
    const evt = newEvent();
    evt.SetMeta('log_type', 'ssh_failed-auth');
    evt.Line.Labels.type = 'syslog';
    const p = compile(
      "evt.Meta.log_type == 'ssh_failed-auth' && evt.Line.Labels.type == 'syslog' && evt.Parsed.x == ''",
      {
        env: ENV_EVT,
      },
    );
    assert.equal(p.run({ evt }), true);
    const set = compile(
      "evt.SetMeta('seen', 'yes') && evt.GetMeta('seen') == 'yes' && evt.GetType() == 'log'",
      {
        env: ENV_EVT,
      },
    );
    assert.equal(set.run({ evt }), true);
    assert.equal(evt.Meta.seen, 'yes');
    assert.equal(compile('evt.Time.Year()', { env: ENV_EVT }).run({ evt }), 1);
  });

  it('evaluates postoverflow expressions over an overflow event', () => {
    const evt = newEvent({ type: EVENT_OVERFLOW });
    const alert = new Alert();
    alert.Source.Scope = 'Ip';
    alert.Source.Value = '192.0.2.1';
    evt.Overflow.Alert = alert;
    evt.Overflow.APIAlerts = [alert];
    evt.Overflow.Sources['192.0.2.1'] = Object.assign(new AlertSource(), { IP: '192.0.2.1', Scope: 'Ip' });
    const p = compile(
      "evt.Overflow.Alert.GetScope() == 'Ip' && '192.0.2.1' in evt.Overflow.GetSources() && evt.Overflow.Sources['192.0.2.1'].IP == '192.0.2.1'",
      { env: ENV_EVT },
    );
    assert.equal(p.run({ evt }), true);
  });
});
