import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import fc from 'fast-check';
import { GatewayClient } from '@clawport/gateway/client';
import { ok, runCli } from '../helpers/cli.js';
import { httpGet } from '../helpers/instance.js';
import { PORTS } from '../helpers/ports.js';
import { RawPeer } from '../helpers/raw-ws.js';
import { suiteGateway } from '../helpers/suite-gateway.js';

const PORT = PORTS.wsFuzz;
const MAX_PAYLOAD = 16 * 1024;
const RUNS = 40;

/** What any bad frame before the handshake must end in: error responses only, then a close 1008 (or 1007 for invalid UTF-8). */
async function refusedBeforeHandshake(peer: RawPeer, codes: number[] = [1008]): Promise<void> {
  const closed = await Promise.race([peer.closed, new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000))]);
  assert.ok(closed, 'the gateway did not close a connection that sent a bad first frame');
  assert.ok(codes.includes(closed.code), `close code ${closed.code} (${closed.reason}), expected ${codes.join(' or ')}`);
  const frames = peer.json();
  assert.equal(frames[0]?.event, 'connect.challenge');
  for (const f of frames.slice(1)) {
    assert.equal(f.type, 'res', `unexpected frame ${JSON.stringify(f)}`);
    assert.equal(f.ok, false);
    assert.equal(typeof f.error?.code, 'string');
    assert.equal(typeof f.error?.message, 'string');
  }
}

const CONNECT = JSON.stringify({
  type: 'req',
  id: 'c1',
  method: 'connect',
  params: { minProtocol: 4, maxProtocol: 4, client: { id: 'fuzz', version: '1', platform: 'linux', mode: 'cli' }, auth: { token: 'x'.repeat(43) } },
});

describe('fuzz: WebSocket frames against a real gateway (clawport gateway, maxPayload 16 KiB)', function () {
  this.timeout(120_000);
  const live = suiteGateway('fuzz', PORT, async (home) => {
    ok(await runCli(['--profile', 'fuzz', 'config', 'set', 'gateway.maxPayload', String(MAX_PAYLOAD)], home), 'config set maxPayload');
  });

  afterEach(async function () {
    // Whatever a property sent, the gateway must still be alive, ready and serving RPCs.
    assert.equal(live.gw.child.exitCode, null, `gateway exited:\n${live.gw.output()}`);
    assert.equal((await httpGet(PORT, '/readyz')).status, 200);
    const client = await GatewayClient.connect({ url: `ws://127.0.0.1:${PORT}/`, token: live.token });
    try {
      assert.equal((await client.call<{ ok: boolean }>('health')).ok, true);
    } finally {
      await client.close();
    }
  });

  it('random text as the first frame: error response, then close 1008', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), async (text) => {
        const peer = await RawPeer.open(PORT);
        await peer.waitFrames(1);
        peer.ws.send(text);
        await refusedBeforeHandshake(peer);
      }),
      { numRuns: RUNS },
    );
  });

  it('random bytes as the first frame (binary, and as text that may not be UTF-8): refused and closed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.boolean(), async (bytes, binary) => {
        const peer = await RawPeer.open(PORT);
        await peer.waitFrames(1);
        peer.ws.send(Buffer.from(bytes), { binary });
        // ws itself closes 1007 on invalid UTF-8 in a text frame; anything else is ours: error + 1008.
        await refusedBeforeHandshake(peer, binary ? [1008] : [1007, 1008]);
      }),
      { numRuns: RUNS },
    );
  });

  it('a truncated connect frame: error response, then close 1008', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: CONNECT.length - 1 }), async (cut) => {
        const peer = await RawPeer.open(PORT);
        await peer.waitFrames(1);
        peer.ws.send(CONNECT.slice(0, cut));
        await refusedBeforeHandshake(peer);
      }),
      { numRuns: RUNS },
    );
  });

  it('after the handshake, frames with wrong types get one response each and the connection keeps serving', async () => {
    const anything = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.string(), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));
    const frame = fc.record(
      {
        type: fc.oneof(fc.constant('req'), fc.constant('res'), fc.constant('event'), anything),
        id: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }).map((s) => `f${s}`), fc.string({ minLength: 300, maxLength: 400 }), anything),
        method: fc.oneof(fc.constantFrom('health', 'status', 'config.get', 'logs.tail', 'instances.list', 'no.such.method', 'connect', ''), fc.string({ maxLength: 200 }), anything),
        params: fc.oneof(fc.constant(undefined), anything, fc.record({ instance: anything, lines: anything, patch: anything })),
      },
      { requiredKeys: [] },
    );
    const peer = await RawPeer.open(PORT);
    try {
      assert.equal((await peer.handshake(live.token))?.ok, true);
      let n = 0;
      let expected = peer.json().filter((x) => x.type === 'res').length;
      const answered = () => peer.json().filter((x) => x.type === 'res');
      await fc.assert(
        fc.asyncProperty(frame, async (f) => {
          fc.pre(!(typeof f.method === 'string' && /patch|restart|rollback/.test(f.method))); // read-only methods only
          peer.ws.send(JSON.stringify(f));
          const probe = `probe-${++n}`;
          peer.ws.send(JSON.stringify({ type: 'req', id: probe, method: 'health' }));
          expected += 2;
          const res = await peer.response(probe, 5000);
          assert.equal(res?.ok, true, `health after ${JSON.stringify(f).slice(0, 200)} got ${JSON.stringify(res)}`);
          // Async methods may answer after the probe: wait for the fuzz frame's own answer too.
          const deadline = Date.now() + 5000;
          while (answered().length < expected && Date.now() < deadline) await peer.waitFrames(peer.frames.length + 1, 100);
          assert.equal(answered().length, expected, `every frame gets exactly one answer; after ${JSON.stringify(f).slice(0, 200)}`);
          for (const a of answered()) assert.equal(typeof a.ok, 'boolean');
        }),
        { numRuns: RUNS * 2 },
      );
      assert.ok(peer.isOpen());
    } finally {
      await peer.end();
    }
  });

  it('oversized frames: PAYLOAD_TOO_LARGE up to 4× maxPayload (connection stays), close 1009 beyond', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_PAYLOAD + 1, max: 6 * MAX_PAYLOAD }), async (size) => {
        const peer = await RawPeer.open(PORT);
        try {
          assert.equal((await peer.handshake(live.token))?.ok, true);
          const body = JSON.stringify({ type: 'req', id: 'big', method: 'health', params: { pad: '' } });
          peer.ws.send(body.replace('"pad":""', `"pad":"${'x'.repeat(size - body.length)}"`));
          if (size <= 4 * MAX_PAYLOAD) {
            const res = await peer.response(null);
            assert.equal(res?.error?.code, 'PAYLOAD_TOO_LARGE', `size ${size}: ${JSON.stringify(res)}`);
            peer.ws.send(JSON.stringify({ type: 'req', id: 'after', method: 'health' }));
            assert.equal((await peer.response('after'))?.ok, true);
          } else {
            assert.equal((await peer.closed).code, 1009);
          }
        } finally {
          await peer.end();
        }
      }),
      { numRuns: 20 },
    );
  });

  it('random bytes on the raw TCP port (not even HTTP): the socket is closed, the gateway keeps running', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), async (bytes) => {
        const ended = await new Promise<boolean>((resolve) => {
          const s = createConnection({ host: '127.0.0.1', port: PORT });
          const t = setTimeout(() => {
            s.destroy();
            resolve(false);
          }, 5000);
          s.on('connect', () => s.end(Buffer.from(bytes)));
          s.on('data', () => undefined);
          s.on('error', () => undefined);
          s.on('close', () => {
            clearTimeout(t);
            resolve(true);
          });
        });
        assert.ok(ended, 'the gateway left a garbage-sending socket open');
      }),
      { numRuns: RUNS },
    );
  });
});
