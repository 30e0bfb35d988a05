/**
 * TLS client certificates as an identity (spec §1.3): a certificate the TLS layer verified
 * against the configured CA takes precedence over API keys and passwords; it must carry one of
 * the OUs allowed for the role and be within its validity period. The identity is
 * `<CN>@<client-ip>`.
 */
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';

/** A verified client certificate. */
export interface ClientCertificate {
  readonly cn: string;
  readonly ous: readonly string[];
  readonly validFromMs: number;
  readonly validToMs: number;
}

/**
 * The request's client certificate: `null` when none was presented, `'unverified'` when one
 * was presented but the TLS layer could not verify it against the CA.
 */
export function clientCertificate(request: FastifyRequest): ClientCertificate | null | 'unverified' {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return null;
  const cert = socket.getPeerCertificate();
  if (!cert || Object.keys(cert).length === 0) return null;
  if (socket.authorized !== true) return 'unverified';
  const ou = cert.subject?.OU as string | string[] | undefined;
  const cn = cert.subject?.CN as string | string[] | undefined;
  return {
    cn: Array.isArray(cn) ? (cn[0] ?? '') : (cn ?? ''),
    ous: ou === undefined ? [] : Array.isArray(ou) ? ou : [ou],
    validFromMs: Date.parse(cert.valid_from),
    validToMs: Date.parse(cert.valid_to),
  };
}

/** Why `cert` may not act in a role with `allowedOus` at `nowMs`, or null when it may. */
export function certificateProblem(
  cert: ClientCertificate,
  allowedOus: readonly string[],
  nowMs: number,
): string | null {
  if (!cert.ous.some((ou) => allowedOus.includes(ou))) {
    return `client certificate OU (${cert.ous.join(',')}) not in allowed list (${allowedOus.join(',')})`;
  }
  if (!(cert.validFromMs <= nowMs && nowMs <= cert.validToMs)) return 'client certificate is not valid now';
  if (cert.cn === '') return 'client certificate has no CN';
  return null;
}
