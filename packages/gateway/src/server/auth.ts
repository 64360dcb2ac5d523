import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time token check. Both sides are hashed first so the comparison takes the same time
 * whatever the length of the guess (timingSafeEqual alone throws on a length mismatch, which leaks it).
 */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
