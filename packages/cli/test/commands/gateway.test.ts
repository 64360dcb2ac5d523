import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { listListeners } from '@clawport/core/node';
import { freeBlock, makeHome, removeHome, runCli, runJson, snapshot, startGateway, waitFor, type LiveProcess } from '../helpers/cli.js';

interface PortJson {
  id: string;
  role: string;
  start: number;
  end: number;
  state: string;
}
interface StatusJson {
  name: string;
  base: number;
  running: boolean;
  pid?: number;
  sources: Record<string, string>;
  health: { ok: boolean } | null;
  ports: PortJson[];
}

// One block of the suite's range, free right now: main, rescue (212 above), and room for the cases below.
let MAIN = 0;
let RESCUE = 0;

/** Ports in [from, to] that have a listener right now (kernel socket table). */
async function listening(from: number, to: number): Promise<number[]> {
  const all = (await listListeners()) ?? [];
  return [...new Set(all.filter((l) => l.port >= from && l.port <= to).map((l) => l.port))].sort((a, b) => a - b);
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

describe('commands/gateway + status + health (real gateways on loopback)', () => {
  let home: string;
  let main: LiveProcess;
  let rescue: LiveProcess;
  const stateOf = (p: string) => join(home, `.openclaw-${p}`);

  before(async () => {
    home = await makeHome();
    MAIN = await freeBlock(1011);
    RESCUE = MAIN + 212;
    for (const [p, port] of [['main', MAIN], ['rescue', RESCUE]] as const) {
      const r = await runCli(['--profile', p, 'setup', '--port', String(port)], home);
      assert.equal(r.code, 0, r.stderr);
    }
    main = await startGateway(['--profile', 'main', 'gateway'], home, stateOf('main'));
    rescue = await startGateway(['gateway', '--profile', 'rescue'], home, stateOf('rescue'));
  });
  after(async () => {
    await Promise.all([main?.stop(), rescue?.stop()]);
    await removeHome(home);
  });

  it('main and rescue (212 above) run side by side; each binds exactly gateway, browser control and canvas', async () => {
    assert.deepEqual(await listening(MAIN, MAIN + 110), [MAIN, MAIN + 2, MAIN + 4]);
    assert.deepEqual(await listening(RESCUE, RESCUE + 110), [RESCUE, RESCUE + 2, RESCUE + 4]);
  });

  for (const [name, baseOf] of [['main', () => MAIN], ['rescue', () => RESCUE]] as const) {
    it(`status --json of ${name}: right ports, running, healthy over the WebSocket probe`, async () => {
      const base = baseOf();
      const { result, run } = await runJson<StatusJson>(['--profile', name, 'status'], home);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual([result.name, result.base, result.running, result.health?.ok, result.sources.port], [name, base, true, true, 'runtime']);
      const byRole = Object.fromEntries(result.ports.map((p) => [p.role, [p.start, p.end, p.state]]));
      assert.deepEqual(byRole, {
        gateway: [base, base, 'listening'],
        'browser control': [base + 2, base + 2, 'listening'],
        canvas: [base + 4, base + 4, 'listening'],
        'CDP band': [base + 11, base + 110, 'free'],
      });
    });
  }

  it('status --all --json lists both, health one RPC, ports check proves them disjoint', async () => {
    const { result } = await runJson<StatusJson[]>(['status', '--all'], home);
    assert.deepEqual(result.map((s) => [s.name, s.base, s.running, s.health?.ok]), [['main', MAIN, true, true], ['rescue', RESCUE, true, true]]);
    const health = await runJson<{ ok: boolean; url: string }>(['--profile', 'rescue', 'health'], home);
    assert.deepEqual([health.run.code, health.result.ok, health.result.url], [0, true, `ws://127.0.0.1:${RESCUE}/`]);
    const check = await runCli(['ports', 'check'], home);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    const table = await runCli(['status', '--all'], home);
    assert.match(table.stdout, new RegExp(`^main +running, healthy +clawport \\S+ +\\d+ +\\S+ +${MAIN} +${MAIN + 2} +${MAIN + 4} +${MAIN + 11}–${MAIN + 110} +- +-$`, "m"), "no other claims, no service");
  });

  it('a second gateway on the same state dir exits 1 naming pid, profile and port; the first keeps running; nothing changed', async () => {
    const before = await snapshot(stateOf('main'));
    const r = await runCli(['--profile', 'main', 'gateway'], home);
    assert.equal(r.code, 1);
    const pid = JSON.parse(await readFile(join(stateOf('main'), 'gateway.runtime.json'), 'utf8')).pid as number;
    assert.equal(r.stderr, `error: state dir ${stateOf('main')} is in use by gateway pid ${pid} (profile main, port ${MAIN}) (stop it first: clawport --profile main gateway stop, or kill ${pid})\n`);
    assert.equal((await runCli(['--profile', 'main', 'health'], home)).code, 0);
    const after = await snapshot(stateOf('main'));
    // Log files grow while the gateway runs; everything else is byte-identical.
    const stable = (s: Record<string, string>) => Object.fromEntries(Object.entries(s).filter(([p]) => !p.includes('/logs')));
    assert.deepEqual(stable(after), stable(before));
  });

  it('a gateway whose derived port is held by a foreign listener fails naming port, role and owner; binds nothing', async () => {
    const foreign = await listen(MAIN + 602);
    try {
      const r = await runCli(['--profile', 'f', 'gateway', '--port', String(MAIN + 600)], home);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`^error: cannot start gateway f: port ${MAIN + 602} \\(browser control\\) is in use by pid \\d+ \\(node\\) \\(free the port, or move this instance: clawport --profile f ports suggest\\)\\n$`));
      assert.deepEqual(await listening(MAIN + 600, MAIN + 710), [MAIN + 602]);
      await assert.rejects(stat(join(stateOf('f'), 'gateway.runtime.json')));
    } finally {
      await new Promise((r) => foreign.close(r));
    }
    assert.equal((await runCli(['--profile', 'main', 'health'], home)).code, 0, 'the first gateway keeps running');
  });

  it('a profile set up 20 ports above main is flagged by ports check and doctor with the exact overlap', async () => {
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(stateOf('close'), { recursive: true, mode: 0o700 });
    await writeFile(join(stateOf('close'), 'openclaw.json'), JSON.stringify({ gateway: { port: MAIN + 20 } }), { mode: 0o600 });
    try {
      const check = await runCli(['ports', 'check'], home);
      assert.equal(check.code, 1);
      assert.ok(check.stdout.split('\n').includes(`close gateway ${MAIN + 20} overlaps main CDP band ${MAIN + 11}–${MAIN + 110}`), check.stdout);
      const doctor = await runJson<{ ok: boolean; findings: Array<{ check: string; message: string }> }>(['doctor'], home);
      assert.equal(doctor.run.code, 1);
      assert.ok(doctor.result.findings.some((f) => f.check === 'ports.overlap' && f.message === `close gateway ${MAIN + 20} overlaps main CDP band ${MAIN + 11}–${MAIN + 110}`));
      const start = await runCli(['--profile', 'close', 'gateway'], home);
      assert.equal(start.code, 1, 'the gateway refuses to start into an overlap');
      assert.match(start.stderr, new RegExp(`^error: .*${MAIN + 20}.*\\n$`));
    } finally {
      const { rm } = await import('node:fs/promises');
      await rm(stateOf('close'), { recursive: true, force: true });
    }
  });
});

describe('commands/gateway: started with --port only, and kill -9', () => {
  let home: string;
  let gw: LiveProcess | undefined;
  let B = 0;
  before(async () => {
    home = await makeHome();
    B = await freeBlock(400);
  });
  afterEach(async () => {
    await gw?.stop('SIGKILL');
    gw = undefined;
  });
  after(async () => removeHome(home));

  it('with --port only and no gateway.port in config, status reports where it runs (never a default port)', async () => {
    gw = await startGateway(['--profile', 'solo', 'gateway', '--port', String(B)], home, join(home, '.openclaw-solo'));
    const { result } = await runJson<StatusJson>(['--profile', 'solo', 'status'], home);
    assert.deepEqual([result.base, result.sources.port, result.running, result.health?.ok], [B, 'runtime', true, true]);
    assert.deepEqual(result.ports.map((p) => p.start), [B, B + 2, B + 11, B + 4]);
    const all = await runJson<StatusJson[]>(['status', '--all'], home);
    assert.deepEqual(all.result.map((s) => [s.name, s.base, s.running]), [['solo', B, true]]);
    assert.equal((await runCli(['--profile', 'solo', 'health'], home)).code, 0);
    assert.equal(await gw.stop(), 0, 'SIGTERM: clean exit 0');
  });

  it('kill -9, then start again: the stale lock is reclaimed and the gateway starts cleanly', async () => {
    const stateDir = join(home, '.openclaw-k9');
    gw = await startGateway(['--profile', 'k9', 'gateway', '--port', String(B + 200)], home, stateDir);
    await gw.stop('SIGKILL');
    await stat(join(stateDir, 'gateway.lock')); // left behind by the killed gateway
    const down = await runJson<StatusJson>(['--profile', 'k9', 'status'], home);
    assert.deepEqual([down.result.running, down.result.health], [false, null]);
    gw = await startGateway(['--profile', 'k9', 'gateway', '--port', String(B + 200)], home, stateDir);
    await waitFor('health', async () => (await runCli(['--profile', 'k9', 'health'], home)).code === 0);
    assert.equal(await gw.stop(), 0);
  });

  it('a gateway whose stdout/stderr reader went away (its `up` parent died) still stops cleanly on SIGTERM', async () => {
    const stateDir = join(home, '.openclaw-orphan');
    gw = await startGateway(['--profile', 'orphan', 'gateway', '--port', String(B + 300)], home, stateDir);
    gw.child.stdout!.destroy();
    gw.child.stderr!.destroy();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await gw.stop(), 0, 'exit 0, not a spin on EPIPE');
    await assert.rejects(stat(join(stateDir, 'gateway.runtime.json')));
    await assert.rejects(stat(join(stateDir, 'gateway.lock')));
  });

  it('health of a profile that is not running: exit 1, one line', async () => {
    const r = await runCli(['--profile', 'nobody', 'health', '--port'], home);
    assert.equal(r.code, 2, 'health has no --port flag');
    // Port from the environment (no flag), inside this suite's range: nothing listens there.
    const h = await runCli(['health'], home, { OPENCLAW_PROFILE: 'nobody', OPENCLAW_GATEWAY_PORT: String(B + 150) });
    assert.equal(h.code, 1);
    assert.match(h.stderr, new RegExp(`^error: cannot reach the gateway of nobody at ws://127\\.0\\.0\\.1:${B + 150}/: .*\\(is it running\\? clawport --profile nobody status\\)\\n$`));
  });
});
