import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { discoverInstances, processStartTicks, recordStopIntent, tokenPath, updateConfig, writeRuntime } from '@clawport/core/node';
import { observe, startedConfig } from '../../src/watch/observe.js';
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

  it('a target that stops on purpose (intent recorded since it started) is not failed while it still shuts down', async () => {
    // A real process holds the runtime file's pid but answers nothing: a gateway busy stopping its plugins.
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN } });
    const stopping = spawn('sleep', ['60'], { stdio: 'ignore' });
    await new Promise((r) => stopping.once('spawn', r));
    try {
      const startedAt = Date.now() - 60_000;
      const pid = stopping.pid!;
      await writeRuntime(main.instance.stateDir, {
        pid, startTicks: processStartTicks(pid), profile: 'main', name: 'main', version: '0', startedAt, host: '127.0.0.1', base: MAIN, ports: [],
        configPath: main.instance.configPath, stateDir: main.instance.stateDir,
      });
      const look = async () => observe(await targetOf(env.home, 'main'), { probeTimeoutMs: 500, startGraceMs: 5000 });
      assert.equal((await look()).kind, 'failed', 'no intent: a gateway that does not answer has failed');
      await recordStopIntent(main.instance.stateDir, 'an intent from before this gateway started');
      const intentFile = `${main.instance.stateDir}/gateway.stopped-on-purpose.json`;
      await writeFile(intentFile, JSON.stringify({ ...JSON.parse(await readFile(intentFile, 'utf8')), at: startedAt - 1 }));
      assert.equal((await look()).kind, 'failed', 'an older stop on purpose does not cover this gateway');
      await recordStopIntent(main.instance.stateDir, 'clawport gateway restart');
      assert.deepEqual(await look(), { kind: 'stopped-on-purpose', by: 'clawport gateway restart' });
    } finally {
      stopping.kill('SIGKILL');
    }
  });

  it("a slow start is starting, not failed, within the limit its lock declares (upstream's engine: minutes under load)", async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN } });
    const starting = spawn('sleep', ['60'], { stdio: 'ignore' });
    await new Promise((r) => starting.once('spawn', r));
    try {
      const pid = starting.pid!;
      const lock = (extra: object) => writeFile(`${main.instance.stateDir}/gateway.lock`, JSON.stringify({ pid, startTicks: processStartTicks(pid), acquiredAt: Date.now() - 60_000, ...extra }));
      const look = async () => observe(await targetOf(env.home, 'main'), { probeTimeoutMs: 500, startGraceMs: 5000 });
      await lock({});
      assert.deepEqual(await look(), { kind: 'failed', cause: 'not running' }, 'a built-in start past its grace has failed');
      await lock({ readyLimitMs: 120_000 });
      assert.deepEqual(await look(), { kind: 'starting', detail: `pid ${pid} starting` });
      await lock({ readyLimitMs: 30_000 });
      assert.equal((await look()).kind, 'failed', 'past its own limit it has failed too');
    } finally {
      starting.kill('SIGKILL');
    }
  });

  it('the config a target started with is only kept whole and valid (a torn read of a file rewritten in place is not)', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN } });
    const whole = await readFile(main.instance.configPath, 'utf8');
    assert.equal((await startedConfig(main.instance.configPath, Date.now() + 1000))?.text, whole);
    // What a read between a plain write's truncate and its data sees: the start of the new text.
    await writeFile(main.instance.configPath, '// valid JSON5, invalid config\n{"gateway": {"po');
    assert.equal(await startedConfig(main.instance.configPath, Date.now() + 1000), undefined);
  });

  it('a target whose token changed in its config since it started (config set gateway.auth.token) is live, not failed', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN, auth: { token: CONFIG_TOKEN } } });
    await started(env.running, gatewayOptions(main));
    // The running gateway keeps the token it started with; the config now names another one.
    await updateConfig(main.instance.configPath, (raw) => ({ ...raw, gateway: { ...(raw.gateway as object), auth: { token: 'rotated-in-config-not-yet-restarted' } } }));
    const seen = await observe(await targetOf(env.home, 'main'), { probeTimeoutMs: 3000, startGraceMs: 0 });
    assert.equal(seen.kind, 'live', JSON.stringify(seen));
  });
});
