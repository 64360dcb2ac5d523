/**
 * What a probe of a gateway found, in words a user can act on. `limited`: reachable and the handshake
 * succeeded, but without the scope we asked for (upstream clears scopes of token-only clients, a state
 * its users hit: upstream issues #46072, #45908). `port-held`: something else answers or listens there.
 */
export type EngineProbeState = 'live' | 'starting' | 'limited' | 'auth-failed' | 'port-held' | 'stopped';

export interface EngineProbe {
  state: EngineProbeState;
  /** One line for humans; never contains the token. */
  detail: string;
  /** From the handshake, when it got that far. */
  version?: string;
  uptimeMs?: number;
  scopes?: string[];
  latencyMs?: number;
  /** For `port-held`: who listens there. */
  holder?: { pid?: number; command?: string };
}

/** Label as status/doctor/the sidebar print it. */
export function probeStateLabel(state: EngineProbeState): string {
  return { live: 'live', starting: 'starting', limited: 'reachable but limited', 'auth-failed': 'auth failed', 'port-held': 'port held by another process', stopped: 'stopped' }[state];
}
