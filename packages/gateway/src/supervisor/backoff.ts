import type { Backoff } from '@clawport/core';

/**
 * Delay before restart number `attempt` (1-based) of a crash loop: initial × factor^(attempt-1), capped.
 * A run that lasted resetAfterMs counts as healthy, so the caller restarts the count at 1.
 */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  const raw = backoff.initialMs * backoff.factor ** Math.max(0, attempt - 1);
  return Math.min(backoff.maxMs, Math.round(raw));
}
