import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertToApiJson, decisionToApiJson, float32Json } from '../../src/alerts/index.ts';
import { Alert, AlertDecision, AlertEvent } from '../../src/event/index.ts';

function sshAlert(): Alert {
  const a = new Alert();
  a.Capacity = 5;
  a.EventsCount = 6;
  a.Leakspeed = '10s';
  a.Message =
    "Ip 1.2.3.4 performed 'crowdsecurity/ssh-bf' (6 events over 1s) at 2026-02-12 14:10:22 +0000 UTC";
  a.Scenario = 'crowdsecurity/ssh-bf';
  a.ScenarioHash = 'abc';
  a.ScenarioVersion = '0.3';
  a.StartAt = '2026-02-12T14:10:21Z';
  a.StopAt = '2026-02-12T14:10:22Z';
  a.Kind = 'crowdsec';
  a.Remediation = true;
  a.Source.Scope = 'Ip';
  a.Source.Value = '1.2.3.4';
  a.Source.IP = '1.2.3.4';
  a.Source.Cn = 'FR';
  a.Source.Latitude = Math.fround(48.8582);
  const e = new AlertEvent();
  e.Timestamp = '2026-02-12T14:10:21Z';
  e.Meta = [
    { Key: 'service', Value: 'ssh' },
    { Key: 'source_ip', Value: '1.2.3.4' },
  ];
  a.Events = [e];
  return a;
}

describe('alertToApiJson', () => {
  it('uses the LAPI field names, in Go field order', () => {
    const json = alertToApiJson(sshAlert());
    assert.deepEqual(Object.keys(json), [
      'capacity',
      'decisions',
      'events',
      'events_count',
      'kind',
      'labels',
      'leakspeed',
      'message',
      'remediation',
      'scenario',
      'scenario_hash',
      'scenario_version',
      'simulated',
      'source',
      'start_at',
      'stop_at',
    ]);
    assert.deepEqual(json.source, {
      cn: 'FR',
      ip: '1.2.3.4',
      latitude: 48.8582,
      scope: 'Ip',
      value: '1.2.3.4',
    });
    assert.deepEqual(json.events, [
      {
        meta: [
          { key: 'service', value: 'ssh' },
          { key: 'source_ip', value: '1.2.3.4' },
        ],
        timestamp: '2026-02-12T14:10:21Z',
      },
    ]);
    assert.equal(json.events_count, 6);
    assert.equal(json.remediation, true);
  });

  it('leaves out empty omitempty fields, keeps required ones', () => {
    const json = alertToApiJson(new Alert());
    assert.equal('remediation' in json, false);
    assert.equal('meta' in json, false);
    assert.equal('kind' in json, false);
    assert.equal('id' in json, false);
    assert.deepEqual(json.source, { scope: '', value: '' });
    assert.equal(json.simulated, false);
    assert.equal(json.scenario_version, '');
  });

  it('writes alert meta and decisions', () => {
    const a = sshAlert();
    a.Meta = [{ Key: 'target_user', Value: '["root"]' }];
    const d = new AlertDecision();
    d.Type = 'ban';
    d.Duration = '4h';
    d.Origin = 'crowdsec';
    d.Scope = 'Ip';
    d.Value = '1.2.3.4';
    d.Scenario = a.Scenario;
    a.Decisions = [d];
    const json = alertToApiJson(a);
    assert.deepEqual(json.meta, [{ key: 'target_user', value: '["root"]' }]);
    assert.deepEqual(json.decisions, [
      {
        duration: '4h',
        origin: 'crowdsec',
        scenario: 'crowdsecurity/ssh-bf',
        scope: 'Ip',
        type: 'ban',
        value: '1.2.3.4',
      },
    ]);
    d.Simulated = true;
    d.Until = '2026-02-12T18:10:22Z';
    assert.deepEqual(Object.keys(decisionToApiJson(d)), [
      'duration',
      'origin',
      'scenario',
      'scope',
      'simulated',
      'type',
      'until',
      'value',
    ]);
  });

  it('is plain JSON data', () => {
    const text = JSON.stringify(alertToApiJson(sshAlert()));
    assert.equal(JSON.parse(text).scenario, 'crowdsecurity/ssh-bf');
  });
});

describe('float32Json', () => {
  it('prints the shortest decimal of the float32, as Go does', () => {
    assert.equal(float32Json(Math.fround(48.8582)), 48.8582);
    assert.equal(float32Json(Math.fround(2.3522)), 2.3522);
    assert.equal(float32Json(-33.494), -33.494);
    assert.equal(float32Json(0.1), 0.1);
    assert.equal(float32Json(16777217), 16777216);
  });
});
