/**
 * Wire frames of the gateway control plane (protocol version 4; docs/reference/protocol.md). Pure types and constants,
 * shared by the server and the client; nothing node-only here.
 */
export const PROTOCOL_VERSION = 4;

export interface RequestFrame {
  type: 'req';
  id: string;
  method: string;
  params?: unknown;
}

export interface ErrorShape {
  code: string;
  message: string;
  /** Optional details, e.g. `{ retryable: true }`. */
  details?: unknown;
}

export type ResponseFrame =
  | { type: 'res'; id: string | null; ok: true; payload: unknown }
  | { type: 'res'; id: string | null; ok: false; error: ErrorShape };

export interface EventFrame {
  type: 'event';
  event: string;
  payload: unknown;
  seq: number;
}

export type Frame = RequestFrame | ResponseFrame | EventFrame;

/** What a client sends as the params of its first request, `connect`. Unknown fields are tolerated. */
export interface ConnectParams {
  minProtocol: number;
  maxProtocol: number;
  client?: { id?: string; version?: string; platform?: string; mode?: string; [k: string]: unknown };
  auth?: { token?: string; [k: string]: unknown };
  /** Scopes the client asks for; it gets at most what its token carries. */
  scopes?: unknown[];
  [k: string]: unknown;
}

export interface HelloOk {
  type: 'hello-ok';
  protocol: number;
  server: { version: string; connId: string };
  features: { methods: string[]; events: string[] };
  snapshot: Record<string, unknown>;
  /** What this connection was granted (upstream's shape). */
  auth: { role: 'operator'; scopes: string[] };
  policy: { maxPayload: number; tickIntervalMs: number };
}

/** Error codes the gateway answers with; a ClawportError thrown by a method keeps its own `code`. */
export const ErrorCodes = {
  INVALID_REQUEST: 'INVALID_REQUEST',
  INVALID_PARAMS: 'INVALID_PARAMS',
  METHOD_NOT_FOUND: 'METHOD_NOT_FOUND',
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** Authenticated, but the connection's scopes or the trust relation do not allow this call. */
  FORBIDDEN: 'FORBIDDEN',
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

/** WebSocket close code for a refused handshake (policy violation). */
export const CLOSE_POLICY = 1008;

/** Events the gateway itself emits (plugins may add more). */
export const CORE_EVENTS = ['connect.challenge', 'tick', 'shutdown', 'config.changed', 'plugin.error'] as const;
