import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { isProcessAlive, readRuntime, writeConfig } from '@clawport/core/node';
import type { ClawportApi } from '../../src/extension.js';
import type { InstanceSnapshot } from '../../src/model/snapshot.js';
import type { TreeNode } from '../../src/model/tree-node.js';

export const EXTENSION_ID = 'clawport.clawport-vscode';

/** The temp home run.sh made (OPENCLAW_HOME of this extension host). Missing = a broken setup: fail. */
export function testHome(): string {
  const home = process.env.OPENCLAW_HOME;
  assert.ok(home && home.includes('clawport-vscode-home'), `OPENCLAW_HOME must be the test's temp home, got ${home}`);
  return home;
}

export async function api(): Promise<ClawportApi> {
  const ext = vscode.extensions.getExtension<ClawportApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} not loaded`);
  return ext.activate();
}

export async function writeProfile(name: string, config: Record<string, unknown>): Promise<string> {
  const path = join(testHome(), `.openclaw-${name}`, 'openclaw.json');
  await writeConfig(path, config);
  return path;
}

export function removeProfile(name: string): void {
  rmSync(join(testHome(), `.openclaw-${name}`), { recursive: true, force: true });
}

/** Polls until check() returns a value (watchers and the debounced refresh work asynchronously). */
export async function eventually<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** The root rows exactly as the TreeDataProvider hands them to the workbench. */
export function rows(a: ClawportApi): Array<{ node: TreeNode; item: vscode.TreeItem }> {
  const p = a.controller.provider;
  return p.getChildren().map((node) => ({ node, item: p.getTreeItem(node) }));
}

export function row(a: ClawportApi, name: string) {
  return rows(a).find((r) => r.item.label === name);
}

export function snapshot(a: ClawportApi, name: string): InstanceSnapshot | undefined {
  return a.controller.snapshots().find((s) => s.name === name);
}

export async function gatewayPid(stateDir: string): Promise<number | undefined> {
  return (await readRuntime(stateDir))?.pid;
}

export { isProcessAlive };

/**
 * Asks the harness driver (tools/vscode-harness/drive.mjs) for a screenshot of the workbench as it is
 * now, once the side bar shows every `expect` text. Fails when no driver is configured, unless the run
 * declared itself driverless (EXT_TEST_NO_SHOTS=1, the @vscode/test-electron route).
 */
export async function screenshot(name: string, png: string, expect: string[], selector?: string): Promise<void> {
  if (process.env.EXT_TEST_NO_SHOTS === '1') {
    console.log(`screenshot ${name}: not taken (desktop route, EXT_TEST_NO_SHOTS=1)`);
    return;
  }
  const dir = process.env.EXT_TEST_SHOT_DIR;
  assert.ok(dir, 'EXT_TEST_SHOT_DIR is not set: run through test/run.sh');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.request`), JSON.stringify({ png, expect, selector }));
  // the driver waits up to 30 s for the texts, then paints: minutes on a loaded machine
  await eventually(`screenshot ${name}`, () => existsSync(join(dir, `${name}.done`)) || existsSync(join(dir, `${name}.failed`)), 300_000);
  if (existsSync(join(dir, `${name}.failed`))) assert.fail(`screenshot ${name}: ${readFileSync(join(dir, `${name}.failed`), 'utf8')}`);
  assert.ok(existsSync(png), `${png} was not written`);
}

export const MAIN = 27000;
export const RESCUE = 27200;

export type Outcome<T = unknown> = { ok: boolean; value?: T; error?: string };

/** Runs a command of the extension and returns its Outcome. */
export function run<T = unknown>(command: string, ...args: unknown[]): Thenable<Outcome<T>> {
  return vscode.commands.executeCommand<Outcome<T>>(command, ...args);
}

/** Writes main (27000) and rescue (27200) unless they exist; returns the activated extension's API. */
export async function withMainAndRescue(): Promise<ClawportApi> {
  if (!existsSync(join(testHome(), '.openclaw-main'))) await writeProfile('main', { gateway: { port: MAIN } });
  if (!existsSync(join(testHome(), '.openclaw-rescue'))) await writeProfile('rescue', { gateway: { port: RESCUE } });
  const a = await api();
  await a.controller.refresh();
  return a;
}

/** Kills whatever gateway still runs in the test home (a guard after a failed test). */
export async function killAll(a: ClawportApi): Promise<void> {
  for (const s of a.controller.snapshots()) {
    const rt = await readRuntime(s.stateDir);
    if (rt) {
      try {
        process.kill(rt.pid, 'SIGCONT');
        process.kill(rt.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

export const resultsDir = () => process.env.EXT_TEST_RESULTS_DIR ?? testHome();

/** Runs this repository's CLI (`clawport …`) in the test home; returns exit status and output. */
export function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const bin = join(ext.extensionPath, '..', '..', 'packages', 'cli', 'bin', 'run.js');
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, OPENCLAW_HOME: testHome() } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
