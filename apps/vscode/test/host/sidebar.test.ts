// Integration tests in the real extension host (code-server's VS Code 1.139 via tools/vscode-harness):
// real gateways (the CLI's `gateway` command) in the temp OPENCLAW_HOME run.sh created, real files,
// real ports (27000–28999), the extension's real commands, tree provider and diagnostics.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { builtinManifests, overlaps, parseConfig, resolveFootprint } from '@clawport/core';
import { readFileSync } from 'node:fs';
import { readRuntime } from '@clawport/core/node';
import type { ClawportApi } from '../../src/extension.js';
import { api, eventually, isProcessAlive, removeProfile, row, rows, screenshot, snapshot, testHome, writeProfile } from './helpers.js';

const MAIN = 27000;
const RESCUE = 27200;
/** Inside main's CDP band (27011–27110): a conflict on purpose. */
const CLASH = 27050;

describe('Gateways sidebar in a real VS Code', function () {
  let a: ClawportApi;

  before(async () => {
    testHome();
    await writeProfile('main', { gateway: { port: MAIN } });
    await writeProfile('rescue', { gateway: { port: RESCUE } });
    a = await api();
    await a.controller.refresh();
  });

  after(async () => {
    // Never leave a gateway behind, whatever failed above.
    await vscode.commands.executeCommand('clawport.down', ['main', 'rescue']);
    for (const s of a.controller.snapshots()) {
      const rt = await readRuntime(s.stateDir);
      if (rt) process.kill(rt.pid, 'SIGKILL');
    }
  });

  it('lists both instances with their base ports, stopped', () => {
    const shown = rows(a).map((r) => `${r.item.label} ${r.item.description}`);
    assert.deepEqual(shown, [`main :${MAIN} · stopped`, `rescue :${RESCUE} · stopped`]);
    const mainRow = row(a, 'main')!;
    assert.equal(mainRow.item.contextValue, 'instance.stopped');
    const kids = a.controller.provider.getChildren(mainRow.node).map((n) => `${n.label} ${n.description}`);
    assert.ok(kids.includes(`gateway ${MAIN} · free`), kids.join('\n'));
    assert.ok(kids.includes(`browser control ${MAIN + 2} · free`), kids.join('\n'));
    assert.ok(kids.includes(`canvas ${MAIN + 4} · free`), kids.join('\n'));
    assert.ok(kids.includes(`CDP band ${MAIN + 11}–${MAIN + 110} · none in use`), kids.join('\n'));
    const tip = (mainRow.item.tooltip as vscode.MarkdownString).value;
    assert.match(tip, new RegExp(`\\[${MAIN}\\]\\(http://127\\.0\\.0\\.1:${MAIN}/\\)`));
  });

  it('status bar counts instances', () => {
    assert.match(a.controller.statusBar.text, /0 running \/ 2 instances/);
  });

  it('start and stop from commands change the real process and the node', async () => {
    const started = (await vscode.commands.executeCommand('clawport.start', 'rescue')) as { ok: boolean; error?: string };
    assert.deepEqual(started, { ok: true, value: ['rescue'] }, started.error);
    const s = snapshot(a, 'rescue')!;
    assert.ok(s.pid && isProcessAlive(s.pid), 'gateway process runs');
    const res = await fetch(`http://127.0.0.1:${RESCUE}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(row(a, 'rescue')!.item.description, `:${RESCUE} · running`);
    assert.match(row(a, 'rescue')!.item.contextValue!, /^instance\.running/);
    const gw = a.controller.provider.getChildren(row(a, 'rescue')!.node).find((n) => n.label === 'gateway')!;
    assert.equal(gw.description, `${RESCUE} · listening`);

    const pid = s.pid;
    const stopped = (await vscode.commands.executeCommand('clawport.stop', 'rescue')) as { ok: boolean; error?: string };
    assert.equal(stopped.ok, true, stopped.error);
    assert.equal(isProcessAlive(pid), false, 'gateway process ended');
    assert.equal(row(a, 'rescue')!.item.description, `:${RESCUE} · stopped`);
    await assert.rejects(fetch(`http://127.0.0.1:${RESCUE}/healthz`));
  });

  it('up starts main and rescue together; screenshot of the sidebar', async () => {
    const up = (await vscode.commands.executeCommand('clawport.up', ['main', 'rescue'])) as { ok: boolean; error?: string };
    assert.equal(up.ok, true, up.error);
    assert.deepEqual(rows(a).map((r) => r.item.description), [`:${MAIN} · running`, `:${RESCUE} · running`]);
    assert.match(a.controller.statusBar.text, /2 running \/ 2 instances/);
    await vscode.commands.executeCommand('workbench.view.extension.clawport');
    const mainRow = row(a, 'main')!;
    await a.controller.view.reveal(mainRow.node, { expand: true, select: false, focus: false });
    const out = process.env.EXT_TEST_RESULTS_DIR ?? testHome();
    await screenshot('sidebar', join(out, 'vscode-sidebar.png'), [`:${MAIN} · running`, `:${RESCUE} · running`, `${MAIN + 2}`]);
  });

  it('a conflict in config shows as a warning node and a diagnostic', async () => {
    const clashConfig = await writeProfile('clash', { gateway: { port: CLASH } });
    // no explicit refresh: the home watcher must notice the new profile dir
    const clash = await eventually('clash in the tree', () => row(a, 'clash'));
    assert.equal(clash.item.description, `:${CLASH} · conflict`);
    assert.match(clash.item.contextValue!, /^instance\.stopped\.conflict/);
    assert.equal((clash.item.iconPath as vscode.ThemeIcon).id, 'warning');
    const warn = a.controller.provider.getChildren(clash.node).find((n) => n.kind === 'problem')!;
    assert.equal(warn.icon.id, 'warning');
    assert.match(warn.description!, /clash gateway 27050 overlaps main CDP band 27011–27110/);
    const diags = await eventually('diagnostic on clash config', () => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(clashConfig));
      return d.length > 0 ? d : undefined;
    });
    assert.equal(diags[0].code, 'ports.overlap');
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    const text = readFileSync(clashConfig, 'utf8').split('\n');
    assert.match(text[diags[0].range.start.line], /"port"/, 'diagnostic sits on the gateway.port line');
    assert.match(a.controller.statusBar.text, /conflict/);

    removeProfile('clash');
    await eventually('clash gone', () => !row(a, 'clash') && vscode.languages.getDiagnostics(vscode.Uri.file(clashConfig)).length === 0);
  });

  it('create profile writes a valid profile with a disjoint footprint', async () => {
    const made = (await vscode.commands.executeCommand('clawport.createProfile', { name: 'extra' })) as {
      ok: boolean;
      error?: string;
      value: { configPath: string; base: number };
    };
    assert.equal(made.ok, true, made.error);
    assert.equal(made.value.configPath, join(testHome(), '.openclaw-extra', 'openclaw.json'));
    const config = parseConfig(readFileSync(made.value.configPath, 'utf8'), made.value.configPath);
    assert.equal(config.gateway?.port, made.value.base);
    const fps = a.controller.snapshots().map((s) => resolveFootprint(s.name, s.base, s.config, builtinManifests).footprint);
    assert.ok(fps.some((f) => f.instance === 'extra'));
    assert.deepEqual(overlaps(fps).map((o) => o.message), []);
    assert.equal(row(a, 'extra')!.item.description, `:${made.value.base} · stopped`);
    removeProfile('extra');
  });

  it('copies the manual env command line', async () => {
    const out = (await vscode.commands.executeCommand('clawport.copyEnvCommand', 'main')) as { value: string };
    const s = snapshot(a, 'main')!;
    assert.equal(out.value, `OPENCLAW_CONFIG_PATH=${s.configPath} OPENCLAW_STATE_DIR=${s.stateDir} openclaw gateway --port ${MAIN}`);
    assert.equal(await vscode.env.clipboard.readText(), out.value);
  });
});
