// Integration tests in the real extension host (code-server's VS Code 1.139 via tools/vscode-harness):
// the temp OPENCLAW_HOME run.sh created, real files, the extension's real tree provider and status bar.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ClawportApi } from '../../src/extension.js';
import { MAIN, RESCUE, api, eventually, removeProfile, resultsDir, row, rows, screenshot, testHome, withMainAndRescue, writeProfile } from './helpers.js';

describe('sidebar: tree of every instance on the host', () => {
  let a: ClawportApi;

  it('shows the welcome view with "Create profile" while the host has no instance', async function () {
    this.timeout(400_000); // the first screenshot waits for the workbench on a loaded machine
    testHome();
    a = await api();
    await a.controller.refresh();
    assert.deepEqual(a.controller.provider.getChildren(), []);
    await vscode.commands.executeCommand('workbench.view.extension.clawport');
    await screenshot('welcome', join(resultsDir(), 'vscode-welcome.png'), ['No OpenClaw gateway on this host yet', 'A profile is one gateway', 'Create Profile']);
  });

  it('lists main and rescue with their base ports, stopped', async () => {
    a = await withMainAndRescue();
    assert.deepEqual(
      rows(a).map((r) => `${r.node.label} ${r.node.description}`),
      [`main :${MAIN} · stopped`, `rescue :${RESCUE} · stopped`],
      // the view badge counts problems: none here
    );
    const mainRow = row(a, 'main')!;
    assert.equal(mainRow.item.contextValue, 'instance.stopped');
    assert.equal(mainRow.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const kids = a.controller.provider.getChildren(mainRow.node).map((n) => `${n.label} ${n.description}`);
    for (const expected of [
      'service none (started by hand or from here)',
      `gateway ${MAIN} · free`,
      `browser control ${MAIN + 2} · free`,
      `canvas ${MAIN + 4} · free`,
      `CDP band ${MAIN + 11}–${MAIN + 110} · none in use`,
      `config ${join(testHome(), '.openclaw-main', 'openclaw.json')}`,
      `state dir ${join(testHome(), '.openclaw-main')}`,
      `workspace ${join(testHome(), '.openclaw', 'workspace-main')}`,
    ]) {
      assert.ok(kids.includes(expected), `missing "${expected}" in\n${kids.join('\n')}`);
    }
    // ports in port order, whatever order the plugins claimed them in
    assert.deepEqual(kids.filter((k) => /^(gateway|browser control|canvas|CDP band) /.test(k)).map((k) => k.split(' ').find((w) => /^\d/.test(w))), [`${MAIN}`, `${MAIN + 2}`, `${MAIN + 4}`, `${MAIN + 11}–${MAIN + 110}`]);
    assert.equal(a.controller.view.badge, undefined);
  });

  it('the hover of a stopped gateway: its state in words, ports as plain numbers (nothing listens, nothing to open)', () => {
    const tip = row(a, 'rescue')!.item.tooltip as vscode.MarkdownString;
    assert.ok(tip instanceof vscode.MarkdownString);
    assert.match(tip.value, /^\*\*rescue\*\* — stopped/);
    for (const p of [RESCUE, RESCUE + 2, RESCUE + 4]) assert.match(tip.value, new RegExp(`\\| ${p} \\| free \\|`));
    assert.doesNotMatch(tip.value, /http:\/\//);
  });

  it('the status bar says 0 running / 2 instances and focuses the view on click', () => {
    assert.equal(a.controller.statusBar.text, '$(vm-running) 0 running / 2 instances');
    assert.equal(a.controller.statusBar.command, 'workbench.view.extension.clawport');
    assert.equal(a.controller.statusBar.backgroundColor, undefined);
  });

  it('a new profile dir is picked up by the file watcher, without a manual refresh', async () => {
    const before = a.controller.refreshes;
    await writeProfile('watched', { gateway: { port: 27600 } });
    try {
      await eventually('watched in the tree', () => row(a, 'watched'));
      assert.ok(a.controller.refreshes > before);
    } finally {
      removeProfile('watched');
    }
    await eventually('watched gone', () => !row(a, 'watched'));
  });
});
