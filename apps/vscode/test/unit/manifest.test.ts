import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinManifests, configJsonSchema } from '@clawport/core';
import { instanceContextValue } from '../../src/model/tree-model.js';
import { foreign, overlap, snap } from './fixtures.js';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string }>; menus: Record<string, Array<{ command: string; when?: string; group?: string }>> };
};

/** Evaluates the `viewItem =~ /…/` part of a menu's when clause against a context value. */
function shows(when: string | undefined, contextValue: string): boolean {
  const m = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(when ?? '');
  if (!m) return true;
  return new RegExp(m[1]).test(contextValue);
}

function itemCommands(contextValue: string, group: RegExp): string[] {
  return pkg.contributes.menus['view/item/context']
    .filter((m) => group.test(m.group ?? '') && !/(^|&& )listMultiSelection/.test(m.when ?? '') && shows(m.when, contextValue))
    .map((m) => m.command.replace('clawport.', ''));
}

describe('package.json contributions', () => {
  it('the generated JSON schema is current (run the build after changing core’s config schema)', () => {
    const onDisk = JSON.parse(readFileSync(join(root, 'schemas', 'openclaw.schema.json'), 'utf8')) as unknown;
    assert.deepEqual(onDisk, configJsonSchema(builtinManifests));
  });

  it('openclaw.json is JSON5, not JSON with Comments, and no JSON schema validation competes with ours', () => {
    const c = (pkg as unknown as { contributes: { languages: Array<{ id: string; filenames?: string[] }>; jsonValidation?: unknown } }).contributes;
    assert.deepEqual(c.languages.filter((l) => l.filenames?.includes('openclaw.json')).map((l) => l.id), ['json5']);
    assert.equal(c.jsonValidation, undefined);
  });

  it('every palette title says Clawport (category) and OpenClaw, so either name finds it', () => {
    for (const c of pkg.contributes.commands as Array<{ command: string; title: string; category?: string }>) {
      if (c.command === 'clawport.openPort') continue; // hidden from the palette
      assert.equal(c.category, 'Clawport', c.command);
      assert.match(c.title, /OpenClaw|Clawport|Profile/, c.command);
    }
  });

  it('every menu entry names a declared command', () => {
    const declared = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(pkg.contributes.menus)) {
      for (const e of entries) assert.ok(declared.has(e.command), `${menu}: ${e.command} is not declared`);
    }
  });

  const states = [
    { title: 'stopped', s: snap('a', 20000), lifecycle: ['start'], destructive: [] as string[] },
    { title: 'running', s: snap('a', 20000, { running: true, healthy: true }), lifecycle: ['stop', 'restart'], destructive: ['kill'] },
    { title: 'unhealthy', s: snap('a', 20000, { running: true, healthy: false }), lifecycle: ['stop', 'restart'], destructive: ['kill'] },
    { title: 'stopped with a blocking conflict: Start is not offered', s: snap('a', 20000, { conflicts: [foreign('a', 20004)] }), lifecycle: [], destructive: [] },
    { title: 'running with a conflict: stop, but no restart that would fail', s: snap('a', 20000, { running: true, healthy: true, conflicts: [overlap('a', 'b')] }), lifecycle: ['stop'], destructive: ['kill'] },
    { title: 'stopped with a broken config: roll back instead of start', s: snap('a', 20000, { configError: { cause: 'x' }, canRollBack: true }), lifecycle: ['rollbackConfig'], destructive: [] },
    { title: 'starting…: nothing lifecycle until it settles', s: snap('a', 20000, { run: 'starting' }), lifecycle: [], destructive: [] },
  ];
  for (const st of states) {
    it(`menus by regex on the context value: ${st.title}`, () => {
      const cv = instanceContextValue(st.s);
      assert.deepEqual(itemCommands(cv, /^2_lifecycle/), st.lifecycle);
      assert.deepEqual(itemCommands(cv, /^3_destructive/), st.destructive);
      assert.ok(itemCommands(cv, /^1_general/).includes('openConfig'));
    });
  }
});
