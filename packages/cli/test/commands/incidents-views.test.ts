import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Incident } from '@clawport/core';
import { appendIncident } from '@clawport/core/node';
import { makeHome, removeHome, runCli, runJson } from '../helpers/cli.js';

// Incidents as the rescue's watcher writes them (core appendIncident, the same file and format), so the
// views are tested without waiting for a real failure (watch-e2e.test.ts does that end to end).
const open: Incident = {
  id: '20261129T075000-abc123',
  target: 'main',
  watcher: 'rescue',
  detectedAt: new Date(Date.now() - 60_000).toISOString(),
  cause: 'pid 4242 is not answering: no answer within 2000 ms',
  state: 'gave-up',
  actions: [{ kind: 'restart', at: new Date().toISOString(), result: 'failed', detail: 'restart 3/3: not running' }],
};

interface StatusJson {
  name: string;
  incidents?: { open: Incident[]; resolvedLast24h: number };
  watching?: { targets: string[]; open: number };
}

describe('incidents in status and doctor (issue 14: the target side and the watcher side)', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    for (const [p, port] of [['main', 21300], ['rescue', 21500]] as const) {
      const r = await runCli(['--profile', p, 'setup', '--port', String(port)], home);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal((await runCli(['--profile', 'rescue', 'config', 'set', 'watch.targets', '["main"]'], home)).code, 0);
  });
  after(() => removeHome(home));

  it('an open incident: status of main says so (row and --json), rescue says what it watches, status --all flags main, doctor errors', async () => {
    await appendIncident(join(home, '.openclaw-rescue'), open);
    const main = await runJson<StatusJson>(['--profile', 'main', 'status'], home);
    assert.deepEqual(main.result.incidents?.open.map((i) => i.id), [open.id]);
    const text = await runCli(['--profile', 'main', 'status'], home);
    assert.match(text.stdout, /incidents\s+1 open: pid 4242 is not answering: no answer within 2000 ms \(since \S+, watched by rescue, gave up\)/);
    const rescue = await runJson<StatusJson>(['--profile', 'rescue', 'status'], home);
    assert.deepEqual(rescue.result.watching, { targets: ['main'], open: 1 });
    assert.equal(rescue.result.incidents, undefined, 'nothing happened to rescue itself');
    assert.match((await runCli(['--profile', 'rescue', 'status'], home)).stdout, /watching\s+main · 1 open incident \(clawport incidents\)/);
    const all = await runCli(['status', '--all'], home);
    assert.match(all.stdout.split('\n').find((l) => l.startsWith('main')) ?? '', /stopped · 1 incident open/);
    const doctor = await runJson<{ ok: boolean; findings: Array<{ check: string; severity: string; instance?: string; message: string }> }>(['doctor'], home);
    assert.equal(doctor.run.code, 1);
    const f = doctor.result.findings.find((x) => x.check === 'watch.incident');
    assert.equal(f?.severity, 'error');
    assert.equal(f.instance, 'main');
    assert.match(f.message, /^main: incident open since .*, watched by rescue: pid 4242 is not answering.*; the watcher gave up; last action: restart failed/);
  });

  it('once resolved: status says none open with the last day count, doctor only informs', async () => {
    await appendIncident(join(home, '.openclaw-rescue'), { ...open, state: 'resolved', resolvedAt: new Date().toISOString(), resolution: 'live again after restart 1' });
    const text = await runCli(['--profile', 'main', 'status'], home);
    assert.match(text.stdout, /incidents\s+none open · 1 resolved in the last 24 h \(last: pid 4242 is not answering: no answer within 2000 ms; live again after restart 1\)/);
    const doctor = await runJson<{ ok: boolean; findings: Array<{ check: string; severity: string; message: string }> }>(['doctor'], home);
    assert.equal(doctor.result.findings.find((x) => x.check === 'watch.incident'), undefined);
    assert.equal(doctor.result.findings.find((x) => x.check === 'watch.incident.recent')?.severity, 'info');
  });

  it('a misnamed watch target is a doctor warning on the watcher', async () => {
    assert.equal((await runCli(['--profile', 'rescue', 'config', 'set', 'watch.targets', '["mian"]'], home)).code, 0);
    const doctor = await runJson<{ findings: Array<{ check: string; instance?: string; message: string }> }>(['doctor'], home);
    assert.deepEqual(
      doctor.result.findings.filter((x) => x.check === 'watch.target').map((x) => [x.instance, x.message]),
      [['rescue', 'rescue: watch.targets names mian, which is no instance on this host: nothing watches it']],
    );
  });
});
