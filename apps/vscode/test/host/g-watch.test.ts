// The rescue watch in the sidebar (issue 14): an incident the rescue's watcher records about main shows
// as a red chip, a hover line and a row under main, and is told once as a notification; once resolved,
// the row keeps the day's history. The incident lines are written in the watcher's own file format
// (<rescue state>/watch/incidents.jsonl, one JSON object a line, last line per id wins), as the real
// watcher does (packages/cli/test/commands/gateway-service/watch-e2e.test.ts runs that end to end).
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ClawportApi } from '../../src/extension.js';
import { eventually, resultsDir, row, screenshot, testHome, withMainAndRescue } from './helpers.js';

const incident = {
  id: '20261129T080000-feed01',
  target: 'main',
  watcher: 'rescue',
  detectedAt: new Date().toISOString(),
  cause: 'pid 4242 is not answering',
  state: 'acting',
  actions: [{ kind: 'restart', at: new Date().toISOString(), result: 'failed', detail: 'restart 1/3: not running' }],
};

describe('the rescue watch: incidents under the instance, and a notification', () => {
  let a: ClawportApi;
  const watchDir = () => join(testHome(), '.openclaw-rescue', 'watch');
  const record = (x: object) => {
    mkdirSync(watchDir(), { recursive: true });
    appendFileSync(join(watchDir(), 'incidents.jsonl'), `${JSON.stringify(x)}\n`);
  };

  before(async () => {
    a = await withMainAndRescue();
  });
  after(async () => {
    rmSync(watchDir(), { recursive: true, force: true });
    await a.controller.refresh();
  });

  it('an open incident: main says so in its row, hover and an incidents row; the user is told once', async function () {
    this.timeout(400_000); // the screenshot: one paint of the workbench takes minutes on a loaded machine
    record(incident);
    // no refresh asked: the file watcher on the state dir sees the watcher write
    await eventually('main flags the incident', () => /incident open/.test(String(row(a, 'main')?.item.description)));
    const main = row(a, 'main')!;
    const rows = a.controller.provider.getChildren(main.node);
    assert.equal(rows.find((n) => n.label === 'incidents')?.description, '1 open: pid 4242 is not answering');
    assert.match(String((main.item.tooltip as { value: string }).value), /incident open since .*, watched by rescue: pid 4242 is not answering/);
    assert.deepEqual(a.controller.incidentNotices, ['Clawport: main failed (pid 4242 is not answering); rescue is repairing it.']);
    await a.controller.refresh();
    assert.equal(a.controller.incidentNotices.length, 1, 'told once, not on every refresh');
    await screenshot('incident', join(resultsDir(), 'vscode-incident.png'), ['main', 'incident open']);
  });

  it('resolved: the chip goes, the row keeps the history of the day', async () => {
    record({ ...incident, state: 'resolved', resolvedAt: new Date().toISOString(), resolution: 'live again after restart 2' });
    await eventually('main clear again', () => !/incident/.test(String(row(a, 'main')?.item.description)));
    const rows = a.controller.provider.getChildren(row(a, 'main')!.node);
    assert.equal(rows.find((n) => n.label === 'incidents')?.description, 'none open · 1 resolved in 24 h');
  });
});
