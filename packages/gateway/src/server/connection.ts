import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Scope } from '@clawport/core';
import type { EventFrame, ResponseFrame } from '../protocol/types.js';

/** One WebSocket client: its handshake state and its own event sequence. */
export class Connection {
  readonly connId = randomBytes(8).toString('hex');
  readonly nonce = randomBytes(16).toString('base64url');
  authed = false;
  /** Granted at the handshake; every call is checked against them. */
  scopes: Scope[] = [];
  /** Frees the connection's pre-auth slot and byte budget once it logged in. */
  onLogin?: () => void;
  /** A wrong token was given; its answer may be held back, and nothing more is read meanwhile. */
  refused = false;
  closed = false;
  client: Record<string, unknown> = {};
  private seq = 0;

  constructor(readonly ws: WebSocket) {}

  send(frame: ResponseFrame | Omit<EventFrame, 'seq'>): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    const out = frame.type === 'event' ? { ...frame, seq: ++this.seq } : frame;
    this.ws.send(JSON.stringify(out));
  }

  event(event: string, payload: unknown): void {
    this.send({ type: 'event', event, payload });
  }

  /** Close with a reason short enough for a close frame (123 bytes). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, Buffer.from(reason).subarray(0, 120).toString());
  }
}
