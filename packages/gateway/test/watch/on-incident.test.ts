import assert from 'node:assert/strict';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Incident } from '@clawport/core';
import { GatewayLogger } from '../../src/log/logger.js';
import { HookQueue, runIncidentHook } from '../../src/watch/on-incident.js';
import { tempHome } from '../helpers.js';

const incident: Incident = {
  id: '20261129T070000-abc123',
  target: 'main',
  watcher: 'rescue',
  detectedAt: '2026-11-29T07:00:00.000Z',
  cause: 'pid 4242 is not answering',
  state: 'open',
  actions: [],
};

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The hook's outcomes are log records; this reads them as objects. */
async function logRecords(dir: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(join(dir, 'gateway.log'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

const logged = (dir: string, msg: string) => until(`log "${msg}"`, async () => (await logRecords(dir)).find((r) => r.msg === msg));

describe('watch.onIncident: the hook for the outside world (issue 14)', () => {
  let env: Awaited<ReturnType<typeof tempHome>>;
  let log: GatewayLogger;
  beforeEach(async () => {
    env = await tempHome();
    log = new GatewayLogger({ dir: join(env.home, 'logs'), secrets: [] });
  });
  afterEach(() => env.cleanup());
  const logDir = () => join(env.home, 'logs');

  it("runs the user's command with the incident as one JSON line on stdin, without waiting for it", async () => {
    const out = join(env.home, 'received.json');
    // The command sleeps first: when runIncidentHook returns, the command cannot have finished.
    runIncidentHook({ command: ['sh', '-c', `sleep 0.3; cat > '${out}'`], timeoutMs: 10_000 }, incident, log);
    await assert.rejects(access(out), 'the watcher was not held up by the hook');
    const text = await until('the hook output', () => readFile(out, 'utf8').then((t) => (t.endsWith('\n') ? t : undefined), () => undefined));
    assert.deepEqual(JSON.parse(text), incident);
    assert.equal(text.trim().split('\n').length, 1);
  });

  it('a failing command is logged with its exit code and the end of its stderr', async () => {
    runIncidentHook({ command: ['sh', '-c', 'cat >/dev/null; echo "webhook said 500" >&2; exit 3'], timeoutMs: 10_000 }, incident, log);
    const r = await logged(logDir(), 'watch.onIncident failed');
    assert.equal(r.level, 'warn');
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'webhook said 500');
    assert.equal(r.incident, incident.id);
    assert.equal(r.target, 'main');
  });

  it('a command that outlives its time is killed and that is logged', async () => {
    runIncidentHook({ command: ['sleep', '60'], timeoutMs: 200 }, incident, log);
    const r = await logged(logDir(), 'watch.onIncident was stopped');
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(r.timeoutMs, 200);
  });

  it('a command that does not exist is logged, never thrown', async () => {
    assert.doesNotThrow(() => runIncidentHook({ command: [join(env.home, 'no-such-hook')], timeoutMs: 1000 }, incident, log));
    const r = await logged(logDir(), 'watch.onIncident could not start');
    assert.match(String(r.error), /ENOENT/);
  });

  it('no hook configured: nothing runs, nothing is logged', async () => {
    runIncidentHook(undefined, incident, log);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await logRecords(logDir()), []);
  });

  it('one watcher delivers the changes of an incident in order, each as it was when it happened (HookQueue)', async () => {
    const out = join(env.home, 'states.txt');
    // The first call is the slowest: run side by side, it would land last.
    const script = `read -r line; case "$line" in *'"state":"open"'*) sleep 0.4;; esac; printf '%s\\n' "$line" >> '${out}'`;
    const hook = { command: ['sh', '-c', script], timeoutMs: 10_000 };
    const q = new HookQueue();
    const live: Incident = { ...incident, actions: [] };
    void q.push(hook, live, log);
    live.state = 'acting';
    live.actions.push({ kind: 'restart', at: '2026-11-29T07:00:05.000Z', result: 'ok' });
    void q.push(hook, live, log);
    live.state = 'resolved';
    await q.push(hook, live, log);
    const seen = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Incident);
    assert.deepEqual(seen.map((i) => [i.state, i.actions.length]), [['open', 0], ['acting', 1], ['resolved', 1]]);
  });
});
