import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldName, guardOf, readField } from '../../src/buckets/filter-guard.ts';
import { ENV_EVT, newEvent } from '../../src/event/index.ts';
import { createHelpers } from '../../src/expr/helpers/index.ts';
import { compile } from '../../src/expr/index.ts';

const functions = createHelpers({});
const names = new Set(functions.map((f) => f.name));

const guard = (source: string) => {
  const g = guardOf(source, names);
  return g === null
    ? null
    : `${fieldName(g.field).replace('\u0000', '.')} ∈ ${[...g.values].sort().join(',')}`;
};

describe('filter guards', () => {
  it('extract the leftmost test of a conjunction', () => {
    assert.equal(guard("evt.Meta.log_type == 'ssh' && evt.Meta.x == 'y'"), 'Meta.log_type ∈ ssh');
    assert.equal(guard("'ssh' == evt.Meta['log_type'] and true"), 'Meta.log_type ∈ ssh');
    assert.equal(guard("evt.Meta.service in ['http', 'tcp'] && 1 == 1"), 'Meta.service ∈ http,tcp');
    assert.equal(guard("evt.Line.Labels.type == 'syslog'"), 'Line.Labels.type ∈ syslog');
    assert.equal(
      guard("(evt.Meta.log_type == 'a' || evt.Meta.log_type in ['b']) && evt.Parsed.x == ''"),
      'Meta.log_type ∈ a,b',
    );
    assert.equal(
      guard("if evt.Meta.service == 'http' { evt.SetMeta('a', 'b') } else { false }"),
      'Meta.service ∈ http',
    );
    assert.equal(guard("evt.Meta.service == 'http' ? true : false"), 'Meta.service ∈ http');
  });

  it('refuse anything that is not provably false with no effect', () => {
    for (const source of [
      "evt.Meta.x == 'y' || evt.Meta.z == 'w'",
      "Upper(evt.Meta.x) == 'Y'",
      "evt.SetMeta('a', 'b') && evt.Meta.x == 'y'",
      "evt.Meta.x == 'y' || true",
      "evt.Meta?.x == 'y'",
      "evt.Meta.x in ['a', 1]",
      'evt.Meta.x == evt.Meta.y',
      "evt.Meta.service == 'http' ? true : evt.Meta.x == ''",
      "evt.Unmarshaled.x == 'y'",
      "evt.Overflow.Alert.Scenario == 'y'",
      'not valid (',
    ]) {
      assert.equal(guard(source), null, source);
    }
  });

  it('read fields as the compiled filter does', () => {
    const e = newEvent();
    e.Meta.log_type = 'ssh';
    const g = guardOf("evt.Meta.service == 'x'", names)!;
    assert.equal(readField(e, g.field), '');
    assert.equal(readField(e, guardOf("evt.Meta.log_type == 'x'", names)!.field), 'ssh');
    (e as unknown as { Meta: null }).Meta = null;
    assert.equal(readField(e, g.field), '', 'a nil map reads as empty');
    const labels = guardOf("evt.Line.Labels.type == 'x'", names)!;
    (e as unknown as { Line: null }).Line = null;
    assert.equal(readField(e, labels.field), null, 'a nil struct makes the guard unusable');
  });

  it('when a guard rejects an event, the filter is false', () => {
    const filters = [
      "evt.Meta.log_type == 'ssh' && evt.Unmarshaled.a.b == 1",
      "(evt.Meta.log_type == 'a' || evt.Meta.log_type == 'b') && evt.Unmarshaled.a.b == 1",
      "if evt.Meta.service == 'http' { evt.Unmarshaled.a.b == 1 } else { false }",
    ];
    const values = ['', 'ssh', 'a', 'b', 'http', 'other'];
    for (const source of filters) {
      const g = guardOf(source, names)!;
      const program = compile(source, { env: ENV_EVT, functions });
      for (const v of values) {
        const e = newEvent();
        e.Meta[g.field.key] = v;
        if (g.values.has(v)) continue;
        assert.equal(program.run({ evt: e }), false, `${source} with ${v}`);
      }
    }
  });
});
