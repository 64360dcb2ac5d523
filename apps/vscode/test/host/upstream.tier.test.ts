// Runs only inside the upstream tier (tools/reliability/test/upstream: real openclaw@2026.9.6 gateways
// running), which starts this VS Code with EXT_TEST_FILES=upstream.tier and OPENCLAW_HOME = its home;
// the extension's own suite (test/run.sh) leaves *.tier.test.js out.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClawportApi } from '../../src/extension.js';
import { api, eventually, row, rows, snapshot } from './helpers.js';

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
    assert.deepEqual(rows(a).map((r) => r.item.label), ['main', 'rescue', 'side']);
    for (const n of ['main', 'rescue']) {
      assert.match(String(row(a, n)!.item.description), /OpenClaw engine/, n);
      assert.equal(snapshot(a, n)?.engine?.id, 'openclaw', n);
    }
    assert.equal(snapshot(a, 'main')?.engine?.pid, enginePid);
    assert.equal(snapshot(a, 'side')?.engine?.id, 'clawport');
    assert.doesNotMatch(String(row(a, 'side')!.item.description), /OpenClaw engine/);
    const kids = a.controller.provider.getChildren(row(a, 'main')!.node).map((k) => `${k.label} ${k.description}`);
    assert.ok(kids.includes(`engine upstream OpenClaw 2026.9.6 · pid ${enginePid}`), kids.join('\n'));
  });
});
