// A profile whose gateway is installed as a service (the built-in supervisor, the one backend that runs
// on hosts without systemd): the extension starts and stops it through `clawport gateway start|stop`.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import type { ClawportApi } from '../../src/extension.js';
import { EXTENSION_ID, isProcessAlive, killAll, removeProfile, row, run, snapshot, withMainAndRescue, writeProfile } from './helpers.js';

const SVC = 27400;

function cli(...args: string[]): string {
  const root = resolve(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, '..', '..');
  return execFileSync('node', [resolve(root, 'packages/cli/bin/run.js'), '--profile', 'svc', ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('service: start and stop through an installed service', () => {
  let a: ClawportApi;

  before(async () => {
    a = await withMainAndRescue();
    await writeProfile('svc', { gateway: { port: SVC } });
    cli('gateway', 'install', '--backend', 'supervisor');
    await a.controller.refresh();
  });

  after(async () => {
    try {
      cli('gateway', 'stop');
    } catch {
      /* not running */
    }
    cli('gateway', 'uninstall');
    await killAll(a);
    removeProfile('svc');
    await a.controller.refresh();
  });

  it('the tree shows the installed supervisor and marks the node', () => {
    const svc = row(a, 'svc')!;
    assert.equal(svc.item.contextValue, 'instance.stopped.service');
    const service = a.controller.provider.getChildren(svc.node).find((n) => n.label === 'service')!;
    assert.match(service.description!, /^supervisor · /);
    assert.equal(service.contextValue, 'fact.service');
  });

  it('start goes through the service: the supervisor runs the gateway', async () => {
    const out = await run('clawport.start', 'svc');
    assert.deepEqual(out, { ok: true, value: ['svc'] }, out.error);
    const s = snapshot(a, 'svc')!;
    assert.equal(s.running, true);
    assert.ok(s.pid && isProcessAlive(s.pid));
    assert.equal(s.service.backend, 'supervisor');
    assert.match(s.service.state, new RegExp(`running, pid ${s.pid}`));
    assert.equal((await fetch(`http://127.0.0.1:${SVC}/healthz`)).status, 200);
  });

  it('stop goes through the service: gateway and supervisor end', async () => {
    const pid = snapshot(a, 'svc')!.pid!;
    const out = await run('clawport.stop', 'svc');
    assert.equal(out.ok, true, out.error);
    assert.equal(isProcessAlive(pid), false);
    const s = snapshot(a, 'svc')!;
    assert.equal(s.running, false);
    assert.doesNotMatch(s.service.state, /running/);
    assert.equal(row(a, 'svc')!.item.description, `:${SVC} · stopped`);
  });
});
