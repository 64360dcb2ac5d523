// Upstream OpenClaw's own service for a profile (a unit with its marker, as 2026.9.6's `gateway install`
// writes it: tools/fixtures/upstream) is shown in the sidebar: backend, engine openclaw, version (from the
// package the unit runs; 2026.9.x writes none in the unit) and the file. Clawport's own service row is unchanged.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { ClawportApi } from '../../src/extension.js';
import { api, EXTENSION_ID, eventually, removeProfile, row, snapshot, testHome, writeProfile } from './helpers.js';

const UPS = 27600;

describe('sidebar: upstream OpenClaw’s own service for a profile', () => {
  let a: ClawportApi;
  let unit: string;
  let pkg: string;

  before(async () => {
    a = await api();
    const home = testHome();
    const fixture = resolve(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, '..', '..', 'tools', 'fixtures', 'upstream', 'openclaw-gateway-main.service');
    pkg = join(home, '.npm-global', 'lib', 'node_modules', 'openclaw');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'dist', 'index.js'), '');
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'openclaw', version: '2026.9.6' }));
    unit = join(home, '.config', 'systemd', 'user', 'openclaw-gateway-ups.service');
    mkdirSync(dirname(unit), { recursive: true });
    const text = readFileSync(fixture, 'utf8').replaceAll('__HOME__', home).replaceAll('__NODE_BIN__', dirname(process.execPath)).replaceAll('__NODE__', process.execPath);
    writeFileSync(unit, text.replaceAll('main', 'ups').replaceAll('19100', String(UPS)));
    await writeProfile('ups', { gateway: { port: UPS } });
  });

  after(async () => {
    rmSync(unit, { force: true });
    rmSync(join(testHome(), '.npm-global'), { recursive: true, force: true });
    removeProfile('ups');
    await a.controller.refresh();
  });

  it('a row says backend, engine openclaw and version; its tooltip names the file; our own service row still says none', async () => {
    const kids = await eventually('the upstream service row', async () => {
      await a.controller.refresh();
      const r = row(a, 'ups');
      const children = r ? a.controller.provider.getChildren(r.node) : [];
      return children.some((k) => k.label === 'upstream service') ? children : undefined;
    });
    const up = kids.find((k) => k.label === 'upstream service')!;
    assert.equal(up.description, "systemd · engine openclaw 2026.9.6 · upstream's, left alone");
    assert.equal(up.tooltip, unit);
    assert.equal(up.contextValue, 'fact.upstreamService');
    assert.match(kids.find((k) => k.label === 'service')!.description!, /^none/);
    assert.deepEqual(snapshot(a, 'ups')!.upstreamServices, [{ backend: 'systemd', file: unit, engine: 'openclaw', version: '2026.9.6' }]);
    const hover = a.controller.provider.getTreeItem(row(a, 'ups')!.node).tooltip as vscode.MarkdownString;
    assert.match(hover.value, /upstream OpenClaw's own service: systemd · engine openclaw 2026\.9\.6/);
  });
});
