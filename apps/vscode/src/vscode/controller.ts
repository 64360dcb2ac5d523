import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { builtinManifests, instanceHome, type Env, type Finding } from '@clawport/core';
import { listListeners } from '@clawport/core/node';
import { readSidebar } from '../host/snapshot.js';
import { doctorFindings } from '../model/doctor.js';
import type { InstanceSnapshot } from '../model/snapshot.js';
import { statusSummary } from '../model/status-summary.js';
import { TreeStore } from '../model/tree-store.js';
import { ConfigDiagnostics } from './config-diagnostics.js';
import { publishFindings } from './diagnostics.js';
import { GatewaysTreeProvider } from './tree-provider.js';
import { InstanceWatchers } from './watchers.js';

export const VIEW_ID = 'clawport.instances';
const DEBOUNCE_MS = 250;
/** How often the socket table is read while the view is visible (one file read; a change triggers a refresh). */
const SOCKETS_MS = 2000;

/**
 * Owns the sidebar's state and keeps it fresh: file watchers + right after our own actions + a slow
 * poll only while the view is visible, all funnelled through one debounced refresh (never two at once).
 */
export class Controller implements vscode.Disposable {
  readonly store = new TreeStore(() => ({ now: Date.now(), osHome: this.osHome }));
  readonly provider = new GatewaysTreeProvider(this.store);
  readonly view: vscode.TreeView<import('../model/tree-node.js').TreeNode>;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('clawport');
  /** Problems of the config files themselves (JSON5 syntax, schema), as `clawport config validate` reports them. */
  readonly configDiagnostics = new ConfigDiagnostics();
  readonly statusBar = vscode.window.createStatusBarItem('clawport.status', vscode.StatusBarAlignment.Left, 10);
  readonly output = vscode.window.createOutputChannel('Clawport');
  private readonly watchers = new InstanceWatchers(() => this.requestRefresh());
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private sockets: NodeJS.Timeout | undefined;
  /** Listening ports inside any footprint at the last refresh: a process binding one of them refreshes the tree. */
  private claimedListening = '';
  private running: Promise<void> | undefined;
  private again = false;
  /** Number of completed refreshes, for tests. */
  refreshes = 0;
  /** Open incidents already told to the user (by id), and what was said (tests read it). */
  private readonly toldIncidents = new Set<string>();
  readonly incidentNotices: string[] = [];
  lastError: string | undefined;

  constructor(readonly env: Env = process.env, readonly osHome: string = homedir()) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, canSelectMany: true, showCollapseAll: true });
    this.statusBar.name = 'Clawport gateways';
    this.statusBar.command = 'workbench.view.extension.clawport';
    this.view.onDidChangeVisibility(() => this.updatePolling());
    this.view.onDidChangeSelection((e) => this.selectionContext(e.selection));
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

  /** Marks an instance starting…/stopping… while a command acts on it (cleared with undefined). */
  setPending(key: string, state: 'starting' | 'stopping' | undefined): void {
    this.store.setPending(key, state);
    this.provider.fire();
  }

  /** Lifecycle menus of a multi-selection offer only what applies to some selected instance. */
  private selectionContext(selection: readonly import('../model/tree-node.js').TreeNode[]): void {
    const picked = selection.map((n) => this.store.byKey(n.instanceKey)).filter((s) => s !== undefined);
    void vscode.commands.executeCommand('setContext', 'clawport.selectionCanStart', picked.some((s) => !s.running));
    void vscode.commands.executeCommand('setContext', 'clawport.selectionCanStop', picked.some((s) => s.running));
  }

  /** The ports of every footprint that have a listener now, as one comparable string. */
  private async claimedListeningNow(snaps: readonly InstanceSnapshot[] = this.store.all()): Promise<string | undefined> {
    const listeners = await listListeners();
    if (!listeners) return undefined;
    const claims = snaps.flatMap((s) => s.ports.map((p) => p.claim));
    const ports = [...new Set(listeners.map((l) => l.port))].filter((port) => claims.some((c) => port >= c.start && port <= c.end));
    return ports.sort((a, b) => a - b).join(',');
  }

  private async refreshOnce(): Promise<void> {
    try {
      const { snapshots: snaps, facts } = await readSidebar({ env: this.env, osHome: this.osHome });
      // Built-in plugins' checks only: the editor never runs an instance's plugin code (#16).
      const findings = doctorFindings(snaps, facts, builtinManifests);
      await publishFindings(this.diagnostics, findings);
      await this.configDiagnostics.update(snaps.map((x) => x.configPath));
      this.claimedListening = (await this.claimedListeningNow(snaps)) ?? '';
      // no await from here to the counter below: what the tree shows and `refreshes` change together
      this.store.set(snaps);
      this.store.setFindings(findings);
      this.watchers.update(this.home, snaps);
      this.tellNewIncidents(snaps);
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

  /**
   * One notification per incident a watcher opened (seen for the first time while open): who failed,
   * why, who watches it; its history goes to the output channel on request. Never awaited.
   */
  private tellNewIncidents(snaps: readonly InstanceSnapshot[]): void {
    for (const s of snaps) {
      for (const i of s.incidents ?? []) {
        if (i.state === 'resolved' || this.toldIncidents.has(i.id)) continue;
        this.toldIncidents.add(i.id);
        const line = `Clawport: ${i.target} failed (${i.cause}); ${i.watcher} is ${i.state === 'gave-up' ? 'no longer acting: it gave up' : 'repairing it'}.`;
        this.incidentNotices.push(line);
        this.output.appendLine(`[incident] ${i.detectedAt} ${line}`);
        void vscode.window.showWarningMessage(line, 'Show Incidents').then((picked) => {
          if (picked !== 'Show Incidents') return;
          for (const x of s.incidents ?? []) {
            this.output.appendLine(`[incident] ${x.detectedAt} ${x.target} (watched by ${x.watcher}): ${x.cause} · ${x.state === 'resolved' ? `resolved ${x.resolvedAt ?? ''}: ${x.resolution ?? ''}` : x.state}`);
            for (const a of x.actions) this.output.appendLine(`    ${a.at} ${a.kind} ${a.result}${a.detail ? `: ${a.detail}` : ''}`);
          }
          this.output.show(true);
        });
      }
    }
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
    this.view.badge = s.problems ? { value: s.problems, tooltip: `${s.problems} problem${s.problems === 1 ? '' : 's'} (conflicts, config errors)` } : undefined;
  }

  private updatePolling(): void {
    const visible = this.view.visible;
    if (visible && !this.poll) {
      const seconds = Math.max(3, vscode.workspace.getConfiguration('clawport').get<number>('pollSeconds', 15));
      this.poll = setInterval(() => this.requestRefresh(), seconds * 1000);
      // A process binding (or releasing) a claimed port touches no file: watch the socket table instead.
      this.sockets = setInterval(() => {
        void this.claimedListeningNow().then((now) => {
          if (now !== undefined && now !== this.claimedListening) this.requestRefresh();
        });
      }, SOCKETS_MS);
      this.requestRefresh();
    } else if (!visible && this.poll) {
      clearInterval(this.poll);
      clearInterval(this.sockets);
      this.poll = undefined;
      this.sockets = undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.poll) clearInterval(this.poll);
    if (this.sockets) clearInterval(this.sockets);
    this.watchers.dispose();
    this.view.dispose();
    this.provider.dispose();
    this.diagnostics.dispose();
    this.configDiagnostics.dispose();
    this.statusBar.dispose();
    this.output.dispose();
  }
}
