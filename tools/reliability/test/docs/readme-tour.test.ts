import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, cleanEnv, makeHome, ok, runCli, startCommand, waitFor, type LiveProcess } from '../helpers/cli.js';
import { httpGet, startGatewayCli } from '../helpers/instance.js';
import { PORTS } from '../helpers/ports.js';

// The README's quick tour, command by command, as a new user types it (only the base ports differ:
// 18789/19001 in the README, a block of this suite here, so a developer's own gateways never clash).
const MAIN = PORTS.readmeTourMain;
const MANUAL = PORTS.readmeTourManual;

describe('README quick tour works as documented', function () {
  this.timeout(180_000);
  let home = '';
  const live: LiveProcess[] = [];
  let rescueBase = 0;

  before(async () => {
    home = await makeHome();
  });
  after(async () => {
    for (const p of live.reverse()) await p.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('clawport --profile main setup --port B; clawport --profile rescue setup (allocates a disjoint base)', async () => {
    ok(await runCli(['--profile', 'main', 'setup', '--port', String(MAIN)], home), 'main setup');
    const rescue = JSON.parse(ok(await runCli(['--profile', 'rescue', 'setup', '--json'], home), 'rescue setup').stdout) as {
      base: number;
      baseSource: string;
    };
    assert.equal(rescue.baseSource, 'allocated');
    rescueBase = rescue.base;
    assert.ok(rescueBase + 110 < MAIN || rescueBase > MAIN + 110, `rescue base ${rescueBase} lies in main's footprint`);
  });

  it('clawport --profile main gateway; clawport --profile rescue gateway (side by side)', async () => {
    live.push(await startGatewayCli(home, 'main', MAIN));
    live.push(await startGatewayCli(home, 'rescue', rescueBase));
  });

  it('clawport --profile main status (and --json) reports the running gateway on its ports', async () => {
    const human = ok(await runCli(['--profile', 'main', 'status'], home), 'status').stdout;
    assert.match(human, new RegExp(String(MAIN)));
    const json = JSON.parse(ok(await runCli(['--profile', 'main', 'status', '--json'], home), 'status --json').stdout) as {
      running: boolean;
      base: number;
      ports: Array<{ role: string; start: number; state: string }>;
    };
    assert.equal(json.running, true);
    assert.equal(json.base, MAIN);
    const byRole = Object.fromEntries(json.ports.map((p) => [p.role, p]));
    assert.equal(byRole['gateway'].start, MAIN);
    assert.equal(byRole['browser control'].start, MAIN + 2);
    assert.equal(byRole['canvas'].start, MAIN + 4);
    assert.equal(byRole['gateway'].state, 'listening');
  });

  it('clawport status --all lists both instances; profiles list agrees', async () => {
    const all = JSON.parse(ok(await runCli(['status', '--all', '--json'], home), 'status --all').stdout) as Array<{
      name: string;
      running: boolean;
      base: number;
    }>;
    assert.deepEqual(
      all.map((i) => [i.name, i.running, i.base]),
      [
        ['main', true, MAIN],
        ['rescue', true, rescueBase],
      ],
    );
    const list = ok(await runCli(['profiles', 'list'], home), 'profiles list').stdout;
    assert.match(list, /main/);
    assert.match(list, /rescue/);
  });

  it('clawport --profile rescue health; clawport ports check; clawport doctor', async () => {
    ok(await runCli(['--profile', 'rescue', 'health'], home), 'health');
    assert.match(ok(await runCli(['ports', 'check'], home), 'ports check').stdout, /disjoint/);
    const doctor = JSON.parse((await runCli(['doctor', '--json'], home)).stdout) as { counts: { error: number } };
    assert.equal(doctor.counts.error, 0, 'doctor found errors on a clean two-instance host');
  });

  it('clawport --profile rescue browser status answers through the gateway', async () => {
    const r = JSON.parse(ok(await runCli(['--profile', 'rescue', 'browser', 'status', '--json'], home), 'browser status').stdout) as {
      controlPort: number;
    };
    assert.equal(r.controlPort, rescueBase + 2);
  });

  it('the manual env form runs a third instance that status --all and ports check then see', async () => {
    const env = cleanEnv(home, {
      OPENCLAW_CONFIG_PATH: '~/.openclaw/manual.json',
      OPENCLAW_STATE_DIR: '~/.openclaw-manual',
    });
    const gw = startCommand(process.execPath, [BIN, 'gateway', '--port', String(MANUAL)], env);
    live.push(gw);
    await waitFor('manual gateway ready', async () => (await httpGet(MANUAL, '/readyz')).status === 200, 45_000, gw.output);
    const all = JSON.parse(ok(await runCli(['status', '--all', '--json'], home), 'status --all').stdout) as Array<{
      name: string;
      configPath: string;
      base: number;
      running: boolean;
    }>;
    const manual = all.find((i) => i.configPath === join(home, '.openclaw', 'manual.json'));
    assert.ok(manual, `manual instance missing from status --all: ${JSON.stringify(all.map((i) => i.name))}`);
    assert.equal(manual.base, MANUAL);
    assert.equal(manual.running, true);
    assert.match(ok(await runCli(['ports', 'check'], home), 'ports check').stdout, /^ok: the footprints of 3 instances are disjoint$/m);
  });
});
