import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openclaw, openclawOk, spawnGateway, stopGateway } from './helpers/cli.js';
import { hold, release } from './helpers/net.js';

const BASE = 61900;
const METRICS = BASE + 5;

/** What `status --json` says of the plugin (issue 15: a plugin's status() is visible from the CLI). */
interface StatusJson {
  plugins?: Record<string, { state: string; ports: Array<{ id: string; start: number }>; detail?: { url?: string; scrapes?: number } }>;
  ports: Array<{ role: string; start: number; state: string; heldBy?: Array<{ port: number; pid?: number; command?: string }> }>;
}

describe('a plugin in status and ports (real CLI, real gateway): its status() snapshot, its claim, who holds its port', function () {
  this.timeout(120_000);
  let home: string;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'clawport-metrics-status-'));
    await openclawOk(home, '--profile', 'metered', 'setup', '--port', String(BASE));
    await openclawOk(home, '--profile', 'metered', 'config', 'set', 'plugins.load', '["@clawport/plugin-metrics"]');
  });
  afterEach(async () => {
    if (child) await stopGateway(child);
    child = undefined;
    await rm(home, { recursive: true, force: true });
  });

  it('status --json carries the plugin’s own snapshot; status shows it as a line; status --all lists its claim', async () => {
    child = (await spawnGateway(home, '--profile', 'metered')).child;
    await fetch(`http://127.0.0.1:${METRICS}/metrics`).then((r) => r.text());
    const json = JSON.parse((await openclawOk(home, '--profile', 'metered', 'status', '--json')).stdout) as StatusJson;
    const metrics = json.plugins?.metrics;
    assert.equal(metrics?.state, 'running', JSON.stringify(json.plugins));
    assert.deepEqual(metrics.ports.map((p) => [p.id, p.start]), [['metrics', METRICS]]);
    assert.equal(metrics.detail?.url, `http://127.0.0.1:${METRICS}/metrics`);
    assert.ok((metrics.detail?.scrapes ?? 0) >= 1, 'the scrape above is counted');

    const text = (await openclawOk(home, '--profile', 'metered', 'status')).stdout;
    assert.match(text, new RegExp(`plugin metrics\\s+running · ${METRICS} · url http://127\\.0\\.0\\.1:${METRICS}/metrics · scrapes \\d+`));

    const all = (await openclawOk(home, 'status', '--all')).stdout;
    assert.match(all, /OTHER CLAIMS/i);
    assert.match(all.split('\n').find((l) => l.startsWith('metered')) ?? '', new RegExp(`metrics ${METRICS}`));
  });

  it('a foreign process on the plugin’s port: ports and status name its pid and command', async () => {
    const squatter = await hold(METRICS); // this test process: pid and command known
    try {
      const ports = JSON.parse((await openclawOk(home, '--profile', 'metered', 'ports', '--json')).stdout) as StatusJson;
      const row = ports.ports.find((p) => p.role === 'metrics');
      assert.equal(row?.state, 'in use');
      assert.equal(row.heldBy?.length, 1, JSON.stringify(row));
      assert.equal(row.heldBy[0].port, METRICS);
      assert.equal(row.heldBy[0].pid, process.pid);
      assert.match(row.heldBy[0].command ?? '', /node|mocha/);
      const text = (await openclawOk(home, '--profile', 'metered', 'ports')).stdout;
      assert.match(text, new RegExp(`in use by another process: ${METRICS} \\(pid ${process.pid} \\S+\\)`));
      const status = (await openclawOk(home, '--profile', 'metered', 'status')).stdout;
      assert.match(status, new RegExp(`in use by another process: ${METRICS} \\(pid ${process.pid} \\S+\\)`));
      // doctor for the profile whose plugins it loads names the holder too (the claim is the plugin's)
      const doctor = await openclaw(home, '--profile', 'metered', 'doctor', '--json');
      const held = (JSON.parse(doctor.stdout) as { findings: Array<{ severity: string; message: string }> }).findings.filter((f) => f.message.includes(String(METRICS)));
      assert.equal(held.length, 1, doctor.stdout);
      assert.equal(held[0].severity, 'error');
      assert.match(held[0].message, new RegExp(`pid ${process.pid}`));
    } finally {
      await release(squatter);
    }
  });
});
