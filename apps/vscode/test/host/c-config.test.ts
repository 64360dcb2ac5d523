// Config-side features in the real editor: conflicts as warning nodes + diagnostics, the JSON schema
// (jsonValidation) on openclaw.json, create profile, the env command line, palette quick picks.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { builtinManifests, overlaps, parseConfig, resolveFootprint } from '@clawport/core';
import type { ClawportApi } from '../../src/extension.js';
import { MAIN, eventually, removeProfile, row, run, snapshot, testHome, withMainAndRescue, writeProfile } from './helpers.js';

/** Inside main's CDP band (27011–27110): a conflict on purpose. */
const CLASH = 27050;

describe('config: conflicts, schema, create profile', () => {
  let a: ClawportApi;

  before(async () => {
    a = await withMainAndRescue();
  });

  it('a conflict in config shows as a warning node and a diagnostic on the port line', async () => {
    const clashConfig = await writeProfile('clash', { gateway: { port: CLASH } });
    const clash = await eventually('clash in the tree', () => row(a, 'clash'));
    assert.equal(clash.item.description, `:${CLASH} · conflict`);
    assert.match(clash.item.contextValue!, /^instance\.stopped\.conflict/);
    assert.equal((clash.item.iconPath as vscode.ThemeIcon).id, 'warning');
    const warn = a.controller.provider.getChildren(clash.node).find((n) => n.kind === 'problem')!;
    assert.equal(warn.icon.id, 'warning');
    assert.equal(warn.description, `clash gateway ${CLASH} overlaps main CDP band ${MAIN + 11}–${MAIN + 110}`);
    // main is told too
    assert.match(row(a, 'main')!.node.description!, /conflict/);
    const diags = await eventually('diagnostic on the clash config', () => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(clashConfig));
      return d.length > 0 ? d : undefined;
    });
    assert.equal(diags[0].code, 'ports.overlap');
    assert.equal(diags[0].source, 'clawport doctor');
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(readFileSync(clashConfig, 'utf8').split('\n')[diags[0].range.start.line], /"port"/);
    assert.match(a.controller.statusBar.text, /\$\(warning\) 2 conflicts/);
    assert.ok(a.controller.statusBar.backgroundColor instanceof vscode.ThemeColor);

    removeProfile('clash');
    await eventually('clash gone, diagnostic cleared', () => !row(a, 'clash') && vscode.languages.getDiagnostics(vscode.Uri.file(clashConfig)).length === 0);
    assert.equal(a.controller.statusBar.backgroundColor, undefined);
  });

  it('openclaw.json is validated with the schema generated from core', async () => {
    const bad = await writeProfile('bad', { gateway: { port: 27800 } });
    writeFileSync(bad, '{\n  "gateway": { "port": "not a port", "bindd": "lan" }\n}\n');
    const opened = await run<string>('clawport.openConfig', 'bad');
    assert.equal(opened.value, bad);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, bad);
    const schemaDiags = await eventually(
      'schema diagnostics from the JSON language service',
      () => {
        const d = vscode.languages.getDiagnostics(vscode.Uri.file(bad)).filter((x) => x.source !== 'clawport doctor');
        return d.length >= 2 ? d : undefined;
      },
      30_000,
    );
    const text = schemaDiags.map((d) => d.message).join('\n');
    assert.match(text, /Incorrect type|integer|number/i, text);
    assert.match(text, /bindd/, text);
    // the extension's own view: a broken config makes the instance unhealthy with the reason
    await a.controller.refresh();
    // a broken config falls back to the default base 18789 (another gateway on the host may hold it: conflict)
    assert.match(row(a, 'bad')!.node.description!, /^:18789 · (unhealthy|conflict)$/);
    const problem = a.controller.provider.getChildren(row(a, 'bad')!.node).find((n) => n.label === 'config error')!;
    assert.match(problem.description!, /gateway\.port/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    removeProfile('bad');
    await a.controller.refresh();
  });

  it('create profile writes a valid profile with a disjoint footprint', async () => {
    const made = await run<{ configPath: string; base: number }>('clawport.createProfile', { name: 'extra' });
    assert.equal(made.ok, true, made.error);
    assert.equal(made.value!.configPath, join(testHome(), '.openclaw-extra', 'openclaw.json'));
    const config = parseConfig(readFileSync(made.value!.configPath, 'utf8'), made.value!.configPath);
    assert.equal(config.gateway?.port, made.value!.base);
    assert.equal(config.agents?.defaults?.workspace, join(testHome(), '.openclaw', 'workspace-extra'));
    const fps = a.controller.snapshots().map((s) => resolveFootprint(s.name, s.base, s.config, builtinManifests).footprint);
    assert.ok(fps.some((f) => f.instance === 'extra'));
    assert.deepEqual(overlaps(fps).map((o) => o.message), []);
    assert.equal(row(a, 'extra')!.item.description, `:${made.value!.base} · stopped`);

    const again = await run('clawport.createProfile', { name: 'extra' });
    assert.equal(again.ok, false);
    assert.match(again.error!, /profile extra already exists/);
    const clash = await run('clawport.createProfile', { name: 'other', base: MAIN + 50 });
    assert.equal(clash.ok, false);
    assert.match(clash.error!, /overlaps main CDP band/);
    removeProfile('extra');
    await a.controller.refresh();
  });

  it('copies the manual env command line', async () => {
    const out = await run<string>('clawport.copyEnvCommand', 'main');
    const s = snapshot(a, 'main')!;
    assert.equal(out.value, `OPENCLAW_CONFIG_PATH=${s.configPath} OPENCLAW_STATE_DIR=${s.stateDir} clawport gateway --port ${MAIN}`);
    assert.equal(await vscode.env.clipboard.readText(), out.value);
  });

  it('from the palette, a command without a node asks with a quick pick', async () => {
    let settled = false;
    const pending = run<string>('clawport.openConfig').then((o) => ((settled = true), o));
    // the quick pick opens after a refresh: accept its first item once it is there
    await eventually('the quick pick to be answered', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 200));
      return settled;
    });
    const out = await pending;
    assert.equal(out.ok, true, out.error);
    assert.equal(out.value, snapshot(a, 'main')!.configPath);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
