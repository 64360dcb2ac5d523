// Lifecycle against real gateways: `node packages/cli/bin/run.js --profile P gateway` started by the
// extension's commands, checked through the process table, /healthz and the tree.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClawportApi } from '../../src/extension.js';
import type { BrowserStatus } from '../../src/host/browser-status.js';
import type { TreeNode } from '../../src/model/tree-node.js';
import { MAIN, RESCUE, eventually, gatewayPid, isProcessAlive, killAll, row, rows, run, snapshot, withMainAndRescue } from './helpers.js';

const healthz = (port: number) => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status);

describe('lifecycle: start, stop, restart, up, down, kill from commands', () => {
  let a: ClawportApi;

  before(async () => {
    a = await withMainAndRescue();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('clawport').update('startMode', undefined, vscode.ConfigurationTarget.Global);
    await run('clawport.down', ['main', 'rescue']);
    await killAll(a);
  });

  it('start (by name) says starting… meanwhile, runs a real gateway; stop ends it; the node follows', async () => {
    const pending = run('clawport.start', 'rescue');
    await eventually('the row to say starting…', () => row(a, 'rescue')!.item.description === `:${RESCUE} · starting…`);
    assert.equal((row(a, 'rescue')!.item.iconPath as vscode.ThemeIcon).id, 'loading~spin');
    const started = await pending;
    assert.deepEqual(started, { ok: true, value: ['rescue'] }, started.error);
    const pid = snapshot(a, 'rescue')!.pid!;
    assert.ok(isProcessAlive(pid), 'gateway process runs');
    assert.equal(await healthz(RESCUE), 200);
    assert.match(row(a, 'rescue')!.item.description as string, new RegExp(`^:${RESCUE} · running · healthy · up \\d+s$`));
    assert.equal(row(a, 'rescue')!.item.contextValue, 'instance.running');
    const gw = a.controller.provider.getChildren(row(a, 'rescue')!.node).find((n) => n.label === 'gateway')!;
    assert.equal(gw.description, `${RESCUE} · listening`);
    assert.equal(gw.contextValue, 'port.listening');

    const stopped = await run('clawport.stop', 'rescue');
    assert.equal(stopped.ok, true, stopped.error);
    assert.equal(isProcessAlive(pid), false, 'gateway process ended');
    assert.equal(row(a, 'rescue')!.item.description, `:${RESCUE} · stopped`);
    await assert.rejects(healthz(RESCUE));
  });

  it('start and restart from a tree node; open logs follows the log file', async () => {
    const node: TreeNode = row(a, 'rescue')!.node;
    assert.equal((await run('clawport.start', node)).ok, true);
    const first = snapshot(a, 'rescue')!.pid!;
    const logs = await run<string>('clawport.openLogs', node);
    assert.equal(logs.ok, true, logs.error);
    const follower = a.logFollower(snapshot(a, 'rescue')!.key)!;
    await eventually('gateway ready in the log channel', () => follower.seen.includes('gateway ready'));
    // readable lines, not JSON: time, level, message, key fields (the Log language colours them)
    assert.match(follower.seen, /^\d\d:\d\d:\d\d\.\d{3} INFO {3}gateway ready {2}url=ws:\/\/127\.0\.0\.1:\d+\/ ports=\[gateway \d+/m);
    assert.doesNotMatch(follower.seen, /^\{"ts"/m);
    const readyLines = () => follower.seen.split('gateway ready').length - 1;
    const before = readyLines();

    const restarted = await run('clawport.restart', row(a, 'rescue')!.node);
    assert.equal(restarted.ok, true, restarted.error);
    const second = snapshot(a, 'rescue')!.pid!;
    assert.notEqual(second, first);
    assert.equal(isProcessAlive(first), false);
    assert.ok(isProcessAlive(second));
    await eventually('a new ready line followed into the channel', () => readyLines() > before);
  });

  it('a gateway that stops answering shows as unhealthy, and recovers', async () => {
    const pid = snapshot(a, 'rescue')!.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      await a.controller.refresh();
      assert.match(row(a, 'rescue')!.item.description as string, new RegExp(`^:${RESCUE} · running · not answering · up `));
      assert.equal(row(a, 'rescue')!.item.contextValue, 'instance.unhealthy');
      // red and a different shape from a stopped gateway's grey outline
      const icon = row(a, 'rescue')!.item.iconPath as vscode.ThemeIcon;
      assert.deepEqual([icon.id, icon.color?.id], ['error', 'list.errorForeground']);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await a.controller.refresh();
    assert.match(row(a, 'rescue')!.item.description as string, /· running · healthy · up /);
  });

  it('up starts what is stopped of a multi-selection', async () => {
    const up = await run('clawport.up', row(a, 'main')!.node, [row(a, 'main')!.node, row(a, 'rescue')!.node]);
    assert.deepEqual(up, { ok: true, value: ['main'] }, up.error);
    assert.deepEqual(rows(a).map((r) => (r.item.description as string).replace(/ · up .*/, '')), [`:${MAIN} · running · healthy`, `:${RESCUE} · running · healthy`]);
    assert.equal(a.controller.statusBar.text, '$(vm-running) 2 running / 2 instances');
    // (the picture of a running main is taken by f-states, with the problem states beside it)
  });

  it('open canvas and browser status read the running gateway', async () => {
    const canvas = await run<string>('clawport.openCanvas', 'main');
    assert.equal(canvas.value, `http://127.0.0.1:${MAIN + 4}/`, canvas.error);
    assert.equal((await fetch(canvas.value)).status, 200);
    const browser = await run<BrowserStatus>('clawport.browserStatus', 'main');
    assert.equal(browser.value?.controlPort, MAIN + 2);
    assert.equal(browser.value?.controlListening, true);
    assert.equal(browser.value?.band, `${MAIN + 11}–${MAIN + 110}`);
    assert.equal(browser.value?.pluginError, undefined);
    assert.ok(browser.value?.plugin && typeof browser.value.plugin === 'object', JSON.stringify(browser.value));
  });

  it('kill leaves a stale lock and runtime file that doctor reports (as the CLI does); start reclaims them', async () => {
    const pid = (await gatewayPid(snapshot(a, 'main')!.stateDir))!;
    assert.equal((await run('clawport.kill', 'main')).ok, true);
    assert.equal(isProcessAlive(pid), false);
    // stopped means the ports are free too (launcher waits for the socket table after SIGKILL)
    // stopped, and doctor's finding is in the row (in words) and its problems
    // the host model reads both owner files (the editor's own copy used to skip the lock)
    assert.equal(row(a, 'main')!.item.description, `:${MAIN} · stopped · 2 warnings`);
    const labels = a.controller.provider.getChildren(row(a, 'main')!.node).map((n) => n.label);
    assert.ok(labels.includes('stale runtime file') && labels.includes('stale lock file'), JSON.stringify(labels));
    const doctor = await run<Array<{ check: string; instance?: string }>>('clawport.doctor');
    assert.ok(doctor.value?.some((f) => f.check === 'state.staleRuntime' && f.instance === 'main'), JSON.stringify(doctor.value));
    assert.ok(doctor.value?.some((f) => f.check === 'state.staleLock' && f.instance === 'main'), JSON.stringify(doctor.value));
    assert.equal((await run('clawport.start', 'main')).ok, true);
    assert.match(row(a, 'main')!.item.description as string, new RegExp(`^:${MAIN} · running · healthy`));
  });

  it('down stops every running gateway of the selection', async () => {
    const pids = [snapshot(a, 'main')!.pid!, snapshot(a, 'rescue')!.pid!];
    const down = await run('clawport.down', ['main', 'rescue']);
    assert.deepEqual(down, { ok: true, value: ['main', 'rescue'] }, down.error);
    for (const pid of pids) assert.equal(isProcessAlive(pid), false);
    assert.equal(a.controller.statusBar.text, '$(vm-running) 0 running / 2 instances');
  });

  it('a process taking a port shows up by itself, named; Start is refused before trying, naming it, with the fix', async () => {
    const { createServer } = await import('node:net');
    await vscode.commands.executeCommand('workbench.view.extension.clawport'); // visible: the socket table is watched
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(RESCUE + 4, '127.0.0.1', r));
    try {
      // no refresh() here: binding a port touches no file, the controller reads the socket table
      await eventually('rescue to show the conflict', () => /· stopped · 1 conflict$/.test(row(a, 'rescue')!.item.description as string), 20_000);
      assert.match(row(a, 'rescue')!.item.contextValue!, /^instance\.stopped\.conflict\.blocked/);
      const kids = a.controller.provider.getChildren(row(a, 'rescue')!.node);
      const canvas = kids.find((n) => n.label === 'canvas')!;
      // the squatter is this extension host process
      assert.match(canvas.description!, new RegExp(`^${RESCUE + 4} · taken by (.+ \\()?pid ${process.pid}\\)?$`));
      assert.equal(canvas.url, undefined);
      const problem = kids.find((n) => n.kind === 'problem')!;
      assert.match(problem.label, new RegExp(`^port ${RESCUE + 4} taken by (.+ \\()?pid ${process.pid}`));
      assert.equal(problem.description, 'move this profile to a free base');
      const out = await run('clawport.start', 'rescue');
      assert.equal(out.ok, false);
      assert.match(out.error!, new RegExp(`^start rescue refused: rescue canvas ${RESCUE + 4}: port ${RESCUE + 4} is taken by .*pid ${process.pid}.*; move this profile to a free base$`));
      assert.equal(snapshot(a, 'rescue')!.running, false);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
    await eventually('the conflict to go by itself', () => row(a, 'rescue')!.item.description === `:${RESCUE} · stopped`, 20_000);
  });

  it('start in an integrated terminal when clawport.startMode is "terminal"', async () => {
    await vscode.workspace.getConfiguration('clawport').update('startMode', 'terminal', vscode.ConfigurationTarget.Global);
    const out = await run('clawport.start', 'rescue');
    assert.equal(out.ok, true, out.error);
    assert.ok(vscode.window.terminals.some((t) => t.name === 'gateway rescue'));
    const pid = snapshot(a, 'rescue')!.pid!;
    assert.equal((await run('clawport.stop', 'rescue')).ok, true);
    assert.equal(isProcessAlive(pid), false);
    await eventually('terminal closed', () => !vscode.window.terminals.some((t) => t.name === 'gateway rescue'));
  });
});
