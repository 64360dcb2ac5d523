import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { busyPortsIn, canBind, describePid, isListening, listenerPid, listListeners, pidOfSocketInode, LOOPBACK } from '../../src/node/port-probe.js';

/** A real listener on 127.0.0.1 at an OS-chosen port. */
async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: LOOPBACK }, resolve);
  });
  return { server, port: (server.address() as { port: number }).port };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('node/port-probe (real loopback sockets)', () => {
  let server: Server | undefined;
  let port = 0;
  beforeEach(async () => {
    ({ server, port } = await listen());
  });
  afterEach(async () => {
    if (server?.listening) await close(server);
  });

  it('listListeners finds our listener on 127.0.0.1 with its socket inode, and its pid', async () => {
    const all = await listListeners();
    assert.ok(all, '/proc/net/tcp is readable on Linux');
    const mine = all.find((l) => l.port === port && l.address === '127.0.0.1');
    assert.ok(mine, `listener ${port} not in the socket table`);
    assert.ok(mine.inode > 0);
    assert.equal(await pidOfSocketInode(mine.inode), process.pid);
  });

  it('listenerPid names our process for our port (with or without the inode), and nobody once closed', async () => {
    assert.equal(await listenerPid(port), process.pid);
    const mine = (await listListeners())!.find((l) => l.port === port)!;
    assert.equal(await listenerPid(port, mine.inode), process.pid);
    assert.equal(await describePid(process.pid), `pid ${process.pid} (node)`);
    await close(server!);
    assert.equal(await listenerPid(port), undefined);
  });

  it('a closed port disappears from the socket table', async () => {
    await close(server!);
    const all = await listListeners();
    assert.ok(all);
    assert.equal(all.some((l) => l.port === port && l.address === '127.0.0.1'), false);
  });

  it('canBind is false while the port is held and true after it is closed', async () => {
    assert.equal(await canBind(port), false);
    await close(server!);
    assert.equal(await canBind(port), true);
    assert.equal(await canBind(port), true, 'canBind released the port again');
  });

  it('isListening connects on loopback', async () => {
    assert.equal(await isListening(port), true);
    await close(server!);
    assert.equal(await isListening(port), false);
  });

  it('busyPortsIn reports exactly the held ports of a range', async () => {
    const second = await listen();
    try {
      const lo = Math.min(port, second.port);
      const hi = Math.max(port, second.port);
      const busy = await busyPortsIn(lo, hi);
      assert.ok(busy.has(port) && busy.has(second.port));
      assert.deepEqual([...(await busyPortsIn(port, port))], [port]);
    } finally {
      await close(second.server);
    }
  });

  it('pidOfSocketInode of an inode nobody holds is undefined', async () => {
    assert.equal(await pidOfSocketInode(1), undefined);
  });
});
