import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { builtinManifests, configProblems, mergedConfigSchema, type ConfigError } from '@clawport/core';

export const JSON5_LANGUAGE = 'json5';
export const CONFIG_SOURCE = 'clawport config validate';

/** `/x/openclaw.json:3:5: not valid JSON5: …` → `not valid JSON5: …` (the Problems panel shows where). */
function cause(e: ConfigError, file: string): string {
  return e.message.startsWith(file) ? e.message.slice(file.length).replace(/^(:\d+)?(:\d+)?: /, '') : e.message;
}

/** A problem's range: from its line:column to the end of the word there (a key, a value, a bad character). */
function rangeOf(e: ConfigError, lines: readonly string[]): vscode.Range {
  const line = Math.min(Math.max(0, (e.location.line ?? 1) - 1), Math.max(0, lines.length - 1));
  const text = lines[line] ?? '';
  const col = e.location.column ? e.location.column - 1 : text.search(/\S|$/);
  const word = /^["']?[\w$.-]*["']?/.exec(text.slice(col))?.[0].length ?? 0;
  return new vscode.Range(line, col, line, Math.min(text.length, col + Math.max(1, word)));
}

/**
 * The config's problems as `clawport config validate` finds them (core's JSON5 parser and the config
 * schema with the built-in plugins' sections: the editor never imports an instance's plugins), with positions; [] for a valid JSON5 config.
 */
export function configDiagnostics(text: string, file: string): vscode.Diagnostic[] {
  const lines = text.split('\n');
  return configProblems(text, file, mergedConfigSchema(builtinManifests)).map((e) => {
    const d = new vscode.Diagnostic(rangeOf(e, lines), cause(e, file), vscode.DiagnosticSeverity.Error);
    d.source = CONFIG_SOURCE;
    d.code = e.location.keyPath ?? 'syntax';
    return d;
  });
}

export const isConfigFile = (path: string) => basename(path) === 'openclaw.json' || path.endsWith('.openclaw.json');

/**
 * Keeps the Problems panel in step with every config: open documents as typed (JSON5 language mode),
 * and the instances' config files on disk that are not open, after each refresh.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('clawport-config');
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.checkDocument(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.checkDocument(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.checkDisk(d.uri.fsPath)),
    ];
    for (const d of vscode.workspace.textDocuments) this.checkDocument(d);
  }

  private checkDocument(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== 'file' || !(doc.languageId === JSON5_LANGUAGE && isConfigFile(doc.uri.fsPath))) return;
    this.collection.set(doc.uri, configDiagnostics(doc.getText(), doc.uri.fsPath));
  }

  private async checkDisk(file: string): Promise<void> {
    if (!isConfigFile(file)) return;
    const uri = vscode.Uri.file(file);
    if (vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file && !d.isClosed)) return;
    const text = await readFile(file, 'utf8').catch(() => undefined);
    this.collection.set(uri, text === undefined ? [] : configDiagnostics(text, file));
  }

  /** The instances' configs, from disk unless open; configs no longer known are cleared. */
  async update(configPaths: readonly string[]): Promise<void> {
    const known = new Set(configPaths);
    this.collection.forEach((uri) => {
      if (!known.has(uri.fsPath) && !vscode.workspace.textDocuments.some((d) => d.uri.fsPath === uri.fsPath)) this.collection.delete(uri);
    });
    await Promise.all(configPaths.map((p) => this.checkDisk(p)));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
