// Runs only inside the upstream tier (tools/reliability/test/upstream: real openclaw@2026.9.6 gateways
// running), which starts this VS Code with EXT_TEST_FILES=upstream.tier and OPENCLAW_HOME = its home;
// the extension's own suite (test/run.sh) leaves *.tier.test.js out. `solo` is a stopped profile with
// the openclaw engine and no service, made by the tier for the launch case.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ClawportApi } from '../../src/extension.js';
import { api, eventually, isProcessAlive, row, rows, run, snapshot } from './helpers.js';

describe('sidebar beside real upstream OpenClaw gateways', () => {
  it('lists the upstream instances running, with the OpenClaw engine and upstream\'s own pid, beside the built-in one', async function () {
    this.timeout(120_000);
    const enginePid = Number(process.env.EXT_TEST_MAIN_ENGINE_PID);
    assert.ok(enginePid > 0, 'EXT_TEST_MAIN_ENGINE_PID names upstream main\'s pid');
    const a: ClawportApi = await api();
    await vscode.commands.executeCommand('workbench.view.extension.clawport');
    await eventually('three running rows', async () => {
      await a.controller.refresh();
      return ['main', 'rescue', 'side'].every((n) => /running · healthy/.test(String(row(a, n)?.item.description ?? '')));
    }, 60_000);
    assert.deepEqual(rows(a).map((r) => r.item.label), ['main', 'rescue', 'side', 'solo']);
    for (const n of ['main', 'rescue']) {
      assert.match(String(row(a, n)!.item.description), /OpenClaw engine/, n);
      assert.equal(snapshot(a, n)?.engine?.id, 'openclaw', n);
    }
    assert.equal(snapshot(a, 'main')?.engine?.pid, enginePid);
    // Through upstream's own handshake with main's token and device identity, as `clawport status` probes.
    assert.deepEqual([snapshot(a, 'main')?.engine?.state, snapshot(a, 'rescue')?.engine?.state], ['live', 'live']);
    assert.equal(snapshot(a, 'side')?.engine?.id, 'clawport');
    assert.doesNotMatch(String(row(a, 'side')!.item.description), /OpenClaw engine/);
    const kids = a.controller.provider.getChildren(row(a, 'main')!.node).map((k) => `${k.label} ${k.description}`);
    assert.ok(kids.includes(`engine upstream OpenClaw 2026.9.6 · pid ${enginePid}`), kids.join('\n'));
  });

  it('launches an upstream gateway like a built-in one (Start on solo): running, healthy, engine and version; a wrong token says auth failed; Stop: stopped, both processes gone', async function () {
    this.timeout(600_000);
    const a: ClawportApi = await api();
    await a.controller.refresh();
    const before = snapshot(a, 'solo')!;
    assert.deepEqual([before.running, before.engine?.id, before.service.installed], [false, 'openclaw', false]);
    // Start waits as long as the engine may take (core engineReadyLimitMs): upstream needs 8 s to minutes here.
    const started = await run('clawport.start', 'solo');
    assert.deepEqual(started, { ok: true, value: ['solo'] }, started.error);
    await a.controller.refresh();
    const s = snapshot(a, 'solo')!;
    assert.deepEqual([s.running, s.healthy, s.version, s.engine?.id], [true, true, '2026.9.6', 'openclaw']);
    const [pid, enginePid] = [s.pid!, s.engine!.pid!];
    assert.ok(enginePid > 0 && enginePid !== pid, `upstream's own pid ${enginePid} beside ours ${pid}`);
    assert.ok(isProcessAlive(pid) && isProcessAlive(enginePid));
    assert.match(String(row(a, 'solo')!.item.description), /running · healthy · (up \S+ · )?OpenClaw engine/);
    const kids = a.controller.provider.getChildren(row(a, 'solo')!.node).map((k) => `${k.label} ${k.description}`);
    assert.ok(kids.includes(`engine upstream OpenClaw 2026.9.6 · pid ${enginePid}`), kids.join('\n'));
    // A token the gateway does not know (here: solo's token file replaced while it runs) is "auth failed"
    // in the row, not "healthy", although /healthz still answers.
    const tokenFile = join(s.stateDir, 'credentials', 'gateway.token');
    const token = readFileSync(tokenFile, 'utf8');
    writeFileSync(tokenFile, `${'f'.repeat(48)}\n`);
    try {
      await a.controller.refresh();
      assert.equal(snapshot(a, 'solo')!.engine?.state, 'auth-failed');
      assert.match(String(row(a, 'solo')!.item.description), /running · auth failed · (up \S+ · )?OpenClaw engine/);
    } finally {
      writeFileSync(tokenFile, token);
    }
    const stopped = await run('clawport.stop', 'solo');
    assert.deepEqual(stopped, { ok: true, value: ['solo'] }, stopped.error);
    await a.controller.refresh();
    assert.equal(snapshot(a, 'solo')!.running, false);
    assert.match(String(row(a, 'solo')!.item.description), /stopped/);
    // Ours exits after upstream's (it waits for its child); the tier also checks no process of solo is left.
    assert.equal(isProcessAlive(pid), false, `our gateway ${pid} is gone`);
    await eventually(`upstream's pid ${enginePid} gone`, () => !isProcessAlive(enginePid), 30_000);
  });
});
