import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PREAUTH_MAX_CONNECTIONS } from '../../src/server/preauth.js';
import { RawConn } from '../fixtures/raw-ws.js';
import { gatewayOptions, gatewaysInTempHome, setupProfile, started } from '../helpers.js';

const BASE = 24700;

/** A WebSocket upgrade by hand, then one frame header announcing `declared` bytes and only `sent` of them. */
function partialFrame(port: number, declared: number, sent: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let upgraded = false;
    s.on('data', (d) => {
      if (upgraded || !d.toString('latin1').startsWith('HTTP/1.1 101')) return;
      upgraded = true;
      const header = Buffer.alloc(14);
      header[0] = 0x81; // FIN, text
      header[1] = 0x80 | 127; // masked, 64-bit length
      header.writeBigUInt64BE(BigInt(declared), 2);
      s.write(Buffer.concat([header.subarray(0, 10), Buffer.from([1, 2, 3, 4])]));
      for (let i = 0; i < sent; i += 16 * 1024) s.write(Buffer.alloc(Math.min(16 * 1024, sent - i), 0x41));
    });
    s.on('close', () => resolve());
    s.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
    s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  });
}

describe('before login: frame bytes, pending connections and wrong tokens are limited (issue 16 #7)', () => {
  const env = gatewaysInTempHome();
  const { running } = env;
  // A long handshake timeout, so only the new limits can end these connections.
  const profile = () => setupProfile(env.home, 'main', { gateway: { port: BASE, handshakeTimeoutMs: 60_000 } });

  it('a frame that never completes is cut at 64 KiB, long before maxPayload', async () => {
    const p = await profile();
    const g = await started(running, gatewayOptions(p));
    await partialFrame(BASE, 900 * 1024, 200 * 1024);
    const log = await readFile(join(p.instance.stateDir, 'logs', 'gateway.log'), 'utf8');
    assert.match(log, /more than 64 KiB before login/);
    assert.equal(g.runtime.base, BASE);
  });

  it(`at most ${PREAUTH_MAX_CONNECTIONS} connections wait to log in; the next is refused with 503; logging in frees a slot`, async () => {
    const p = await profile();
    await started(running, gatewayOptions(p));
    const idle: RawConn[] = [];
    try {
      for (let i = 0; i < PREAUTH_MAX_CONNECTIONS; i++) idle.push(await RawConn.open(BASE));
      await assert.rejects(RawConn.open(BASE), { status: 503 });
      // one of them logs in (its slot is freed before hello is sent): now one more may wait
      assert.equal((await idle[0].handshake(p.token)).ok, true);
      idle.push(await RawConn.open(BASE));
      await assert.rejects(RawConn.open(BASE), { status: 503 });
    } finally {
      for (const c of idle) c.close();
    }
  });

  it('wrong tokens are answered later and later; a right token still gets in', async () => {
    const p = await profile();
    await started(running, gatewayOptions(p));
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await RawConn.open(BASE);
      const t0 = Date.now();
      const res = await c.handshake('wrong-token-guess-0123456789');
      const waited = Date.now() - t0;
      assert.equal(res.error.code, 'UNAUTHORIZED');
      assert.equal(res.error.details.code, 'AUTH_TOKEN_MISMATCH');
      delays.push(res.error.details.delayedMs as number);
      assert.ok(waited >= res.error.details.delayedMs, `answer held ${res.error.details.delayedMs} ms (took ${waited})`);
      assert.deepEqual(await c.closed, { code: 1008, reason: 'unauthorized' });
    }
    assert.deepEqual(delays, [0, 0, 0, 50, 100, 200]);
    const ok = await RawConn.open(BASE);
    assert.equal((await ok.handshake(p.token)).ok, true);
    ok.close();
  });
});
