/**
 * Helpers that reach the network: LookupHost (DNS, from memory), HTTPGet/HTTPHead/HTTPPost/
 * HTTPRequest and CrowdsecCTI. Outbound HTTP and CTI throw a HelperError when not configured.
 */
import type { ExprFunction } from '../functions.ts';
import { anyType, arrayOf, funcOf, mapOf, stringType } from '../types.ts';
import { formatValue } from '../values/format.ts';
import type { HelperDeps, HttpResponse } from './deps.ts';
import { HelperError, notConfigured } from './errors.ts';
import { map, str } from './util.ts';

const S = stringType;

/** The network helpers. */
export function netHelpers(deps: HelperDeps): ExprFunction[] {
  const http = (
    helper: string,
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string,
  ): HttpResponse => {
    if (!deps.http) throw notConfigured(helper, 'outbound HTTP');
    try {
      return deps.http.request(method, url, headers, body);
    } catch (err) {
      throw new HelperError(helper, 'request-failed', String((err as Error).message ?? err), { cause: err });
    }
  };
  return [
    {
      name: 'LookupHost',
      types: [funcOf([S], arrayOf(S))],
      fn: (host: unknown) => {
        const h = str('LookupHost', host);
        return deps.dns ? [...deps.dns.lookupHost(h)] : [];
      },
    },
    {
      name: 'HTTPGet',
      types: [funcOf([S], anyType)],
      fn: (url: unknown) => http('HTTPGet', 'GET', str('HTTPGet', url), {}, ''),
    },
    {
      name: 'HTTPHead',
      types: [funcOf([S], anyType)],
      fn: (url: unknown) => http('HTTPHead', 'HEAD', str('HTTPHead', url), {}, ''),
    },
    {
      name: 'HTTPPost',
      types: [funcOf([S, S, S], anyType)],
      fn: (url: unknown, contentType: unknown, body: unknown) =>
        http(
          'HTTPPost',
          'POST',
          str('HTTPPost', url),
          { 'Content-Type': str('HTTPPost', contentType) },
          str('HTTPPost', body),
        ),
    },
    {
      name: 'HTTPRequest',
      types: [funcOf([S, S, mapOf(anyType), S], anyType)],
      fn: (method: unknown, url: unknown, headers: unknown, body: unknown) => {
        const h: Record<string, string> = {};
        // Header values are stringified with Go's %v (fmt.Sprint).
        for (const [k, v] of Object.entries(map('HTTPRequest', headers, 'headers'))) h[k] = formatValue(v);
        return http(
          'HTTPRequest',
          str('HTTPRequest', method),
          str('HTTPRequest', url),
          h,
          str('HTTPRequest', body),
        );
      },
    },
    {
      name: 'CrowdsecCTI',
      types: [funcOf([S], anyType)],
      fn: (ip: unknown) => {
        const addr = str('CrowdsecCTI', ip);
        if (!deps.cti) throw notConfigured('CrowdsecCTI', 'the CTI API key');
        try {
          return deps.cti.smoke(addr);
        } catch (err) {
          throw new HelperError('CrowdsecCTI', 'lookup-failed', String((err as Error).message ?? err), {
            cause: err,
          });
        }
      },
    },
  ];
}
