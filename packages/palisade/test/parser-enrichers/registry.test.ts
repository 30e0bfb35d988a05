import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHelpers } from '../../src/expr/helpers/index.ts';
import { createEnrichers, geoIpHelperDeps, openGeoIp } from '../../src/parser/enrichers/index.ts';
import { BoundedLru } from '../../src/parser/enrichers/lru.ts';

describe('createEnrichers', () => {
  it('registers CrowdSec method names exactly', () => {
    assert.deepEqual([...createEnrichers({}).keys()].sort(), [
      'GeoIpASN',
      'GeoIpCity',
      'IpToRange',
      'ParseDate',
      'UnmarshalJSON',
      'reverse_dns',
    ]);
  });
});

describe('BoundedLru', () => {
  it('keeps at most maxEntries, evicting the least recently used', () => {
    const lru = new BoundedLru<string, number>(2);
    lru.set('a', 1).set('b', 2);
    assert.equal(lru.get('a'), 1);
    lru.set('c', 3);
    assert.equal(lru.size, 2);
    assert.equal(lru.get('b'), undefined);
    assert.equal(lru.get('a'), 1);
    assert.equal(lru.get('c'), 3);
  });
});

describe('geoIpHelperDeps (expression helpers over the same databases)', () => {
  const db = openGeoIp({
    cityDb: '/work/shared/crowdsec-hub/geoip/GeoLite2-City-Test.mmdb',
    asnDb: '/work/shared/crowdsec-hub/geoip/GeoLite2-ASN-Test.mmdb',
  });
  const deps = geoIpHelperDeps(db);

  it('city / asn / network return raw records and the CIDR', () => {
    assert.equal((deps.city?.('81.2.69.142')?.country as { iso_code?: string } | undefined)?.iso_code, 'GB');
    assert.equal(deps.asn?.('1.128.0.0')?.autonomous_system_number, 1221);
    assert.equal(deps.network?.('1.128.0.0'), '1.128.0.0/11');
    assert.equal(deps.network?.('2.125.160.216'), null);
  });

  it('absent address ⇒ empty record (Go zero struct); invalid address ⇒ throws', () => {
    assert.deepEqual(deps.city?.('1.2.3.4'), {});
    assert.throws(() => deps.city?.('nope'), /invalid IP address/);
  });

  it('no database ⇒ no members (helpers return nil)', () => {
    assert.deepEqual(Object.keys(geoIpHelperDeps(null)), []);
  });

  it('plugs into createHelpers: IPToCountry', () => {
    const helpers = createHelpers({ geoip: deps });
    const ipToCountry = helpers.find((h) => h.name === 'IPToCountry');
    assert.ok(ipToCountry, 'IPToCountry helper exists');
    assert.equal(ipToCountry.fn('89.160.20.112'), 'SE');
    assert.equal(ipToCountry.fn('1.2.3.4'), '');
  });
});
