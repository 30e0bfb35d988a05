import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHelpers } from '../../src/expr/helpers/index.ts';
import { anyType, compile, mapOf, stringType, structOf } from '../../src/expr/index.ts';

// A slice of the Event shape: enough for the hub idioms exercised here.
const evt = structOf('*types.Event', {
  Meta: mapOf(stringType),
  Parsed: mapOf(stringType),
  Unmarshaled: mapOf(anyType),
});
const env = { evt };
const functions = createHelpers({});

function run(source: string, vars: Record<string, unknown>): unknown {
  return compile(source, { env, functions }).run(vars);
}

describe('helpers through the compiler (hub idioms)', () => {
  it('UnmarshalJSON(...) in ["", nil] and then reading Unmarshaled', () => {
    const e = { Meta: {}, Parsed: { message: '{"a":{"b":2}}' }, Unmarshaled: {} };
    assert.equal(
      run('UnmarshalJSON(evt.Parsed.message, evt.Unmarshaled, "k") in ["", nil]', { evt: e }),
      true,
    );
    assert.equal(run('Sprintf("%v", evt.Unmarshaled.k.a.b)', { evt: e }), '2');
  });
  it('JsonExtract, Upper, IpInRange, any(File(...))', () => {
    const e = {
      Meta: { source_ip: '10.1.2.3', p: '/Admin' },
      Parsed: { message: '{"uri":"/x"}' },
      Unmarshaled: {},
    };
    assert.equal(run('JsonExtract(evt.Parsed.message, "uri")', { evt: e }), '/x');
    assert.equal(run('Upper(evt.Meta.p) contains "ADMIN"', { evt: e }), true);
    assert.equal(run('IpInRange(evt.Meta.source_ip, "10.0.0.0/8")', { evt: e }), true);
    assert.equal(run("any(File('missing.txt'), {evt.Meta.p contains #})", { evt: e }), false);
  });
  it('ParseKV then Unmarshaled access', () => {
    const e = { Meta: {}, Parsed: { message: 'a=1 b="x y"' }, Unmarshaled: {} };
    assert.equal(
      run('ParseKV(evt.Parsed.message, evt.Unmarshaled, "kv") == nil && evt.Unmarshaled.kv.b == "x y"', {
        evt: e,
      }),
      true,
    );
  });
});
