import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PortsCheckResult } from '../../../src/commands/ports/check.js';
import { freeBlock } from '../../helpers/cli.js';
import { inProcess, tempHome } from '../helpers/in-process.js';

// The unit tier: `ports`, `ports suggest` and `ports check` inside this process over real configs in a
// temp home (nothing listens: these read the socket table, they bind nothing). The process-level
// twin with real listeners is test/commands/ports.test.ts.

interface PortsJson {
  name: string;
  base: number;
  baseSource: string;
  running: boolean;
  ports: Array<{ id: string; owner: string; bind: string; start: number; end: number; state: string }>;
}

async function writeConfig(home: string, profile: string, text: string): Promise<void> {
  await mkdir(join(home, `.openclaw-${profile}`), { mode: 0o700 });
  await writeFile(join(home, `.openclaw-${profile}`, 'openclaw.json'), text, { mode: 0o600 });
}

describe('unit: ports, ports suggest, ports check (in-process)', () => {
  let home: Awaited<ReturnType<typeof tempHome>>;
  let B = 0;
  beforeEach(async () => {
    home = await tempHome();
    B = await freeBlock(400);
    await writeConfig(home.path, 'main', `{ gateway: { port: ${B} } }`);
  });
  afterEach(async () => home.remove());

  it('ports: a stopped profile\'s footprint by role, owner and bind scope, from its config', async () => {
    const r = await inProcess<PortsJson>(['ports', '--profile', 'main', '--json'], home.path);
    assert.equal(r.exitCode, 0, r.line);
    assert.deepEqual([r.result?.name, r.result?.base, r.result?.baseSource, r.result?.running], ['main', B, 'config', false]);
    assert.deepEqual(
      r.result?.ports.map((p) => [p.id, p.owner, p.bind, p.start, p.end, p.state]),
      [
        ['gateway', 'core', 'gateway', B, B, 'free'],
        ['browser.control', 'browser', 'loopback', B + 2, B + 2, 'free'],
        ['browser.cdp', 'browser', 'loopback', B + 11, B + 110, 'free'],
        ['canvas', 'canvas', 'gateway', B + 4, B + 4, 'free'],
      ],
    );
  });

  it('ports suggest: the first base whose footprint clears every instance; an instance does not block itself', async () => {
    const other = await inProcess<{ base: number }>(['ports', 'suggest', '--profile', 'other', '--from', String(B), '--json'], home.path);
    assert.deepEqual([other.exitCode, other.result?.base], [0, B + 111]);
    const own = await inProcess<{ base: number }>(['ports', 'suggest', '--profile', 'main', '--from', String(B), '--json'], home.path);
    assert.equal(own.result?.base, B);
  });

  it('ports suggest --from 80: a usage error from the flag, exit 2', async () => {
    const r = await inProcess(['ports', 'suggest', '--from', '80'], home.path);
    assert.equal(r.exitCode, 2);
    assert.match(r.line ?? '', /^error: .*80/);
  });

  it('ports check: disjoint footprints are ok (exit 0); a second instance 20 above is named as an overlap (exit 1)', async () => {
    await writeConfig(home.path, 'far', `{ gateway: { port: ${B + 200} } }`);
    const ok = await inProcess<PortsCheckResult>(['ports', 'check', '--json'], home.path);
    assert.deepEqual([ok.exitCode, ok.result?.ok, ok.result?.instances.map((i) => i.name).sort()], [0, true, ['far', 'main']]);

    await writeConfig(home.path, 'near', `{ gateway: { port: ${B + 20} } }`);
    const bad = await inProcess<PortsCheckResult>(['ports', 'check'], home.path);
    assert.equal(bad.exitCode, 1, bad.stdout);
    const json = await inProcess<PortsCheckResult>(['ports', 'check', '--json'], home.path);
    assert.equal(json.result?.ok, false);
    assert.deepEqual(
      json.result?.overlaps.map((o) => [o.a.instance, o.a.id, o.b.instance, o.b.id].join(' ')),
      // near (B+20: gateway, control B+22, canvas B+24, CDP B+31–B+130) lands in main's CDP band B+11–B+110
      ['near gateway main browser.cdp', 'near browser.control main browser.cdp', 'near canvas main browser.cdp', 'near browser.cdp main browser.cdp'],
    );
  });

  it('ports check with a broken config: not proven, the instance named, exit 1', async () => {
    await writeConfig(home.path, 'broken', '{ gateway: { port: ');
    const r = await inProcess<PortsCheckResult>(['ports', 'check'], home.path);
    assert.equal(r.exitCode, 1);
    assert.match(r.stdout, /^not proven: 1 instance was not checked: broken \(broken config; fix it, then run: clawport ports check\)$/m);
  });
});
