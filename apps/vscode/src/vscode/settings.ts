import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { CliLocation } from '../model/launch-plan.js';

export type StartMode = 'background' | 'terminal';

/**
 * Which CLI runs gateways: the clawport.cliPath setting, else the repository's packages/cli/bin/run.js
 * when the extension runs from a checkout (development mode), else `clawport` on PATH.
 */
export function cliLocation(extensionPath: string): CliLocation {
  const cfg = vscode.workspace.getConfiguration('clawport');
  const node = cfg.get<string>('nodePath') || 'node';
  const configured = cfg.get<string>('cliPath');
  if (configured) return { node, cli: configured };
  const repoCli = resolve(extensionPath, '..', '..', 'packages', 'cli', 'bin', 'run.js');
  return existsSync(repoCli) ? { node, cli: repoCli } : { node };
}

export function startMode(): StartMode {
  return vscode.workspace.getConfiguration('clawport').get<StartMode>('startMode', 'background');
}

export const repoRootOf = (extensionPath: string) => join(extensionPath, '..', '..');
