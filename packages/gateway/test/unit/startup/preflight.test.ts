import assert from 'node:assert/strict';
import { builtinManifests, ConfigError, PortConflictError, resolveInstance, resolveInstancePaths, type OpenClawConfig, type ResolvedInstance } from '@clawport/core';
import { writeConfig, type DiscoveredInstance, type Listener } from '@clawport/core/node';
import { ALLOW_SHARED_CREDENTIALS_ENV, hostProbes, preflight, type PreflightProbes } from '../../../src/startup/preflight.js';
import { tempHome } from '../../helpers.js';

// The unit tier for the gateway's start decision: preflight with injected host probes. The host's
// instances are real config files in a temp home (read by the real readHost); the socket table, the
// bind test and the owner lookup are fakes, so a refusal is proved without binding or probing a port.
// The process-level twin (real listeners, real gateways) is test/conflicts.test.ts.

const B = 23000;

/** Probes that see `listeners` (undefined: the socket table is unreadable) and record what was asked. */
function fakeProbes(listeners: Listener[] | undefined, bindable: (port: number) => boolean = () => true) {
  const asked = { canBind: [] as number[], portOwner: [] as Array<[number, string[], number | undefined]> };
  const probes: PreflightProbes = {
    readHost: hostProbes.readHost,
    listListeners: () => Promise.resolve(listeners),
    canBind: (port) => {
      asked.canBind.push(port);
      return Promise.resolve(bindable(port));
    },
    portOwner: (port, others: readonly DiscoveredInstance[], inode) => {
      asked.portOwner.push([port, others.map((o) => o.instance.name), inode]);
      return Promise.resolve('pid 4242 (python3)');
    },
  };
  return { probes, asked };
}

const listener = (port: number, inode = 77): Listener => ({ port, address: '127.0.0.1', inode });

async function instanceIn(home: string, profile: string, config: OpenClawConfig): Promise<{ instance: ResolvedInstance; config: OpenClawConfig }> {
  const paths = resolveInstancePaths({ profile }, { OPENCLAW_HOME: home }, home);
  const written = await writeConfig(paths.configPath, config);
  return { instance: resolveInstance(paths, written, {}), config: written };
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('preflight did not refuse');
}

describe('unit: gateway preflight with injected host probes', () => {
  let env: Awaited<ReturnType<typeof tempHome>>;
  beforeEach(async () => (env = await tempHome()));
  afterEach(async () => env.cleanup());

  it('a free host: the whole footprint is proved from the socket table, no port bind-tested', async () => {
    const main = await instanceIn(env.home, 'main', { gateway: { port: B } });
    const { probes, asked } = fakeProbes([listener(B + 300)]);
    const r = await preflight(main.instance, main.config, builtinManifests, probes);
    assert.deepEqual(
      r.footprint.claims.map((c) => [c.id, c.start, c.end]),
      [['gateway', B, B], ['browser.control', B + 2, B + 2], ['browser.cdp', B + 11, B + 110], ['canvas', B + 4, B + 4]],
    );
    assert.deepEqual([r.warnings, r.pluginErrors, asked.canBind], [[], [], []]);
  });

  it("another instance's configured footprint on ours: refused, naming that instance and both claims", async () => {
    await instanceIn(env.home, 'other', { gateway: { port: B + 20 } });
    const main = await instanceIn(env.home, 'main', { gateway: { port: B } });
    const e = await rejection(preflight(main.instance, main.config, builtinManifests, fakeProbes([]).probes));
    assert.ok(e instanceof PortConflictError, String(e));
    assert.match(e.message, new RegExp(`^cannot start gateway main: port ${B + 20} \\(CDP band\\) is claimed by instance other \\(gateway ${B + 20}\\)$`));
    assert.equal(e.suggestion, 'free the port, or move this instance: clawport --profile main ports suggest');
  });

  it('a stopped instance with a broken config does not count (its ports are unknown, nothing to prove against)', async () => {
    const main = await instanceIn(env.home, 'main', { gateway: { port: B } });
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(`${env.home}/.openclaw-broken`, { mode: 0o700 });
    await writeFile(`${env.home}/.openclaw-broken/openclaw.json`, `{ gateway: { port: ${B} `, { mode: 0o600 });
    const r = await preflight(main.instance, main.config, builtinManifests, fakeProbes([]).probes);
    assert.deepEqual([r.others.map((o) => o.instance.name), r.otherFootprints], [['broken'], []]);
  });

  it('a live listener on a single port we bind: refused, its owner named by the probe (port and inode passed on)', async () => {
    const main = await instanceIn(env.home, 'main', { gateway: { port: B } });
    const { probes, asked } = fakeProbes([listener(B + 4, 4711)]);
    const e = await rejection(preflight(main.instance, main.config, builtinManifests, probes));
    assert.ok(e instanceof PortConflictError);
    assert.equal(e.message, `cannot start gateway main: port ${B + 4} (canvas) is in use by pid 4242 (python3)`);
    assert.deepEqual(asked.portOwner, [[B + 4, [], 4711]]);
  });

  it('a listener inside the CDP band is a warning (the band skips it), not a refusal', async () => {
    const main = await instanceIn(env.home, 'main', { gateway: { port: B } });
    const r = await preflight(main.instance, main.config, builtinManifests, fakeProbes([listener(B + 50)]).probes);
    assert.deepEqual(r.warnings, [`port ${B + 50} in CDP band ${B + 11}–${B + 110} is in use; it will be skipped`]);
  });

  it('no socket table: each single port is bind-tested (never the band); an unbindable one is refused', async () => {
    const main = await instanceIn(env.home, 'main', { gateway: { port: B } });
    const free = fakeProbes(undefined);
    await preflight(main.instance, main.config, builtinManifests, free.probes);
    assert.deepEqual(free.asked.canBind, [B, B + 2, B + 4]);

    const held = fakeProbes(undefined, (port) => port !== B + 2);
    const e = await rejection(preflight(main.instance, main.config, builtinManifests, held.probes));
    assert.ok(e instanceof PortConflictError);
    assert.equal(e.message, `cannot start gateway main: port ${B + 2} (browser control) is in use by pid 4242 (python3)`);
  });

  it('a bot credential another instance uses: refused as a config error naming key and instance, never the value; the documented override starts', async () => {
    const channels = { telegram: { botToken: '123456:shared-secret-token' } };
    await instanceIn(env.home, 'other', { gateway: { port: B + 200 }, channels });
    const main = await instanceIn(env.home, 'main', { gateway: { port: B }, channels });
    const e = await rejection(preflight(main.instance, main.config, builtinManifests, fakeProbes([]).probes));
    assert.ok(e instanceof ConfigError);
    assert.equal(e.message, 'cannot start gateway main: channels.telegram.botToken is also used by instance other (two gateways polling one bot lose messages)');
    assert.ok(!JSON.stringify({ m: e.message, s: e.suggestion }).includes('shared-secret'));
    process.env[ALLOW_SHARED_CREDENTIALS_ENV] = '1';
    try {
      await preflight(main.instance, main.config, builtinManifests, fakeProbes([]).probes);
    } finally {
      delete process.env[ALLOW_SHARED_CREDENTIALS_ENV];
    }
  });
});
