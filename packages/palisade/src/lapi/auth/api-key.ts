/**
 * Bouncer API keys: stored as the lowercase hex SHA-512 of the key (CrowdSec's format, so a
 * database row written by `cscli bouncers add` matches), compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The stored form of `key`: lowercase hex SHA-512. */
export function hashApiKey(key: string): string {
  return createHash('sha512').update(key, 'utf8').digest('hex');
}

/** A new key as `cscli bouncers add` makes one: base64 of 32 random bytes without padding. */
export function generateApiKey(): string {
  return randomBytes(32).toString('base64').replace(/=+$/, '');
}

/**
 * Whether `a` and `b` are equal, in time that depends only on their lengths. Both are hashed
 * first, so the comparison never reveals the length of a secret either.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
