// Third-party plugin claims in the tree, like built-in ones: a profile loading @clawport/plugin-metrics
// (claims B+5). The editor never imports an instance's plugins (issue #16.3): while stopped the claim
// is not shown; once its real gateway runs, the claim it published in its runtime file is, listening.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import type { ClawportApi } from '../../src/extension.js';
import { EXTENSION_ID, killAll, removeProfile, row, run, snapshot, withMainAndRescue, writeProfile } from './helpers.js';

const METERED = 27500;

describe('plugins: third-party claims in the tree', () => {
  let a: ClawportApi;
  const plugin = () => resolve(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, '..', '..', 'packages', 'plugin-metrics', 'dist', 'index.js');

  before(async () => {
    assert.ok(existsSync(plugin()), `${plugin()} is not built`);
    a = await withMainAndRescue();
    await writeProfile('metered', { gateway: { port: METERED }, plugins: { load: [plugin()] } });
    await a.controller.refresh();
  });

  after(async () => {
    await run('clawport.stop', 'metered');
    await killAll(a);
    removeProfile('metered');
    await a.controller.refresh();
  });

  const metrics = () => a.controller.provider.getChildren(row(a, 'metered')!.node).find((n) => n.label === 'metrics');

  it('stopped: the plugin is not loaded, so its claim is not shown', () => {
    assert.equal(row(a, 'metered')!.item.description, `:${METERED} · stopped`);
    assert.equal(metrics(), undefined);
  });

  it('with the gateway running, the plugin port is listening', async () => {
    const out = await run('clawport.start', 'metered');
    assert.equal(out.ok, true, out.error);
    assert.equal(metrics()?.description, `${METERED + 5} · listening`);
    assert.equal(metrics()?.url, `http://127.0.0.1:${METERED + 5}/`);
    assert.match((row(a, 'metered')!.item.tooltip as vscode.MarkdownString).value, new RegExp(`\\| metrics \\| \\[${METERED + 5}\\]\\(.*\\) \\| listening \\|`));
  });

  it("the plugin's own status() shows under the instance (issue 15), read with the instance's token", async () => {
    await fetch(`http://127.0.0.1:${METERED + 5}/metrics`).then((r) => r.text());
    await a.controller.refresh();
    const services = a.controller.provider.getChildren(row(a, 'metered')!.node).find((n) => n.label === 'plugins');
    assert.match(String(services?.description), /^metrics running · scrapes [1-9]\d*$/);
    assert.equal(snapshot(a, 'metered')!.plugins?.metrics?.state, 'running');
  });
});
