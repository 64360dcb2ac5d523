import assert from 'node:assert/strict';
import { watchFindings, type DoctorInstance, type Incident } from '../../src/index.js';

const inst = (name: string, config: Record<string, unknown> = {}): DoctorInstance => ({
  name,
  profile: name,
  stateDir: `/h/.openclaw-${name}`,
  configPath: `/h/.openclaw-${name}/openclaw.json`,
  workspace: `/h/.openclaw-${name}/workspace`,
  base: 18789,
  config,
  footprint: [],
});
const NOW = Date.parse('2026-11-29T08:00:00Z');
const incident = (over: Partial<Incident>): Incident => ({
  id: 'i1',
  target: 'main',
  watcher: 'rescue',
  detectedAt: '2026-11-29T07:50:00Z',
  cause: 'pid 42 is not answering',
  state: 'open',
  actions: [],
  ...over,
});
const instances = [inst('main'), inst('rescue', { watch: { targets: ['main'] } })];

describe('doctor: the rescue watch (issue 14: incidents in doctor)', () => {
  it('an open incident is an error on its target, naming the watcher, the cause and the last action', () => {
    const [f] = watchFindings({ instances, incidents: [incident({ state: 'gave-up', actions: [{ kind: 'restart', at: 'x', result: 'failed', detail: 'still down' }] })], running: new Set(['rescue']), now: NOW });
    assert.equal(f.severity, 'error');
    assert.equal(f.check, 'watch.incident');
    assert.equal(f.instance, 'main');
    assert.equal(f.file, '/h/.openclaw-main/openclaw.json');
    assert.equal(f.message, 'main: incident open since 2026-11-29T07:50:00Z, watched by rescue: pid 42 is not answering; the watcher gave up; last action: restart failed (still down)');
    assert.match(f.fix ?? '', /clawport incidents --target main/);
  });

  it('an open incident whose target runs again is a warning pointing at the stopped watcher', () => {
    const [f] = watchFindings({ instances, incidents: [incident({})], running: new Set(['main']), now: NOW });
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /still open although main runs again.*\(rescue is not running\)/);
    assert.match(f.fix ?? '', /clawport --profile rescue gateway start/);
  });

  it('incidents resolved in the last 24 h are one info per target; older ones are not reported', () => {
    const fresh = incident({ id: 'a', state: 'resolved', resolvedAt: '2026-11-29T07:55:00Z', resolution: 'live again after restart 1' });
    const old = incident({ id: 'b', state: 'resolved', resolvedAt: '2026-11-27T07:55:00Z', resolution: 'live again' });
    const findings = watchFindings({ instances, incidents: [old, fresh], running: new Set(['main', 'rescue']), now: NOW });
    assert.deepEqual(findings.map((f) => [f.severity, f.check, f.message]), [['info', 'watch.incident.recent', 'main: 1 incident in the last 24 h, all resolved (last: pid 42 is not answering; live again after restart 1)']]);
  });

  it('a watch target that names no instance is a warning on the watcher, with the key', () => {
    const findings = watchFindings({ instances: [inst('main'), inst('rescue', { watch: { targets: ['mian', 'main'] } })], incidents: [], running: new Set(), now: NOW });
    assert.deepEqual(findings.map((f) => [f.severity, f.check, f.instance, f.keyPath, f.message]), [['warning', 'watch.target', 'rescue', 'watch.targets', 'rescue: watch.targets names mian, which is no instance on this host: nothing watches it']]);
  });

  it('nothing recorded, nothing misnamed: no findings', () => {
    assert.deepEqual(watchFindings({ instances, incidents: [], running: new Set(), now: NOW }), []);
  });
});
