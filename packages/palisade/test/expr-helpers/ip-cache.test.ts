import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHelpers } from '../../src/expr/helpers/index.ts';
import { compile, mapOf, stringType } from '../../src/expr/index.ts';

/**
 * The IP helpers remember the last address and the ranges they parsed (one event tests its
 * source IP against several ranges, in several filters): results must not depend on what was
 * asked before.
 */
const env = { m: mapOf(stringType) };
const functions = createHelpers({});

describe('IP helpers with remembered parses', () => {
  it('IpInRange/IsIPV4/IsIPV6 over changing addresses and ranges', () => {
    const p = compile(
      '[IsIPV6(m.ip), IpInRange(m.ip, "10.0.0.0/8"), IpInRange(m.ip, "192.168.0.0/16"), IpInRange(m.ip, m.net), IsIPV4(m.ip)]',
      { env, functions },
    );
    const cases: [string, string, boolean[]][] = [
      ['10.1.2.3', '10.1.0.0/16', [false, true, false, true, true]],
      ['192.168.9.9', '10.1.0.0/16', [false, false, true, false, true]],
      ['10.1.2.3', '10.2.0.0/16', [false, true, false, false, true]],
      ['fd00::1', 'fd00::/8', [true, false, false, true, false]],
      ['fd00::1', '10.0.0.0/8', [true, false, false, false, false]],
      ['not an ip', '10.0.0.0/8', [false, false, false, false, false]],
      ['10.1.2.3', 'bad/range', [false, true, false, false, true]],
      ['::ffff:10.0.0.1', '10.0.0.0/8', [false, true, false, true, true]],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [ip, net, want] of cases) {
        assert.deepEqual(p.run({ m: { ip, net } }), want, `${ip} ${net}`);
      }
    }
  });
});
