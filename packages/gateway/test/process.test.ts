import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isListening, readRuntime } from '@clawport/core/node';
import { probeGateway } from '../src/client/index.js';
import { setupProfile, tempHome, waitFor } from './helpers.js';

const ENTRY = fileURLToPath(new URL('./fixtures/gateway-entry.ts', import.meta.url));
const BASE = 21800;

interface Child {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnGateway(home: string, profile: string, port?: number, env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY, profile, ...(port ? [String(port)] : [])], {
    env: { ...process.env, OPENCLAW_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const exit = once(proc, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { proc, out: () => out, err: () => err, exit };
}

describe('gateway as a real child process', () => {
  let env: Awaited<ReturnType<typeof tempHome>>;
  const children: Child[] = [];
  beforeEach(async () => (env = await tempHome()));
  afterEach(async () => {
    for (const c of children.splice(0)) {
      if (c.proc.exitCode === null && c.proc.signalCode === null) {
        c.proc.kill('SIGKILL');
        await c.exit;
      }
    }
    await env.cleanup();
  });
  const start = (profile: string, port?: number, extraEnv?: Record<string, string>) => {
    const c = spawnGateway(env.home, profile, port, extraEnv);
    children.push(c);
    return c;
  };
  const ready = (c: Child, stateDir: string) =>
    waitFor(async () => {
      if (c.proc.exitCode !== null) throw new Error(`gateway exited early: ${c.err()}`);
      const rt = await readRuntime(stateDir);
      return rt && rt.pid === c.proc.pid ? rt : undefined;
    }, 'runtime file');

  it('SIGTERM: listeners closed, runtime file and lock removed, exit 0', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const c = start('main');
    await ready(c, main.instance.stateDir);
    assert.equal((await probeGateway({ port: BASE, token: main.token })).healthy, true);
    c.proc.kill('SIGTERM');
    assert.deepEqual(await c.exit, { code: 0, signal: null });
    await assert.rejects(stat(join(main.instance.stateDir, 'gateway.runtime.json')), { code: 'ENOENT' });
    await assert.rejects(stat(join(main.instance.stateDir, 'gateway.lock')), { code: 'ENOENT' });
    for (const port of [BASE, BASE + 2, BASE + 4]) assert.equal(await isListening(port), false, `port ${port} closed`);
  });

  it('second gateway process on the same state dir exits 1 with the lock message', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const first = start('main');
    await ready(first, main.instance.stateDir);
    const second = start('main', BASE + 300);
    assert.deepEqual(await second.exit, { code: 1, signal: null });
    assert.match(
      second.err(),
      new RegExp(`^error: state dir ${main.instance.stateDir} is in use by gateway pid ${first.proc.pid} \\(profile main, port ${BASE}\\)`),
    );
    assert.equal((await probeGateway({ port: BASE, token: main.token })).healthy, true);
  });

  it('kill -9, then start again: the stale lock is reclaimed and it starts cleanly', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const first = start('main');
    await ready(first, main.instance.stateDir);
    first.proc.kill('SIGKILL');
    await first.exit;
    // the lock and runtime file are still there, owned by a dead pid
    await stat(join(main.instance.stateDir, 'gateway.lock'));
    const again = start('main');
    const rt = await ready(again, main.instance.stateDir);
    assert.equal(rt.base, BASE);
    assert.equal((await probeGateway({ port: BASE, token: main.token })).healthy, true);
    again.proc.kill('SIGTERM');
    assert.equal((await again.exit).code, 0);
  });

  it('an uncaught plugin error: cleaned up (runtime file, lock, ports), exit 1', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const c = start('main', undefined, { TEST_CRASH_MS: '300' });
    assert.deepEqual(await c.exit, { code: 1, signal: null });
    assert.match(c.err(), /^error: gateway main crashed: Error: plugin bug/m);
    await assert.rejects(stat(join(main.instance.stateDir, 'gateway.runtime.json')), { code: 'ENOENT' });
    await assert.rejects(stat(join(main.instance.stateDir, 'gateway.lock')), { code: 'ENOENT' });
    for (const port of [BASE, BASE + 2, BASE + 4]) assert.equal(await isListening(port), false, `port ${port} closed`);
  });

  it('a config error exits 78 with one line', async () => {
    await setupProfile(env.home, 'open', { gateway: { port: BASE, bind: 'lan', auth: { mode: 'none' } } });
    const c = start('open');
    assert.deepEqual(await c.exit, { code: 78, signal: null });
    assert.equal(c.err().trim().split('\n').length, 1);
    assert.match(c.err(), /^error: gateway\.bind "lan" with gateway\.auth\.mode "none" would serve this gateway beyond loopback without auth/);
  });
});
