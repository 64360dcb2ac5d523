// Config-side features in the real editor: conflicts (one row per cause, the culprit's quick fix),
// openclaw.json as JSON5 with the CLI's own diagnostics, config errors and rollback, create profile,
// the env command line, palette quick picks.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { builtinManifests, overlaps, parseConfig, resolveFootprint } from '@clawport/core';
import type { ClawportApi } from '../../src/extension.js';
import { MAIN, cli, eventually, removeProfile, row, run, snapshot, testHome, withMainAndRescue, writeProfile } from './helpers.js';

/** `clawport --profile <name> config validate`, as a user would run it. */
const validate = (name: string) => cli(['--profile', name, 'config', 'validate']);

/** Inside main's CDP band (27011–27110): a conflict on purpose. */
const CLASH = 27050;

describe('config: conflicts, schema, create profile', () => {
  let a: ClawportApi;

  before(async () => {
    a = await withMainAndRescue();
  });

  it('a conflict: both rows keep their run state, one row per cause naming the culprit; the quick fix moves the culprit', async () => {
    const clashConfig = await writeProfile('clash', { gateway: { port: CLASH } });
    const clash = await eventually('clash in the tree', () => row(a, 'clash'));
    assert.equal(clash.item.description, `:${CLASH} · stopped · 1 conflict`);
    assert.match(clash.item.contextValue!, /^instance\.stopped\.conflict\.blocked/);
    assert.equal((clash.item.iconPath as vscode.ThemeIcon).id, 'warning');
    const problemsOf = (name: string) => a.controller.provider.getChildren(row(a, name)!.node).filter((n) => n.kind === 'problem');
    // one cause (clash's base inside main's CDP band) is one row on each side, not one per colliding claim
    assert.deepEqual(problemsOf('clash').map((n) => [n.label, n.description, n.icon.id, n.culprit]), [['overlaps main', 'move this profile to a free base', 'error', 'clash']]);
    assert.deepEqual(problemsOf('main').map((n) => [n.label, n.description, n.culprit]), [['overlaps clash', 'move clash to a free base', 'clash']]);
    assert.equal(row(a, 'main')!.item.description, `:${MAIN} · stopped · 1 conflict`);
    // the tree and the Problems panel agree: an error, on the port line of the culprit's config
    const diags = await eventually('diagnostic on the clash config', () => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(clashConfig)).filter((x) => x.source === 'clawport doctor');
      return d.length > 0 ? d : undefined;
    });
    assert.equal(diags[0].code, 'ports.overlap');
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(readFileSync(clashConfig, 'utf8').split('\n')[diags[0].range.start.line], /"port"/);
    assert.match(a.controller.statusBar.text, /\$\(warning\) 1 conflict$/);
    assert.ok(a.controller.statusBar.backgroundColor instanceof vscode.ThemeColor);
    assert.equal(a.controller.view.badge?.value, 1);
    // Start is refused up front, naming the culprit
    const refused = await run('clawport.start', 'main');
    assert.match(refused.error!, /^start main refused: main CDP band 27011–27110 overlaps clash gateway, browser control, canvas and CDP band 27050–27160; move clash to a free base$/);

    // the quick fix of main's row moves clash (core's allocator + clawport config set), not main
    const moved = await run<{ name: string; base: number }>('clawport.moveToFreeBase', problemsOf('main')[0]);
    assert.equal(moved.ok, true, moved.error);
    assert.equal(moved.value!.name, 'clash');
    assert.equal(parseConfig(readFileSync(clashConfig, 'utf8'), clashConfig).gateway?.port, moved.value!.base);
    assert.equal(row(a, 'main')!.item.description, `:${MAIN} · stopped`);
    assert.equal(row(a, 'clash')!.item.description, `:${moved.value!.base} · stopped`);
    const fps = a.controller.snapshots().map((s) => resolveFootprint(s.name, s.base, s.config, builtinManifests).footprint);
    assert.deepEqual(overlaps(fps).map((o) => o.message), []);
    removeProfile('clash');
    await eventually('clash gone, diagnostic cleared', () => !row(a, 'clash') && vscode.languages.getDiagnostics(vscode.Uri.file(clashConfig)).length === 0);
    assert.equal(a.controller.statusBar.backgroundColor, undefined);
  });

  it('openclaw.json is JSON5: a valid JSON5 config (unquoted keys, trailing commas, comments) shows no problem at all', async () => {
    const ok = await writeProfile('fine', { gateway: { port: 27800 } });
    writeFileSync(ok, '// my gateway\n{\n  gateway: {\n    port: 27800, // base\n    bind: \'loopback\',\n  },\n}\n');
    await run('clawport.openConfig', 'fine');
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.fsPath, ok);
    assert.equal(doc.languageId, 'json5');
    await eventually('our check of the open document', () => a.controller.configDiagnostics.collection.get(doc.uri) !== undefined);
    await a.controller.refresh();
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri).map((d) => `${d.source}: ${d.message}`), []);
    assert.equal(row(a, 'fine')!.item.description, ':27800 · stopped');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    removeProfile('fine');
    await a.controller.refresh();
  });

  it('a broken config: the Problems panel says what `clawport config validate` says, where; the row shows a config error on its configured port; Roll Back restores it', async () => {
    const bad = await writeProfile('bad', { gateway: { port: 29000 } });
    await writeProfile('bad', { gateway: { port: 29000, bind: 'loopback' } }); // a second write keeps the first as last-good
    writeFileSync(bad, '{\n  gateway: { port: 29000, },\n  oops\n}\n');
    const cli = validate('bad');
    assert.equal(cli.status, 78, cli.stderr);
    const diags = await eventually('config diagnostics', () => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(bad));
      return d.length > 0 ? d : undefined;
    });
    // exactly one problem, the CLI's, at the CLI's line:col
    assert.equal(diags.length, 1, diags.map((d) => d.message).join('\n'));
    const [d] = diags;
    assert.equal(d.source, 'clawport config validate');
    assert.ok(cli.stderr.includes(`${bad}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`), `${cli.stderr}\nvs ${d.message} at ${d.range.start.line + 1}:${d.range.start.character + 1}`);

    await a.controller.refresh();
    const r = row(a, 'bad')!;
    assert.equal(r.item.description, ':29000 · stopped · config error');
    assert.deepEqual([(r.item.iconPath as vscode.ThemeIcon).id, r.item.contextValue], ['bracket-error', 'instance.stopped.blocked.broken.rollback']);
    const problems = a.controller.provider.getChildren(r.node).filter((n) => n.kind === 'problem');
    assert.equal(problems.length, 1, problems.map((p) => p.label).join(', '));
    assert.equal(problems[0].description, `line ${d.range.start.line + 1}:${d.range.start.character + 1} · ${d.message}`);
    // clicking the row opens the config at the error
    const item = a.controller.provider.getTreeItem(problems[0]);
    await vscode.commands.executeCommand(item.command!.command, ...((item.command!.arguments ?? []) as unknown[]));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, bad);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'json5');
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, d.range.start.line);
    // the open document is checked as typed: a schema error, as the CLI words it
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), '{\n  gateway: {\n    port: "x",\n  },\n}\n'));
    await editor.document.save();
    const schema = await eventually('a schema diagnostic', () => vscode.languages.getDiagnostics(vscode.Uri.file(bad)).find((x) => /gateway\.port/.test(x.message)));
    const cli2 = validate('bad');
    assert.ok(cli2.stderr.includes(`${bad}:3: ${schema.message}`), `${cli2.stderr}\nvs ${schema.message}`);
    assert.deepEqual([schema.range.start.line, schema.range.start.character], [2, 4]);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const rolled = await run<string>('clawport.rollbackConfig', 'bad');
    assert.equal(rolled.ok, true, rolled.error);
    assert.equal(parseConfig(readFileSync(bad, 'utf8'), bad).gateway?.port, 29000);
    await eventually('the problem gone after rollback', () => vscode.languages.getDiagnostics(vscode.Uri.file(bad)).length === 0 && row(a, 'bad')!.item.description === ':29000 · stopped');
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
