import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { newEvent } from '../../src/event/index.ts';
import {
  createEnrichers,
  type GeoIpDatabasesLike,
  geoIpAsnEnricher,
  geoIpCityEnricher,
  ipToRangeEnricher,
  openGeoIp,
} from '../../src/parser/enrichers/index.ts';

/** MaxMind's public test databases (MIT licensed), with their documented test networks. */
const GEO_DIR = '/work/shared/crowdsec-hub/geoip';
const CITY = join(GEO_DIR, 'GeoLite2-City-Test.mmdb');
const CITY2 = join(GEO_DIR, 'GeoIP2-City-Test.mmdb');
const ASN = join(GEO_DIR, 'GeoLite2-ASN-Test.mmdb');

function collect(): { warnings: string[]; warn: (m: string) => void } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
}

const dbs = openGeoIp({ cityDb: CITY, asnDb: ASN });
const evt = newEvent();

describe('GeoIpCity enricher (GeoLite2-City-Test.mmdb)', () => {
  const { warnings, warn } = collect();
  const city = geoIpCityEnricher(dbs, warn);
  const CASES: ReadonlyArray<{ ip: string; want: Record<string, string> | null }> = [
    // Country GB, not in the EU: IsInEU comes from the country record, not the registered one (FR, EU).
    {
      ip: '2.125.160.216',
      want: { IsoCode: 'GB', IsInEU: 'false', Latitude: '51.750000', Longitude: '-1.250000' },
    },
    {
      ip: '81.2.69.142',
      want: { IsoCode: 'GB', IsInEU: 'false', Latitude: '51.514200', Longitude: '-0.093100' },
    },
    {
      ip: '89.160.20.112',
      want: { IsoCode: 'SE', IsInEU: 'true', Latitude: '58.416700', Longitude: '15.616700' },
    },
    {
      ip: '216.160.83.56',
      want: { IsoCode: 'US', IsInEU: 'false', Latitude: '47.251300', Longitude: '-122.314900' },
    },
    {
      ip: '2001:218::1',
      want: { IsoCode: 'JP', IsInEU: 'false', Latitude: '35.685360', Longitude: '139.753090' },
    },
    {
      ip: '2a02:cfc0::42',
      want: { IsoCode: 'FR', IsInEU: 'true', Latitude: '46.000000', Longitude: '2.000000' },
    },
    // IPv4-mapped IPv6 is looked up as IPv4 (Go's To4()).
    {
      ip: '::ffff:81.2.69.142',
      want: { IsoCode: 'GB', IsInEU: 'false', Latitude: '51.514200', Longitude: '-0.093100' },
    },
    // A record without any country: Go's zero values for the country, the location is kept.
    {
      ip: '2a02:d500::1',
      want: { IsoCode: '', IsInEU: 'false', Latitude: '48.690960', Longitude: '9.140620' },
    },
    // Absent from the database: Go's geoip2 returns a zero record, not an error.
    { ip: '1.2.3.4', want: { IsoCode: '', IsInEU: 'false', Latitude: '0.000000', Longitude: '0.000000' } },
    { ip: '', want: null },
  ];
  for (const c of CASES) {
    it(`${JSON.stringify(c.ip)} → ${JSON.stringify(c.want)}`, () => {
      const got = city(c.ip, evt);
      assert.deepEqual(got === null ? null : { ...got }, c.want);
    });
  }
  it('invalid addresses are a lookup error: warning, null', () => {
    const before = warnings.length;
    for (const bad of ['not-an-ip', '1.2.3', '01.2.3.4', '1.2.3.4/24', 'fe80::1%eth0']) {
      assert.equal(city(bad, evt), null, bad);
    }
    assert.equal(warnings.length, before + 5);
    assert.match(warnings.at(-1) as string, /^GeoIpCity: unable to enrich ip 'fe80::1%eth0'/);
  });
});

describe('GeoIpCity on GeoIP2-City-Test.mmdb', () => {
  it('reads the represented-country record when present and the country wins', () => {
    const db = openGeoIp({ cityDb: CITY2 });
    const got = geoIpCityEnricher(db, () => {})('202.196.224.1', evt);
    assert.equal(got?.IsoCode, 'PH');
    assert.equal(got?.Latitude, '13.000000');
  });
});

describe('country fallback order (country, registered_country, represented_country)', () => {
  const fake = (record: Record<string, unknown> | null): GeoIpDatabasesLike => ({
    hasCity: true,
    hasAsn: false,
    city: () => ({ ok: true, record }),
    asn: () => ({ ok: false, error: 'none' }),
    network: () => ({ ok: false, error: 'none' }),
  });
  const CASES: ReadonlyArray<{ name: string; record: Record<string, unknown>; iso: string; eu: string }> = [
    {
      name: 'country first',
      record: {
        country: { iso_code: 'DE', is_in_european_union: true },
        registered_country: { iso_code: 'US' },
        represented_country: { iso_code: 'GB' },
      },
      iso: 'DE',
      eu: 'true',
    },
    {
      name: 'registered country when the country has no ISO code',
      record: {
        country: { iso_code: '' },
        registered_country: { iso_code: 'FR', is_in_european_union: true },
      },
      iso: 'FR',
      eu: 'true',
    },
    {
      name: 'represented country last',
      record: { represented_country: { iso_code: 'US', is_in_european_union: false } },
      iso: 'US',
      eu: 'false',
    },
    { name: 'nothing', record: { location: { latitude: 1.5, longitude: -2 } }, iso: '', eu: 'false' },
  ];
  for (const c of CASES) {
    it(c.name, () => {
      const got = geoIpCityEnricher(fake(c.record), () => {})('192.0.2.1', evt);
      assert.equal(got?.IsoCode, c.iso);
      assert.equal(got?.IsInEU, c.eu);
    });
  }
  it('coordinates are Go %f', () => {
    const got = geoIpCityEnricher(fake({ location: { latitude: 1.5, longitude: -2 } }), () => {})(
      '192.0.2.1',
      evt,
    );
    assert.deepEqual([got?.Latitude, got?.Longitude], ['1.500000', '-2.000000']);
  });
});

describe('GeoIpASN enricher (GeoLite2-ASN-Test.mmdb)', () => {
  const asn = geoIpAsnEnricher(dbs, () => {});
  const CASES: ReadonlyArray<{ ip: string; want: Record<string, string> | null }> = [
    { ip: '1.128.0.0', want: { ASNNumber: '1221', ASNumber: '1221', ASNOrg: 'Telstra Pty Ltd' } },
    { ip: '1.128.5.5', want: { ASNNumber: '1221', ASNumber: '1221', ASNOrg: 'Telstra Pty Ltd' } },
    { ip: '12.81.92.1', want: { ASNNumber: '7018', ASNumber: '7018', ASNOrg: 'AT&T Services' } },
    // A record without organisation.
    { ip: '12.81.96.1', want: { ASNNumber: '7018', ASNumber: '7018', ASNOrg: '' } },
    { ip: '2600:6000::1', want: { ASNNumber: '237', ASNumber: '237', ASNOrg: 'Merit Network Inc.' } },
    // Absent: Go's zero record.
    { ip: '2.125.160.216', want: { ASNNumber: '0', ASNumber: '0', ASNOrg: '' } },
    { ip: '', want: null },
    { ip: 'garbage', want: null },
  ];
  for (const c of CASES) {
    it(`${JSON.stringify(c.ip)} → ${JSON.stringify(c.want)}`, () => {
      const got = asn(c.ip, evt);
      assert.deepEqual(got === null ? null : { ...got }, c.want);
    });
  }
});

describe('IpToRange enricher (network of the ASN record)', () => {
  const range = ipToRangeEnricher(dbs, () => {});
  const CASES: ReadonlyArray<{ ip: string; want: string | null }> = [
    { ip: '1.128.0.0', want: '1.128.0.0/11' },
    { ip: '1.150.7.9', want: '1.128.0.0/11' },
    { ip: '12.81.92.200', want: '12.81.92.0/22' },
    { ip: '::ffff:1.128.0.1', want: '1.128.0.0/11' },
    { ip: '2600:6000::1', want: '2600:6000::/20' },
    { ip: '2a02:1400:1:2::3', want: '2a02:1400::/26' },
    // IPv4-compatible (not mapped) IPv6 stays IPv6, as in Go.
    { ip: '::1.128.0.1', want: '::180:0/107' },
    { ip: '2.125.160.216', want: null },
    { ip: '', want: null },
    { ip: 'nope', want: null },
  ];
  for (const c of CASES) {
    it(`${JSON.stringify(c.ip)} → ${c.want}`, () => {
      const got = range(c.ip, evt);
      assert.deepEqual(got === null ? null : { ...got }, c.want === null ? null : { SourceRange: c.want });
    });
  }
});

describe('openGeoIp / createEnrichers with missing or wrong databases', () => {
  it('finds CrowdSec file names in dataDir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-geoip-'));
    // Only the ASN database present: City is a warning, ASN works.
    copyFileSync(ASN, join(dir, 'GeoLite2-ASN.mmdb'));
    const { warnings, warn } = collect();
    const reg = createEnrichers({ dataDir: dir, onWarning: warn });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] as string, /GeoIP City database not found at .*GeoLite2-City\.mmdb/);
    assert.equal(reg.get('GeoIpCity')?.('81.2.69.142', newEvent()), null);
    assert.equal(reg.get('GeoIpASN')?.('1.128.0.0', newEvent())?.ASNOrg, 'Telstra Pty Ltd');
    assert.equal(reg.get('IpToRange')?.('1.128.0.0', newEvent())?.SourceRange, '1.128.0.0/11');
  });

  it('no database at all: both warnings, enrichers return null', () => {
    const { warnings, warn } = collect();
    const reg = createEnrichers({ dataDir: '/nonexistent-palisade-dir', onWarning: warn });
    assert.equal(warnings.length, 2);
    for (const m of ['GeoIpCity', 'GeoIpASN', 'IpToRange'])
      assert.equal(reg.get(m)?.('81.2.69.142', newEvent()), null);
  });

  it('a file that is not an mmdb is a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-geoip-'));
    writeFileSync(join(dir, 'bad.mmdb'), 'hello');
    const { warnings, warn } = collect();
    assert.equal(openGeoIp({ cityDb: join(dir, 'bad.mmdb'), onWarning: warn }), null);
    assert.match(warnings[0] as string, /is not a valid MaxMind database/);
  });

  it('an ASN database given as City database makes City lookups fail (Go InvalidMethodError)', () => {
    const { warnings, warn } = collect();
    const swapped = openGeoIp({ cityDb: ASN });
    assert.equal(geoIpCityEnricher(swapped, warn)('1.128.0.0', evt), null);
    assert.match(warnings[0] as string, /City cannot be used with the GeoLite2-ASN database type/);
  });
});
