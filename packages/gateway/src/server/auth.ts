import { createHash, timingSafeEqual } from 'node:crypto';
import { SCOPES, type Scope } from '@clawport/core';

/** A token and the scopes it carries. */
export interface ScopedToken {
  token: string;
  scopes: readonly Scope[];
}

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

/**
 * The scopes a presented token carries, or undefined when it matches none. The main token carries
 * every scope (single-user convenience on its own instance); extra tokens carry what config gives
 * them. Every candidate is compared, so the time taken does not say which one matched.
 */
export function scopesOfToken(main: string, extra: readonly ScopedToken[], given: unknown): Scope[] | undefined {
  let found: readonly Scope[] | undefined = tokenMatches(main, given) ? SCOPES : undefined;
  for (const t of extra) if (tokenMatches(t.token, given) && !found) found = t.scopes;
  return found ? [...found] : undefined;
}
