import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Alert, EVENT_OVERFLOW, newEvent } from '../../src/event/index.ts';
import { resolveTarget } from '../../src/parser/target.ts';

function set(target: string, evt = newEvent(), value = 'v') {
  const r = resolveTarget(target);
  assert.ok(r.ok, `${target} should resolve`);
  return { ok: r.set(evt, value), evt };
}

describe('static targets', () => {
  it('sets string fields by Go name, with or without evt.', () => {
    assert.equal(set('evt.StrTime').evt.StrTime, 'v');
    assert.equal(set('MarshaledTime').evt.MarshaledTime, 'v');
    assert.equal(set('evt.Line.Src').evt.Line.Src, 'v');
  });
  it('stops at the first map: the next segment is the key', () => {
    assert.equal(set('evt.Meta.a.b.c').evt.Meta.a, 'v');
    assert.equal(set('Line.Labels.type').evt.Line.Labels.type, 'v');
    const { evt } = set('Parsed.__proto__');
    assert.equal(Object.hasOwn(evt.Parsed, '__proto__'), true);
    assert.equal(Object.getPrototypeOf(evt.Parsed), null);
  });
  it('walks pointers, and fails (without throwing) on a nil one', () => {
    const evt = newEvent({ type: EVENT_OVERFLOW });
    assert.equal(set('evt.Overflow.Alert.Source.Value', evt).ok, false);
    evt.Overflow.Alert = new Alert();
    assert.equal(set('evt.Overflow.Alert.Source.Scope', evt).ok, true);
    assert.equal(evt.Overflow.Alert.Source.Scope, 'v');
  });
  it('rejects what reflection cannot set', () => {
    for (const t of [
      'Time',
      'Whitelisted',
      'Nope',
      'evt.Meta',
      'Overflow.Sources.x',
      'strtime',
      'Line.Time.x',
    ])
      assert.equal(resolveTarget(t).ok, false, t);
  });
});
