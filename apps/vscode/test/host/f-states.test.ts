// The states a user meets, side by side in one real workbench (the picture in the docs): main running
// and healthy, a profile whose footprint overlaps main (conflict, culprit named), rescue with a port
// taken by a foreign process, a profile whose config does not parse (config error on its configured
// port. Then Stop Gateways… from the command palette (its titles are checked in test/unit/manifest.test.ts).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import * as vscode from 'vscode';
import type { ClawportApi } from '../../src/extension.js';
import { MAIN, RESCUE, eventually, isProcessAlive, killAll, removeProfile, resultsDir, row, run, screenshot, snapshot, withMainAndRescue, writeProfile } from './helpers.js';

const CLASH = MAIN + 50;
const BROKEN = 29000;

describe('states: running, conflict, foreign process, config error; the palette', () => {
  let a: ClawportApi;
  let squatter: Server;

  before(async () => {
    a = await withMainAndRescue();
    await writeProfile('clash', { gateway: { port: CLASH } });
    const bad = await writeProfile('broken', { gateway: { port: BROKEN } });
    writeFileSync(bad, '{\n  gateway: { port: 29000 },\n  agents: { defaults: { workspace: "~/w" } \n}\n');
    squatter = createServer();
    await new Promise<void>((r) => squatter.listen(RESCUE + 4, '127.0.0.1', r));
    await a.controller.refresh();
  });

  after(async () => {
    await new Promise((r) => squatter.close(r));
    await run('clawport.down', ['main']);
    await killAll(a);
    removeProfile('clash');
    removeProfile('broken');
    await a.controller.refresh();
  });

  it('each row tells run state and problems apart, in one glance', async () => {
    // the gateway's preflight refuses any overlap with a valid config: Start is refused up front, naming clash
    assert.match((await run('clawport.start', 'main')).error!, /refused: .*move clash to a free base$/);
    const desc = (name: string) => row(a, name)!.item.description as string;
    assert.equal(desc('clash'), `:${CLASH} · stopped · 1 conflict`);
    assert.equal(desc('main'), `:${MAIN} · stopped · 1 conflict`);
    assert.equal(desc('rescue'), `:${RESCUE} · stopped · 1 conflict`);
    assert.equal(desc('broken'), `:${BROKEN} · stopped · config error`);
    // a broken config proves no footprint: it conflicts with nothing, and nobody conflicts with it
    assert.deepEqual(snapshot(a, 'broken')!.conflicts, []);
    assert.equal(a.controller.statusBar.text, '$(vm-running) 0 running / 4 instances $(warning) 2 conflicts $(error) 1 config error');
    assert.equal(a.controller.view.badge?.value, 3);
  });

  it('main running next to a conflict, a foreign process and a config error', async function () {
    this.timeout(400_000); // the screenshot: one paint of the workbench takes minutes on a loaded machine
    // clash moves out of main's way with the row's quick fix, then comes back as a stopped overlap of a
    // running main (clash is the culprit either way): the state the docs picture shows
    const moved = await run<{ name: string; base: number }>('clawport.moveToFreeBase', 'clash');
    assert.equal(moved.ok, true, moved.error);
    assert.equal((await run('clawport.start', 'main')).ok, true);
    await writeProfile('clash', { gateway: { port: CLASH } });
    await eventually('clash back in main', () => /1 conflict/.test(row(a, 'clash')!.item.description as string));
    assert.match(row(a, 'main')!.item.description as string, new RegExp(`^:${MAIN} · running · healthy · up \\d+[sm] · 1 conflict$`));
    assert.equal((row(a, 'main')!.item.iconPath as vscode.ThemeIcon).id, 'vm-running');
    assert.match(row(a, 'clash')!.item.contextValue!, /^instance\.stopped\.conflict\.blocked/);

    // The picture of these states, under the test results on every run (docs/vscode-sidebar.png is a
    // copy of one): main running, clash overlapping it, rescue with a foreign process, broken's config error.
    await screenshot('states', join(resultsDir(), 'vscode-states.png'), ['main', 'running', 'clash', '1 conflict', 'broken', 'config error']);
  });

  it('Stop OpenClaw Gateways… from the palette: the running ones are checked, Enter stops them', async () => {
    const pid = snapshot(a, 'main')!.pid!;
    let settled = false;
    const pending = run<string[]>('clawport.down').then((o) => ((settled = true), o));
    await eventually('the pick to be accepted', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 200));
      return settled;
    });
    const out = await pending;
    assert.deepEqual(out, { ok: true, value: ['main'] }, out.error);
    assert.equal(isProcessAlive(pid), false);
  });
});
