/**
 * GeoIP helpers: GeoIPEnrich, GeoIPASNEnrich, GeoIPRangeEnrich (raw mmdb records) and
 * IPToCountry. Without a database the record helpers return nil, as CrowdSec does.
 */
import type { ExprFunction } from '../functions.ts';
import { anyType, funcOf, stringType } from '../types.ts';
import type { HelperDeps } from './deps.ts';
import { HelperError } from './errors.ts';
import { str } from './util.ts';

/** The GeoIP helpers over `deps.geoip`. */
export function geoipHelpers(deps: HelperDeps): ExprFunction[] {
  const guard = <T>(helper: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw new HelperError(helper, 'lookup-failed', String((err as Error).message ?? err), { cause: err });
    }
  };
  return [
    {
      name: 'GeoIPEnrich',
      types: [funcOf([stringType], anyType)],
      fn: (ip: unknown) => {
        const city = deps.geoip?.city;
        const addr = str('GeoIPEnrich', ip);
        return city ? guard('GeoIPEnrich', () => city.call(deps.geoip, addr)) : null;
      },
    },
    {
      name: 'GeoIPASNEnrich',
      types: [funcOf([stringType], anyType)],
      fn: (ip: unknown) => {
        const asn = deps.geoip?.asn;
        const addr = str('GeoIPASNEnrich', ip);
        return asn ? guard('GeoIPASNEnrich', () => asn.call(deps.geoip, addr)) : null;
      },
    },
    {
      name: 'GeoIPRangeEnrich',
      types: [funcOf([stringType], anyType)],
      fn: (ip: unknown) => {
        const network = deps.geoip?.network;
        const addr = str('GeoIPRangeEnrich', ip);
        return network ? guard('GeoIPRangeEnrich', () => network.call(deps.geoip, addr)) : null;
      },
    },
    {
      name: 'IPToCountry',
      types: [funcOf([stringType], stringType)],
      fn: (ip: unknown) => {
        const city = deps.geoip?.city;
        const addr = str('IPToCountry', ip);
        if (!city) return '';
        const rec = guard('IPToCountry', () => city.call(deps.geoip, addr));
        const country = rec?.country as { iso_code?: unknown } | undefined;
        return typeof country?.iso_code === 'string' ? country.iso_code : '';
      },
    },
  ];
}
