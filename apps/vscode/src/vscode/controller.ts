import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { instanceHome, type Env, type Finding } from '@clawport/core';
import { gatherDoctorFacts } from '../host/doctor-facts.js';
import { loadedPlugins, loadSnapshots } from '../host/snapshot.js';
import { doctorFindings } from '../model/doctor.js';
import type { InstanceSnapshot } from '../model/snapshot.js';
import { statusSummary } from '../model/status-summary.js';
import { TreeStore } from '../model/tree-store.js';
import { publishFindings } from './diagnostics.js';
import { GatewaysTreeProvider } from './tree-provider.js';
import { InstanceWatchers } from './watchers.js';

export const VIEW_ID = 'clawport.instances';
const DEBOUNCE_MS = 250;

/**
 * Owns the sidebar's state and keeps it fresh: file watchers + right after our own actions + a slow
 * poll only while the view is visible, all funnelled through one debounced refresh (never two at once).
 */
export class Controller implements vscode.Disposable {
  readonly store = new TreeStore();
  readonly provider = new GatewaysTreeProvider(this.store);
  readonly view: vscode.TreeView<import('../model/tree-node.js').TreeNode>;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('clawport');
  readonly statusBar = vscode.window.createStatusBarItem('clawport.status', vscode.StatusBarAlignment.Left, 10);
  readonly output = vscode.window.createOutputChannel('Clawport');
  private readonly watchers = new InstanceWatchers(() => this.requestRefresh());
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** Number of completed refreshes, for tests. */
  refreshes = 0;
  lastError: string | undefined;

  constructor(readonly env: Env = process.env, readonly osHome: string = homedir()) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, canSelectMany: true, showCollapseAll: true });
    this.statusBar.name = 'Clawport gateways';
    this.statusBar.command = 'workbench.view.extension.clawport';
    this.view.onDidChangeVisibility(() => this.updatePolling());
    this.updatePolling();
  }

  get home(): string {
    return instanceHome(this.env, this.osHome);
  }

  snapshots(): readonly InstanceSnapshot[] {
    return this.store.all();
  }

  /** Coalesces bursts of watcher events into one refresh. */
  requestRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, DEBOUNCE_MS);
  }

  /** Refreshes now; a call during a refresh runs once more after it, so the last state always wins. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.refreshOnce();
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async refreshOnce(): Promise<void> {
    try {
      const snaps = await loadSnapshots({ env: this.env, osHome: this.osHome });
      const findings = doctorFindings(snaps, await gatherDoctorFacts(snaps), loadedPlugins());
      this.store.set(snaps);
      this.store.setFindings(findings);
      await publishFindings(this.diagnostics, findings);
      this.watchers.update(this.home, snaps);
      this.lastError = undefined;
    } catch (e) {
      this.lastError = (e as Error).message;
      this.output.appendLine(`refresh failed: ${this.lastError}`);
    }
    this.provider.fire();
    this.renderStatus();
    void vscode.commands.executeCommand('setContext', 'clawport.hasInstances', this.store.all().length > 0);
    this.refreshes++;
  }

  /** Findings of the last refresh (doctor runs on every refresh; Run Doctor reports them). */
  findings(): Finding[] {
    return this.store.all().flatMap((s) => s.findings);
  }

  private renderStatus(): void {
    const s = statusSummary(this.store.all());
    this.statusBar.text = s.text;
    this.statusBar.tooltip = s.tooltip;
    this.statusBar.backgroundColor = s.warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.statusBar.show();
  }

  private updatePolling(): void {
    const visible = this.view.visible;
    if (visible && !this.poll) {
      const seconds = Math.max(3, vscode.workspace.getConfiguration('clawport').get<number>('pollSeconds', 15));
      this.poll = setInterval(() => this.requestRefresh(), seconds * 1000);
      this.requestRefresh();
    } else if (!visible && this.poll) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.poll) clearInterval(this.poll);
    this.watchers.dispose();
    this.view.dispose();
    this.provider.dispose();
    this.diagnostics.dispose();
    this.statusBar.dispose();
    this.output.dispose();
  }
}
