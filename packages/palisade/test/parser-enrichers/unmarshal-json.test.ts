import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newEvent } from '../../src/event/index.ts';
import { Float64 } from '../../src/expr/values/float.ts';
import { createEnrichers, unmarshalJsonEnricher } from '../../src/parser/enrichers/index.ts';

function run(raw: string, before: Record<string, unknown> = {}) {
  const warnings: string[] = [];
  const evt = newEvent();
  evt.Line.Raw = raw;
  Object.assign(evt.Unmarshaled, before);
  const out = unmarshalJsonEnricher((m) => warnings.push(m))('ignored argument', evt);
  return { out, evt, warnings };
}

describe('UnmarshalJSON enricher', () => {
  it('decodes Line.Raw (not the argument) into Unmarshaled; numbers are float64', () => {
    const { out, evt, warnings } = run('{"a":"x","n":3,"f":1.5,"o":{"k":[1,true,null]}}');
    assert.equal(out, null, 'nothing goes to Enriched');
    assert.deepEqual(warnings, []);
    assert.equal(evt.Unmarshaled.a, 'x');
    assert.ok(evt.Unmarshaled.n instanceof Float64, 'integral numbers are boxed float64');
    assert.equal((evt.Unmarshaled.n as Float64).value, 3);
    assert.equal(evt.Unmarshaled.f, 1.5);
    const o = evt.Unmarshaled.o as { k: unknown[] };
    assert.ok(o.k[0] instanceof Float64);
    assert.deepEqual(o.k.slice(1), [true, null]);
  });

  it('merges top-level keys into the existing map', () => {
    const { evt } = run('{"b":"new","c":"added"}', { a: 'kept', b: 'old' });
    assert.deepEqual({ ...evt.Unmarshaled }, { a: 'kept', b: 'new', c: 'added' });
  });

  it('"__proto__" is an ordinary key', () => {
    const { evt } = run('{"__proto__":{"polluted":"yes"}}');
    assert.ok(Object.hasOwn(evt.Unmarshaled, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('null resets the map (Go sets it to nil)', () => {
    const { evt, warnings } = run('null', { a: 'x' });
    assert.deepEqual({ ...evt.Unmarshaled }, {});
    assert.deepEqual(warnings, []);
  });

  const BAD: ReadonlyArray<{ raw: string; why: RegExp }> = [
    { raw: 'not json', why: /could not parse JSON/ },
    { raw: '{"a":', why: /could not parse JSON/ },
    { raw: '', why: /could not parse JSON/ },
    { raw: '[1,2]', why: /cannot unmarshal array into Go value of type map\[string\]interface \{\}/ },
    { raw: '42', why: /cannot unmarshal number/ },
    { raw: '"s"', why: /cannot unmarshal string/ },
    { raw: 'true', why: /cannot unmarshal bool/ },
  ];
  for (const c of BAD) {
    it(`${JSON.stringify(c.raw)} → warning, event untouched`, () => {
      const { out, evt, warnings } = run(c.raw, { keep: 'me' });
      assert.equal(out, null);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] as string, c.why);
      assert.deepEqual({ ...evt.Unmarshaled }, { keep: 'me' });
    });
  }

  it('is registered as UnmarshalJSON', () => {
    const evt = newEvent();
    evt.Line.Raw = '{"k":"v"}';
    assert.equal(createEnrichers({}).get('UnmarshalJSON')?.('', evt), null);
    assert.equal(evt.Unmarshaled.k, 'v');
  });
});
