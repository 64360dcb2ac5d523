import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { freeBlock, makeHome, removeHome, runCli, runJson } from '../helpers/cli.js';

interface PortsJson {
  name: string;
  base: number;
  baseSource: string;
  running: boolean;
  ports: Array<{ id: string; role: string; owner: string; bind: string; start: number; end: number; state: string; busy: number[] }>;
}

describe('commands/ports, ports suggest', () => {
  let home: string;
  let B = 0;
  before(async () => {
    home = await makeHome();
    B = await freeBlock(400);
    assert.equal((await runCli(['--profile', 'main', 'setup', '--port', String(B)], home)).code, 0);
  });
  after(async () => removeHome(home));

  it('ports --json: the footprint by role, owner and bind scope', async () => {
    const { result, run } = await runJson<PortsJson>(['--profile', 'main', 'ports'], home);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual([result.name, result.base, result.baseSource, result.running], ['main', B, 'config', false]);
    assert.deepEqual(
      result.ports.map((p) => [p.id, p.owner, p.bind, p.start, p.end, p.state]),
      [
        ['gateway', 'core', 'gateway', B, B, 'free'],
        ['browser.control', 'browser', 'loopback', B + 2, B + 2, 'free'],
        ['browser.cdp', 'browser', 'loopback', B + 11, B + 110, 'free'],
        ['canvas', 'canvas', 'gateway', B + 4, B + 4, 'free'],
      ],
    );
  });

  it('a foreign listener on a stopped profile\'s port shows as "in use"', async () => {
    const s: Server = await new Promise((resolve) => {
      const srv = createServer();
      srv.listen(B + 4, '127.0.0.1', () => resolve(srv));
    });
    try {
      const { result } = await runJson<PortsJson>(['--profile', 'main', 'ports'], home);
      // who holds it: this test process (pid and command from the kernel, as the gateway's refusal names them)
      const canvas = result.ports.find((p) => p.id === 'canvas') as { heldBy?: Array<{ port: number; pid?: number; command?: string }> };
      assert.deepEqual({ ...canvas, heldBy: undefined }, { id: 'canvas', role: 'canvas', owner: 'canvas', bind: 'gateway', start: B + 4, end: B + 4, state: 'in use', busy: [B + 4], heldBy: undefined });
      assert.deepEqual(canvas.heldBy?.map((h) => [h.port, h.pid]), [[B + 4, process.pid]]);
      const human = await runCli(['--profile', 'main', 'ports'], home);
      assert.match(human.stdout, new RegExp(`^canvas +${B + 4} +gateway +canvas +in use by another process: ${B + 4} \\(pid ${process.pid} \\S+\\)$`, 'm'));
    } finally {
      await new Promise((r) => s.close(r));
    }
  });

  it('ports suggest: the next base whose footprint clears every instance and listener', async () => {
    const other = await runJson<{ base: number; start: number; end: number }>(['--profile', 'other', 'ports', 'suggest', '--from', String(B)], home);
    assert.deepEqual(other.result, { base: B + 111, start: B + 111, end: B + 221 });
    const s: Server = await new Promise((resolve) => {
      const srv = createServer();
      srv.listen(B + 111, '127.0.0.1', () => resolve(srv)); // on that base itself
    });
    try {
      const next = await runJson<{ base: number }>(['--profile', 'other', 'ports', 'suggest', '--from', String(B)], home);
      // B+111 is busy; the footprint at B+112 (B+112, +114, +116, +123…+222) clears it.
      assert.equal(next.result.base, B + 112);
    } finally {
      await new Promise((r) => s.close(r));
    }
    const own = await runJson<{ base: number }>(['--profile', 'main', 'ports', 'suggest', '--from', String(B)], home);
    assert.equal(own.result.base, B, 'an instance does not block itself');
  });

  it('ports suggest --from outside 1024–65535: exit 2', async () => {
    const r = await runCli(['ports', 'suggest', '--from', '80'], home);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: .*80.*\n$/);
  });
});

describe('commands/ports check with an instance it cannot check', () => {
  let home: string;
  before(async () => {
    home = await makeHome();
    const B = await freeBlock(400);
    assert.equal((await runCli(['--profile', 'main', 'setup', '--port', String(B)], home)).code, 0);
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(`${home}/.openclaw-broken`, { mode: 0o700 });
    await writeFile(`${home}/.openclaw-broken/openclaw.json`, '{ gateway: { port: ', { mode: 0o600 });
  });
  after(async () => removeHome(home));

  it('a broken config is named as not checked; no "ok", exit 1 (human and --json)', async () => {
    const human = await runCli(['ports', 'check'], home);
    assert.equal(human.code, 1, human.stdout + human.stderr);
    assert.doesNotMatch(human.stdout, /^ok/m);
    assert.match(human.stdout, /^not proven: 1 instance was not checked: broken \(broken config; fix it, then run: clawport ports check\)$/m);
    const { result, run } = await runJson<{ ok: boolean; unchecked: Array<{ instance: string; reason: string }> }>(['ports', 'check'], home);
    assert.equal(run.code, 1);
    assert.equal(result.ok, false);
    assert.deepEqual(result.unchecked.map((u) => u.instance), ['broken']);
  });
});

describe('commands/ports check says what it proved in words that read right for 0, 1 and n instances', () => {
  let home: string;
  before(async () => {
    home = await makeHome();
  });
  after(async () => removeHome(home));

  it('none: nothing to overlap, no empty table; one: nothing to overlap; three: disjoint; one broken beside them: not proven', async () => {
    const none = await runCli(['ports', 'check'], home);
    assert.deepEqual([none.code, none.stdout], [0, 'ok: no instances on this host yet, nothing to overlap\n']);
    const B = await freeBlock(400);
    assert.equal((await runCli(['--profile', 'main', 'setup', '--port', String(B)], home)).code, 0);
    const one = await runCli(['ports', 'check'], home);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /^ok: 1 instance, nothing to overlap\nINSTANCE/);
    for (const [p, port] of [['rescue', B + 111], ['third', B + 222]] as const) {
      assert.equal((await runCli(['--profile', p, 'setup', '--port', String(port)], home)).code, 0);
    }
    const three = await runCli(['ports', 'check'], home);
    assert.match(three.stdout, /^ok: the footprints of 3 instances are disjoint\n/);
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(`${home}/.openclaw-broken`, { mode: 0o700 });
    await writeFile(`${home}/.openclaw-broken/openclaw.json`, '{ gateway: { port: ', { mode: 0o600 });
    const broken = await runCli(['ports', 'check'], home);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^not proven: 1 instance was not checked: broken \(broken config; fix it, then run: clawport ports check\); the footprints of the other 3 are disjoint\n/);
  });
});

// A footprint problem (core's ports, not a plugin's) used to carry its instance's name in the message, and
// every host-wide caller named the instance again ("warning: p410: p410: CDP band …"); a command that
// targets one instance resolves its footprint under a private placeholder name, which leaked as a NUL byte
// ("error: \0self: CDP band …"). The message names the role; host-wide callers name the instance once.
describe('commands/ports check, doctor, config set and gateway name the instance of a footprint problem once', () => {
  let home: string;
  let B = 0;
  const REFUSED = 'gateway.port: base 65500 puts its footprint at 65500–65610, past 65535 (choose a base ≤ 65425, or run: clawport ports suggest)';
  const CONTROL = 'browser.controlPort: 65500 puts its ports at 65500–65608, past 65535 (choose browser.controlPort ≤ 65427)';
  before(async () => {
    home = await makeHome();
    B = await freeBlock(400);
    assert.equal((await runCli(['--profile', 'p400', 'setup', '--port', String(B)], home)).code, 0);
    // setup refuses a base whose CDP band passes 65535: p410's config is written as an editor would.
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(`${home}/.openclaw-p410`, { mode: 0o700 });
    await writeFile(`${home}/.openclaw-p410/openclaw.json`, JSON.stringify({ gateway: { port: 65500 } }), { mode: 0o600 });
  });
  after(async () => removeHome(home));

  it('ports check (the fast read entry) and doctor (oclif): "p410: gateway.port: …", never "p410: p410:"', async () => {
    const check = await runCli(['ports', 'check'], home);
    assert.equal(check.stderr, `warning: p410: ${REFUSED}\n`);
    const doctor = await runCli(['doctor'], home);
    assert.equal(doctor.code, 1, doctor.stdout + doctor.stderr);
    assert.match(doctor.stdout, /^error +p410: gateway\.port: base 65500 puts its footprint at 65500–65610, past 65535$/m);
    assert.doesNotMatch(doctor.stdout + doctor.stderr, /p410: p410:/);
  });

  it('--profile P config set and gateway: the key, its ports and the highest value that fits, no placeholder name', async () => {
    const set = await runCli(['--profile', 'p400', 'config', 'set', 'browser.controlPort', '65500'], home);
    // The key, what it reaches and the highest value that fits (it was "CDP band 65509–65608 is outside 1024–65535", no key).
    assert.deepEqual([set.code, set.stderr], [78, `error: ${CONTROL}\n`]);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${home}/.openclaw-p400/openclaw.json`, JSON.stringify({ gateway: { port: B }, browser: { controlPort: 65500 } }), { mode: 0o600 });
    const gateway = await runCli(['--profile', 'p400', 'gateway'], home);
    assert.deepEqual([gateway.code, gateway.stderr], [78, `error: ${CONTROL}\n`]);
    // doctor: one error with that fix (the browser plugin's own "passes 65535" check no longer doubles it).
    const doctor = await runJson<{ findings: Array<{ severity: string; instance?: string; message: string; fix?: string; keyPath?: string }> }>(['doctor'], home);
    assert.deepEqual(
      doctor.result.findings.filter((f) => f.severity === 'error' && f.instance === 'p400').map((f) => [f.message, f.fix, f.keyPath]),
      [['p400: browser.controlPort: 65500 puts its ports at 65500–65608, past 65535', 'choose browser.controlPort ≤ 65427', 'browser.controlPort']],
    );
  });
});

// A base whose CDP band passes 65535 (p410 at 65500) is refused by the gateway, yet host-wide reads took the
// footprint without that band (gateway + canvas, 65500–65504) as p410's ports: `ports check` said "ok" (rc 0)
// and missed p410's browser control 65502 inside q's CDP band; `profiles list` showed p410 "stopped" with
// ports 65500–65504 while `status --all` said "config error"; doctor gave two errors for one cause with two
// different fixes; the gateway's refusal named no key. Such an instance is now "not checked" like a broken
// config, and every command words the refusal the same way.
describe('commands: a profile whose derived ports pass 65535 is refused the same way everywhere, never proven ok', () => {
  let home: string;
  const REFUSED = 'gateway.port: base 65500 puts its footprint at 65500–65610, past 65535 (choose a base ≤ 65425, or run: clawport ports suggest)';
  before(async () => {
    home = await makeHome();
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(`${home}/.openclaw-p410`, { mode: 0o700 });
    await writeFile(`${home}/.openclaw-p410/openclaw.json`, '{gateway:{port:65500}}', { mode: 0o600 });
  });
  after(async () => removeHome(home));

  it('ports check: not proven, rc 1, p410 listed as unchecked (text and --json)', async () => {
    const check = await runCli(['ports', 'check'], home);
    assert.equal(check.code, 1, check.stdout + check.stderr);
    assert.equal(check.stdout, 'not proven: 1 instance was not checked: p410 (gateway.port: base 65500 puts its footprint at 65500–65610, past 65535; choose a base ≤ 65425, or run: clawport ports suggest)\n');
    assert.equal(check.stderr, `warning: p410: ${REFUSED}\n`);
    const { result, run } = await runJson<{ ok: boolean; instances: unknown[]; unchecked: Array<{ instance: string; reason: string }> }>(['ports', 'check'], home);
    assert.equal(run.code, 1);
    assert.deepEqual([result.ok, result.instances, result.unchecked], [false, [], [{ instance: 'p410', reason: REFUSED }]]);
  });

  it('profiles list says config error with no ports, as status --all does', async () => {
    const list = await runJson<Array<{ name: string; footprint?: unknown; configError?: string }>>(['profiles', 'list'], home);
    assert.deepEqual(list.result.map((e) => [e.name, e.footprint, e.configError]), [['p410', undefined, REFUSED.replace(/ \(.*\)$/, '')]]);
    const text = await runCli(['profiles', 'list'], home);
    assert.match(text.stdout, /^p410 +65500 +- +config error /m);
    const all = await runCli(['status', '--all'], home);
    assert.match(all.stdout, /^p410 +config error /m);
  });

  it('doctor: one finding with one fix (the base to choose); gateway: the same line as status, rc 78', async () => {
    const doctor = await runJson<{ findings: Array<{ severity: string; instance?: string; message: string; fix?: string; keyPath?: string }> }>(['doctor'], home);
    const errors = doctor.result.findings.filter((f) => f.severity === 'error');
    assert.deepEqual(
      errors.map((f) => [f.instance, f.message, f.fix, f.keyPath]),
      [['p410', 'p410: gateway.port: base 65500 puts its footprint at 65500–65610, past 65535', 'choose a base ≤ 65425, or run: clawport ports suggest', 'gateway.port']],
    );
    const gateway = await runCli(['--profile', 'p410', 'gateway'], home);
    assert.deepEqual([gateway.code, gateway.stderr], [78, `error: ${REFUSED}\n`]);
    const status = await runCli(['--profile', 'p410', 'status'], home);
    assert.match(status.stdout, new RegExp(`^error +${REFUSED.replace(/[()]/g, '\\$&')}$`, 'm'));
  });

  it("with q at base 65425 (CDP band 65436–65535, which holds p410's browser control 65502): still not proven, never ok", async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(`${home}/.openclaw-q`, { mode: 0o700 });
    await writeFile(`${home}/.openclaw-q/openclaw.json`, '{gateway:{port:65425}}', { mode: 0o600 });
    const check = await runCli(['ports', 'check'], home);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^not proven: 1 instance was not checked: p410 \(/);
    assert.doesNotMatch(check.stdout, /^ok/m);
  });
});
