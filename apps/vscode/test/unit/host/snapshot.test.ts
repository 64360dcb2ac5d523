import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { registerInstance, writeConfig } from '@clawport/core/node';
import { consoleLogPath, spawnDetached, stopByPid, waitUntilRunning } from '../../../src/host/launcher.js';
import { loadSnapshots } from '../../../src/host/snapshot.js';
import { gatewayPlan } from '../../../src/model/launch-plan.js';

const CLI = resolve(__dirname, '../../../../../packages/cli/bin/run.js');

/** Real files in a temp OPENCLAW_HOME, a real gateway (the CLI's), a real foreign listener. */
describe('host/snapshot: from disk and probes', function () {
  this.timeout(60_000);
  let home: string;
  let squatter: Server | undefined;
  const env = () => ({ OPENCLAW_HOME: home });

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'clawport-vscode-unit-'));
    await writeConfig(join(home, '.openclaw-main', 'openclaw.json'), { gateway: { port: 27900 } });
    await writeConfig(join(home, '.openclaw-rescue', 'openclaw.json'), { gateway: { port: 28100 } });
    await writeConfig(join(home, '.openclaw-broken', 'openclaw.json'), {});
    await writeFile(join(home, '.openclaw-broken', 'openclaw.json'), '{ gateway: { port: 80 } }');
    await writeConfig(join(home, 'bots', 'alpha.json'), { gateway: { port: 28300 } });
    await registerInstance(home, { name: 'alpha', stateDir: join(home, 'bots', 'alpha'), configPath: join(home, 'bots', 'alpha.json') });
  });

  after(async () => {
    await stopByPid(join(home, '.openclaw-main'), 'SIGKILL').catch(() => undefined);
    if (squatter) await new Promise((r) => squatter!.close(r));
    await rm(home, { recursive: true, force: true });
  });

  it('finds profiles, broken configs and registered custom paths, sorted by name', async () => {
    const snaps = await loadSnapshots({ env: env(), osHome: '/nonexistent' });
    assert.deepEqual(
      snaps.map((s) => [s.name, s.base, s.custom]),
      [
        ['alpha', 28300, true],
        ['broken', 80, false],
        ['main', 27900, false],
        ['rescue', 28100, false],
      ],
    );
    assert.deepEqual(snaps.map((s) => s.run), ['stopped', 'stopped', 'stopped', 'stopped']);
    // a broken config shows the port it asks for (80 here), with the cause and where, not the default 18789
    assert.equal(snaps[1].portsAssumed, true);
    assert.deepEqual(snaps[1].configError, { cause: 'gateway.port: ports below 1024 need root', line: 1, column: 14 });
    assert.deepEqual([snaps[0].portsAssumed, snaps[0].configError], [false, undefined]);
    assert.deepEqual(snaps[2].ports.map((p) => `${p.claim.id} ${p.claim.start}-${p.claim.end} ${p.listening.length}`), [
      'gateway 27900-27900 0',
      'browser.control 27902-27902 0',
      'browser.cdp 27911-28010 0',
      'canvas 27904-27904 0',
    ]);
  });

  it('a foreign listener on a stopped instance port is a conflict', async () => {
    squatter = createServer();
    await new Promise<void>((r) => squatter!.listen(28104, '127.0.0.1', r));
    const rescue = (await loadSnapshots({ env: env(), osHome: '/nonexistent' })).find((s) => s.name === 'rescue')!;
    // the squatter is this test process: named with its pid and command
    assert.deepEqual(rescue.conflicts.map((c) => [c.kind, c.port, c.process?.pid, c.culprit, c.blocksStart]), [['foreign', 28104, process.pid, 'rescue', true]]);
    assert.ok(rescue.conflicts[0].process?.command, 'the command name is read from the process table');
    assert.deepEqual(rescue.ports.find((p) => p.claim.id === 'canvas')!.heldBy, rescue.conflicts[0].process);
    assert.deepEqual(rescue.ports.find((p) => p.claim.id === 'canvas')!.listening, [28104]);
  });

  it('a real gateway started from its plan shows as running and healthy, with its pid', async () => {
    const main = (await loadSnapshots({ env: env(), osHome: '/nonexistent' })).find((s) => s.name === 'main')!;
    const plan = gatewayPlan(main, { node: process.execPath, cli: CLI });
    plan.env.OPENCLAW_HOME = home;
    const child = spawnDetached(plan, consoleLogPath(main.stateDir), home);
    const pid = await waitUntilRunning(main.stateDir, { child, logFile: consoleLogPath(main.stateDir), timeoutMs: 30_000 });
    const now = (await loadSnapshots({ env: env(), osHome: '/nonexistent' })).find((s) => s.name === 'main')!;
    assert.equal(now.running, true);
    assert.equal(now.healthy, true);
    assert.equal(now.pid, pid);
    assert.equal(now.run, 'running');
    assert.ok(now.startedAt && now.startedAt <= Date.now());
    assert.deepEqual(now.ports.find((p) => p.claim.id === 'gateway')!.listening, [27900]);
    assert.equal(await stopByPid(main.stateDir), pid);
    const after = (await loadSnapshots({ env: env(), osHome: '/nonexistent' })).find((s) => s.name === 'main')!;
    assert.equal(after.running, false);
  });
});
