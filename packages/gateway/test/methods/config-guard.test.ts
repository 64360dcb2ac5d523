import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { PLUGIN_API_VERSION, type ClawportPlugin } from '@clawport/core';
import { lastGoodPath } from '@clawport/core/node';
import { GatewayClient, type GatewayCallError } from '../../src/client/index.js';
import { defaultPlugins, gatewayOptions, gatewaysInTempHome, setupProfile, started } from '../helpers.js';

// main and rescue from the gateway test range (24000–24410).
const MAIN = 24000;
const RESCUE = MAIN + 300;

/** A third-party plugin that claims a port (B+150) and binds nothing: the edit check must count plugin claims too. */
const claimOnly: ClawportPlugin = {
  apiVersion: PLUGIN_API_VERSION,
  id: 'side',
  claims: () => [{ id: 'side', role: 'side port', from: 'base', offset: 150, bind: 'loopback' }],
  start: () => Promise.resolve({ stop: () => Promise.resolve() }),
};

async function refusal(p: Promise<unknown>): Promise<GatewayCallError> {
  return (await p.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  )) as GatewayCallError;
}

/** The state dir's files with their bytes: a refused patch must leave it identical (no backup rotation either). */
async function stateFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) if (name.includes('.json')) out[name] = await readFile(`${dir}/${name}`, 'utf8');
  return out;
}

describe('config.patch runs the one config-edit check (issue 12 item 5, issue 16 item 4)', () => {
  const env = gatewaysInTempHome();

  it('refuses a patch whose footprint overlaps another instance (its plugin claims included), or passes 65535; writes nothing', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN } });
    const rescue = await setupProfile(env.home, 'rescue', { gateway: { port: RESCUE }, watch: { targets: ['main'] } });
    await started(env.running, gatewayOptions(main));
    await started(env.running, gatewayOptions(rescue, { plugins: [...defaultPlugins(), claimOnly] }));
    // One ordinary patch first, so last-good exists and a rotation would show.
    const rc = await GatewayClient.connect({ url: `ws://127.0.0.1:${RESCUE}/`, token: rescue.token });
    await rc.call('config.patch', { patch: { logging: { level: 'debug' } } });
    const rescueBefore = await stateFiles(rescue.instance.stateDir);
    const mainBefore = await stateFiles(main.instance.stateDir);
    assert.ok(rescueBefore['openclaw.json.last-good'] !== undefined);

    // rescue's own base right below main: its built-ins clear main, its plugin's B+150 lands in main's CDP band.
    let e = await refusal(rc.call('config.patch', { patch: { gateway: { port: MAIN - 130 } } }));
    assert.equal(e.code, 'PORT_CONFLICT', e.message);
    assert.equal(
      e.message,
      "config.patch gateway.port: rescue's side port 24020 would overlap instance main's CDP band 24011–24110; nothing was written (choose a base whose whole footprint is free: clawport --profile rescue ports suggest)",
    );
    // its base inside main's footprint: named with the first overlap and how many more
    e = await refusal(rc.call('config.patch', { patch: { gateway: { port: MAIN + 20 } } }));
    assert.equal(e.code, 'PORT_CONFLICT');
    assert.match(e.message, /^config\.patch gateway\.port: rescue's gateway 24020 would overlap instance main's CDP band 24011–24110 \(and \d+ more overlaps\); nothing was written/);
    // a base whose CDP band passes 65535 (the schema alone accepts it)
    e = await refusal(rc.call('config.patch', { patch: { gateway: { port: 65500 } } }));
    assert.equal(e.code, 'PORT_RANGE');
    assert.match(e.message, /base 65500 puts its footprint at 65500–65610, past 65535/);
    // an explicit port of a built-in claim on main's gateway port, named by its key
    e = await refusal(rc.call('config.patch', { patch: { canvasHost: { port: MAIN } } }));
    assert.equal(e.code, 'PORT_CONFLICT');
    assert.match(e.message, /rescue's canvas 24000 \(canvasHost\.port\) would overlap instance main's gateway 24000.*set canvasHost\.port to a port outside instance main's footprint/);
    // and along the trust relation: main moved onto rescue names rescue
    e = await refusal(rc.call('config.patch', { instance: 'main', patch: { gateway: { port: RESCUE - 10 } } }));
    assert.equal(e.code, 'PORT_CONFLICT');
    assert.match(e.message, /main's CDP band 24301–24400 would overlap instance rescue's browser control 24302 \(and 2 more overlaps\)/);
    // rescue's plugin claim is known from its running gateway's runtime file (main never loads rescue's plugins)
    e = await refusal(rc.call('config.patch', { instance: 'main', patch: { gateway: { port: RESCUE + 150 } } }));
    assert.equal(e.code, 'PORT_CONFLICT');
    assert.match(e.message, /main's gateway 24450 would overlap instance rescue's side port 24450; nothing was written/);

    assert.deepEqual(await stateFiles(rescue.instance.stateDir), rescueBefore, 'rescue: config and last-good byte-identical');
    assert.deepEqual(await stateFiles(main.instance.stateDir), mainBefore, 'main: config and last-good byte-identical');
    // a free base still goes through
    await rc.call('config.patch', { patch: { gateway: { port: RESCUE + 50 } } });
    assert.equal(JSON.parse(await readFile(rescue.instance.configPath, 'utf8')).gateway.port, RESCUE + 50);
    assert.notEqual(await readFile(lastGoodPath(rescue.instance.configPath), 'utf8'), rescueBefore['openclaw.json.last-good']);
    await rc.close();
  });
});
