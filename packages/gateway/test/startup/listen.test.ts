import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { PortConflictError, resolveInstance, resolveInstancePaths, type ResolvedClaim } from '@clawport/core';
import { listenExclusive } from '../../src/startup/listen.js';
import { foreignListener } from '../fixtures/foreign-listener.js';

const PORT = 22700;

describe('listenExclusive (the bind after the preflight)', () => {
  const instance = resolveInstance(resolveInstancePaths({ profile: 'main' }, { OPENCLAW_HOME: '/nonexistent' }, '/nonexistent'), {}, {}, PORT);
  const claim: ResolvedClaim = { id: 'gateway', role: 'gateway', owner: 'core', bind: 'gateway', start: PORT, end: PORT };

  it('a port taken after the check becomes a PortConflictError naming the owner; the server is not listening', async () => {
    const foreign = await foreignListener(PORT);
    const server = createServer();
    try {
      await assert.rejects(listenExclusive(server, PORT, '127.0.0.1', { instance, claim, others: [] }), (e: unknown) => {
        assert.ok(e instanceof PortConflictError);
        assert.equal(e.message, `cannot start gateway main: port ${PORT} (gateway) is in use by pid ${foreign.pid} (node)`);
        return true;
      });
      assert.equal(server.listening, false);
    } finally {
      await foreign.stop();
    }
  });

  it('binds when the port is free', async () => {
    const server = createServer();
    await listenExclusive(server, PORT, '127.0.0.1', { instance, claim, others: [] });
    assert.equal(server.listening, true);
    await new Promise((r) => server.close(r));
  });
});
