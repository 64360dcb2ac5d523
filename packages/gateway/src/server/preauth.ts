/**
 * Limits on clients that have not logged in yet (issue 16 #7). A `connect` is a few hundred bytes, so
 * pre-auth bytes are capped far below maxPayload; pending handshakes are capped so a flood of idle
 * sockets cannot pin memory; and wrong tokens are answered later and later, so guessing is slow
 * while a right token is never delayed.
 */
export const PREAUTH_MAX_BYTES = 64 * 1024;
export const PREAUTH_MAX_CONNECTIONS = 32;
const FAILURE_WINDOW_MS = 60_000;
const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 2000;

/** Failed logins in the last minute (host-wide: on loopback every local process shares 127.0.0.1). */
export class AuthBackoff {
  private failures: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a failure; returns how long to hold its answer (0 for the first few). */
  fail(): number {
    const t = this.now();
    this.failures = this.failures.filter((f) => t - f < FAILURE_WINDOW_MS);
    this.failures.push(t);
    const n = this.failures.length;
    return n <= 3 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(n - 4, 10));
  }
}
