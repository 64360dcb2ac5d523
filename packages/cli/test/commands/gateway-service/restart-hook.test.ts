import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { readToken } from '@clawport/core/node';
import { freeBlock, makeHome, removeHome, runCli, startGateway, waitFor, type LiveProcess } from '../../helpers/cli.js';

/** One request over a bare protocol-4 WebSocket (challenge, connect, then the call). */
async function call(port: number, token: string | undefined, method: string, params: unknown): Promise<{ ok: boolean; payload?: unknown; error?: { message: string } }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
  const frames: Array<{ type: string; id?: string }> = [];
  let wake: (() => void) | undefined;
  ws.on('message', (d: Buffer) => {
    frames.push(JSON.parse(d.toString('utf8')) as { type: string; id?: string });
    wake?.();
  });
  const response = async (id: string) => {
    for (;;) {
      const i = frames.findIndex((f) => f.type === 'res' && f.id === id);
      if (i >= 0) return frames.splice(i, 1)[0] as never;
      await new Promise<void>((r) => (wake = r));
    }
  };
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    const send = (id: string, m: string, p: unknown) => ws.send(JSON.stringify({ type: 'req', id, method: m, params: p }));
    send('c', 'connect', { minProtocol: 4, maxProtocol: 4, client: { id: 'restart-test', version: '1', platform: 'linux', mode: 'cli' }, auth: { token } });
    const hello = (await response('c')) as { ok: boolean };
    assert.equal(hello.ok, true, JSON.stringify(hello));
    send('r', method, params);
    return await response('r');
  } finally {
    ws.terminate();
  }
}

describe('gateway: a rescue gateway restarts another instance through its installed service (instances.restart)', function () {
  this.timeout(120_000);
  let home: string;
  let rescue: LiveProcess | undefined;
  const runtimeOf = async () => JSON.parse(await readFile(join(home, '.openclaw-main/gateway.runtime.json'), 'utf8')) as { pid: number };

  before(async () => {
    home = await makeHome();
  });
  after(async () => {
    await rescue?.stop();
    await runCli(['--profile', 'main', 'gateway', 'stop'], home);
    await removeHome(home);
  });

  it("main's pid changes and main is healthy again", async () => {
    const base = await freeBlock(250);
    for (const args of [
      ['--profile', 'main', 'setup', '--port', String(base)],
      ['--profile', 'main', 'gateway', 'install', '--backend', 'supervisor'],
      ['--profile', 'main', 'gateway', 'start'],
      ['--profile', 'rescue', 'setup', '--port', String(base + 120)],
      // the trust relation: rescue may act on main (declared locally, never over RPC)
      ['--profile', 'rescue', 'config', 'set', 'watch.targets', '["main"]'],
    ]) {
      const r = await runCli(args, home);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    await waitFor('main to be healthy', async () => (await runCli(['--profile', 'main', 'health'], home)).code === 0, 30_000);
    const before = (await runtimeOf()).pid;
    rescue = await startGateway(['--profile', 'rescue', 'gateway'], home, join(home, '.openclaw-rescue'));

    const res = await call(base + 120, await readToken(join(home, '.openclaw-rescue')), 'instances.restart', { name: 'main' });
    assert.equal(res.ok, true, JSON.stringify(res));
    assert.deepEqual(res.payload, { instance: 'main', result: { instance: 'main', backend: 'supervisor', restarted: true } });

    const after = await waitFor('main to run under a new pid', async () => {
      const pid = await runtimeOf().then((r) => r.pid, () => undefined);
      return pid !== undefined && pid !== before ? pid : undefined;
    }, 30_000);
    assert.notEqual(after, before);
    await waitFor('main to be healthy again', async () => (await runCli(['--profile', 'main', 'health'], home)).code === 0, 30_000);
  });
});
