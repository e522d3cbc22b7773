import { createHash, timingSafeEqual } from 'node:crypto';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * A check of presented secrets against one expected secret. Both are compared as SHA-256
 * digests with timingSafeEqual, so that neither the comparison's time nor a length mismatch
 * tells anything about the secret.
 */
export function secretCheck(expected: string): (given: string) => boolean {
  const digest = sha256(expected);
  return (given) => timingSafeEqual(sha256(given), digest);
}
