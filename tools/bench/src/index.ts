#!/usr/bin/env node
/**
 * `npm run bench`: runs every bench module in order (one at a time: they bind ports and compete for
 * two cores), prints one table, and writes the same figures to bench-results/latest.json (plus a
 * Markdown copy). A missed target is printed as MISS and never fails the run; a module that throws is
 * reported as skipped with its reason, and the exit code is then 1.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown, renderTable } from './table.js';
import type { BenchModule, Row } from './types.js';
import { cliStart } from './modules/cli-start.js';
import { importCost } from './modules/import-cost.js';
import { gatewaySpawn } from './modules/gateway-spawn.js';
import { upstreamGateway } from './modules/upstream-gateway.js';
import { overlapProof } from './modules/overlap-proof.js';
import { overlapVsBruteForce } from './modules/overlap-vs-brute-force.js';
import { wsHealth } from './modules/ws-health.js';
import { browserBench } from './modules/browser.js';
import { vscodeTree } from './modules/vscode-tree.js';
import { watchRecovery } from './modules/watch-recovery.js';

export const MODULES: BenchModule[] = [cliStart, importCost, gatewaySpawn, upstreamGateway, overlapProof, overlapVsBruteForce, wsHealth, browserBench, vscodeTree, watchRecovery];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const only = process.argv.slice(2);
const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

const started = performance.now();
const rows: Row[] = [];
let failed = 0;
for (const m of MODULES) {
  if (only.length > 0 && !only.includes(m.name.replace(/\s+/g, '-'))) continue;
  process.stderr.write(`bench: ${m.name}\n`);
  try {
    rows.push(...(await m.run({ root, progress })));
  } catch (e) {
    failed++;
    rows.push({ id: m.name, label: m.name, skipped: `failed: ${(e as Error).message.split('\n')[0]}` });
  }
}
const seconds = (performance.now() - started) / 1000;

const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  seconds: Math.round(seconds * 10) / 10,
  figures: rows,
};
const outDir = join(root, 'bench-results');
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(join(outDir, 'latest.md'), `${renderMarkdown(rows)}\n`);

process.stdout.write(`\n${renderTable(rows)}\n\n`);
process.stdout.write(`${rows.length} figures in ${report.seconds} s (node ${report.node}, ${report.cpus} cpus, load ${report.loadavg.join(' ')}); JSON: bench-results/latest.json\n`);
process.exitCode = failed > 0 ? 1 : 0;
