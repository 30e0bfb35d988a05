import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Alert,
  AlertEvent,
  AlertSource,
  EVENT_APPSEC,
  EVENT_OVERFLOW,
  MODE_TIMEMACHINE,
  newEvent,
} from '../../src/event/index.ts';

describe('newEvent', () => {
  it('creates a LOG event with empty null-prototype maps', () => {
    const evt = newEvent();
    assert.equal(evt.Type, 0);
    assert.equal(evt.ExpectMode, 0);
    assert.equal(evt.Process, false);
    for (const m of [evt.Meta, evt.Parsed, evt.Enriched, evt.Unmarshaled, evt.Line.Labels]) {
      assert.equal(Object.getPrototypeOf(m), null);
      assert.deepEqual(Object.keys(m), []);
    }
    assert.equal(evt.GetMeta('constructor'), '', 'prototype names are not keys');
    assert.equal(evt.GetMeta('__proto__'), '');
  });

  it('honours the type, time-machine and process options', () => {
    const evt = newEvent({ type: EVENT_OVERFLOW, timeMachine: true, process: true });
    assert.equal(evt.Type, EVENT_OVERFLOW);
    assert.equal(evt.ExpectMode, MODE_TIMEMACHINE);
    assert.equal(evt.Process, true);
  });
});

describe('Event methods', () => {
  it('GetType names LOG and OVFLW events, and nothing else', () => {
    assert.equal(newEvent().GetType(), 'log');
    assert.equal(newEvent({ type: EVENT_OVERFLOW }).GetType(), 'overflow');
    assert.equal(newEvent({ type: EVENT_APPSEC }).GetType(), 'unknown');
  });

  it('SetMeta/SetParsed write and return true; GetMeta reads Meta of a LOG event', () => {
    const evt = newEvent();
    assert.equal(evt.SetMeta('source_ip', '192.0.2.1'), true);
    assert.equal(evt.SetParsed('verb', 'GET'), true);
    assert.equal(evt.GetMeta('source_ip'), '192.0.2.1');
    assert.equal(evt.Parsed.verb, 'GET');
    assert.equal(evt.GetMeta('missing'), '');
  });

  it('GetMeta of an overflow reads the first non-empty value among the alert events', () => {
    const evt = newEvent({ type: EVENT_OVERFLOW });
    evt.SetMeta('user', 'ignored for overflows');
    const alert = new Alert();
    const e1 = new AlertEvent();
    e1.Meta = [{ Key: 'user', Value: '' }];
    const e2 = new AlertEvent();
    e2.Meta = [{ Key: 'user', Value: 'bob' }];
    alert.Events = [e1, e2];
    evt.Overflow.APIAlerts = [alert];
    assert.equal(evt.GetMeta('user'), 'bob');
    assert.equal(evt.GetMeta('other'), '');
  });

  it('ParseIPSources keeps only valid IPs', () => {
    const log = newEvent();
    log.SetMeta('source_ip', '2001:db8::1');
    assert.deepEqual(
      log.ParseIPSources().map((a) => [a.String(), a.Is6()]),
      [['2001:db8::1', true]],
    );
    log.SetMeta('source_ip', '1.2.3');
    assert.deepEqual(log.ParseIPSources(), []);
    const ovf = newEvent({ type: EVENT_OVERFLOW });
    ovf.Overflow.Sources['192.0.2.7'] = new AlertSource();
    ovf.Overflow.Sources['not-an-ip'] = new AlertSource();
    assert.deepEqual(
      ovf.ParseIPSources().map((a) => a.String()),
      ['192.0.2.7'],
    );
    assert.deepEqual(ovf.Overflow.GetSources(), ['192.0.2.7', 'not-an-ip']);
  });
});

describe('Alert', () => {
  it('exposes Go accessors over its fields', () => {
    const a = new Alert();
    a.Scenario = 'acme/app-bf';
    a.EventsCount = 6;
    a.Source.Scope = 'Ip';
    a.Source.Value = '192.0.2.1';
    a.Meta = [{ Key: 'target_user', Value: '["root"]' }];
    assert.equal(a.GetScenario(), 'acme/app-bf');
    assert.equal(a.GetEventsCount(), 6);
    assert.equal(a.GetScope(), 'Ip');
    assert.equal(a.GetValue(), '192.0.2.1');
    assert.equal(a.Source.GetValue(), '192.0.2.1');
    assert.equal(a.GetMeta('target_user'), '["root"]');
    assert.equal(a.GetMeta('nope'), '');
  });
});

describe('AppsecEvent', () => {
  it('answers from its matched rules, with zero values for missing fields', () => {
    const evt = newEvent({ type: EVENT_APPSEC });
    assert.equal(evt.Appsec.GetName(), '');
    const rule = Object.assign(Object.create(null), {
      name: 'crs-941',
      id: 941100,
      tags: ['xss'],
      kind: 'crs',
    });
    evt.Appsec.MatchedRules.push(
      rule,
      Object.assign(Object.create(null), { name: 'vp-1', id: 7, kind: 'vpatch' }),
    );
    assert.equal(evt.Appsec.GetName(), 'crs-941');
    assert.deepEqual(evt.Appsec.GetRuleIDs(), [941100, 7]);
    assert.deepEqual(evt.Appsec.Kinds(), ['crs', 'vpatch']);
    assert.equal(evt.Appsec.ByTag('xss').length, 1);
    assert.equal(evt.Appsec.ByKind('vpatch')[0]!.name, 'vp-1');
    assert.equal(evt.Appsec.GetVar('x'), '');
  });
});

describe('Event times', () => {
  it('start at Go zero time, so that evt.Time methods work on a fresh event', () => {
    const evt = newEvent();
    assert.equal(evt.Time.IsZero(), true);
    assert.equal(evt.Line.Time.IsZero(), true);
    assert.equal(evt.Time.Year(), 1);
  });
});
