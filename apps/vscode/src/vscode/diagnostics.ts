import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { locateKeyPath, splitKeyPath, type Finding } from '@clawport/core';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const SHOWN_ELSEWHERE = new Set(['config.invalid']);

/** The 0-based line a finding is about: where its key path is written, else the first line. */
export function findingLine(text: string | undefined, f: Finding): number {
  if (text === undefined) return 0;
  if (f.keyPath) {
    try {
      const line = locateKeyPath(text, splitKeyPath(f.keyPath));
      if (line !== undefined) return line - 1;
    } catch {
      /* an odd key path: fall back to line 1 */
    }
  }
  const m = /^(?:[^:]+):(\d+)/.exec(f.message);
  return m ? Math.max(0, Number(m[1]) - 1) : 0;
}

/** Doctor findings as diagnostics on the config files they name; replaces the previous set. */
export async function publishFindings(collection: vscode.DiagnosticCollection, findings: readonly Finding[]): Promise<void> {
  const byFile = new Map<string, Finding[]>();
  // A broken config is reported once, where the parser and schema say (config-diagnostics.ts), not again by doctor.
  for (const f of findings) if (f.file && !SHOWN_ELSEWHERE.has(f.check)) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const entries: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
  for (const [file, list] of byFile) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    const lines = text?.split('\n') ?? [];
    entries.push([
      vscode.Uri.file(file),
      list.map((f) => {
        const line = findingLine(text, f);
        const range = new vscode.Range(line, 0, line, Math.max(1, (lines[line] ?? '').length));
        const d = new vscode.Diagnostic(range, f.fix ? `${f.message} (${f.fix})` : f.message, SEVERITY[f.severity]);
        d.source = 'clawport doctor';
        d.code = f.check;
        return d;
      }),
    ]);
  }
  collection.clear();
  collection.set(entries);
}
