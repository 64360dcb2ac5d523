import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { discoverInstances, tokenPath } from '@clawport/core/node';
import { observe } from '../../src/watch/observe.js';
import type { Target } from '../../src/methods/targets.js';
import { gatewayOptions, gatewaysInTempHome, setupProfile, started } from '../helpers.js';

// From the gateway test range (24000–24410); files in one package run one after another.
const MAIN = 24000;
const CONFIG_TOKEN = 'main-token-set-in-config-not-the-file';

async function targetOf(home: string, name: string): Promise<Target> {
  const found = await discoverInstances({ env: { OPENCLAW_HOME: home }, osHome: home });
  const d = found.find((x) => x.instance.name === name);
  assert.ok(d, `${name} is discovered`);
  return { name, profile: d.instance.profile, stateDir: d.instance.stateDir, configPath: d.instance.configPath, base: d.instance.port, self: false, discovered: d };
}

describe("the watcher's probe of a target (issue 14)", () => {
  const env = gatewaysInTempHome();

  it('a target whose token is gateway.auth.token (not its token file) is live, as its gateway authenticates it', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN, auth: { token: CONFIG_TOKEN } } });
    assert.notEqual((await readFile(tokenPath(main.instance.stateDir), 'utf8')).trim(), CONFIG_TOKEN, 'the file holds another token');
    await started(env.running, gatewayOptions(main));
    const seen = await observe(await targetOf(env.home, 'main'), { probeTimeoutMs: 3000, startGraceMs: 0 });
    assert.equal(seen.kind, 'live', JSON.stringify(seen));
  });

  it('a stopped target with no stop on purpose is failed; no runtime, no lock, nothing to wait for', async () => {
    await setupProfile(env.home, 'main', { gateway: { port: MAIN } });
    const seen = await observe(await targetOf(env.home, 'main'), { probeTimeoutMs: 1000, startGraceMs: 5000 });
    assert.deepEqual(seen, { kind: 'failed', cause: 'not running' });
  });
});
