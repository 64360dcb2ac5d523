import assert from 'node:assert/strict';
import { FACTS } from '../../../src/model/facts.js';
import { describeInstance, uptime } from '../../../src/model/snapshot.js';
import { buildTree, instanceContextValue, shortPath } from '../../../src/model/tree-model.js';
import { TreeStore } from '../../../src/model/tree-store.js';
import { foreign, overlap, snap } from '../fixtures.js';

const NOW = Date.UTC(2026, 10, 29, 4, 0, 0);
const ctx = { now: NOW, osHome: '/h' };

describe('model/tree-model', () => {
  const running = snap('main', 18789, { running: true, healthy: true, pid: 42, startedAt: NOW - 125_000 });
  running.ports[0].listening = [18789];

  const cases: Array<{ title: string; s: ReturnType<typeof snap>; description: string; context: string; icon: string; color?: string }> = [
    { title: 'running', s: running, description: ':18789 · running · healthy · up 2m', context: 'instance.running', icon: 'vm-running', color: 'charts.green' },
    { title: 'stopped', s: snap('rescue', 19001), description: ':19001 · stopped', context: 'instance.stopped', icon: 'vm-outline', color: 'disabledForeground' },
    {
      title: 'running but not answering: red and shaped unlike stopped',
      s: snap('a', 20000, { running: true, healthy: false, pid: 1 }),
      description: ':20000 · running · not answering',
      context: 'instance.unhealthy',
      icon: 'error',
      color: 'list.errorForeground',
    },
    {
      title: 'stopped with a conflict and a service: run state and problems side by side, Start blocked',
      s: snap('b', 18809, { conflicts: [overlap('b', 'main', 'b')], service: { backend: 'supervisor', installed: true, state: 'inactive' } }),
      description: ':18809 · stopped · 1 conflict',
      context: 'instance.stopped.conflict.blocked.service',
      icon: 'warning',
      color: 'list.warningForeground',
    },
    {
      title: 'running with a conflict: still says it runs',
      s: snap('main', 18789, { running: true, healthy: true, conflicts: [overlap('main', 'b')] }),
      description: ':18789 · running · healthy · 1 conflict',
      context: 'instance.running.conflict.blocked',
      icon: 'vm-running',
      color: 'list.warningForeground',
    },
    {
      title: 'broken config: its configured port, a config error state, rollback offered',
      s: snap('c', 29000, { configError: { cause: 'not valid JSON5: invalid character', line: 3, column: 5 }, canRollBack: true, portsAssumed: true }),
      description: ':29000 · stopped · config error',
      context: 'instance.stopped.blocked.broken.rollback',
      icon: 'bracket-error',
      color: 'list.errorForeground',
    },
    { title: 'starting…', s: snap('d', 21000, { run: 'starting' }), description: ':21000 · starting…', context: 'instance.starting', icon: 'loading~spin' },
    {
      title: 'stopping…',
      s: snap('e', 21200, { running: true, healthy: true, run: 'stopping' }),
      description: ':21200 · stopping…',
      context: 'instance.stopping',
      icon: 'loading~spin',
    },
  ];
  for (const c of cases) {
    it(`${c.title}: description, contextValue and icon`, () => {
      const [node] = buildTree([c.s], ctx);
      assert.equal(node.label, c.s.name);
      assert.equal(node.description, c.description);
      assert.equal(node.contextValue, c.context);
      assert.equal(instanceContextValue(c.s), c.context);
      assert.deepEqual(node.icon, { id: c.icon, ...(c.color ? { color: c.color } : {}) });
    });
  }

  it('children: process and service facts, ports in port order, paths under the home as ~/…', () => {
    const [node] = buildTree([running], ctx);
    const kids = node.children!.map((k) => `${k.label}=${k.description}`);
    assert.deepEqual(kids, [
      'process=pid 42',
      'service=none (started by hand or from here)',
      'gateway=18789 · listening',
      'browser control=18791 · free',
      'canvas=18793 · free',
      'CDP band=18800–18899 · none in use',
      'config=~/.openclaw-main/openclaw.json',
      'state dir=~/.openclaw-main',
      'workspace=~/.openclaw/workspace-main',
    ]);
    const gw = node.children!.find((k) => k.label === 'gateway')!;
    assert.equal(gw.contextValue, 'port.listening');
    assert.equal(gw.url, 'http://127.0.0.1:18789/');
    assert.equal(node.children!.find((k) => k.label === 'canvas')!.url, undefined);
    assert.equal(node.children!.find((k) => k.label === 'config')!.tooltip, '/h/.openclaw-main/openclaw.json');
  });

  it('a stopped gateway listens on nothing: a listener on its port is named, not "listening", not a link', () => {
    const s = snap('rescue', 19001, { conflicts: [foreign('rescue', 19005)] });
    const canvas = s.ports.find((p) => p.claim.id === 'canvas')!;
    canvas.listening = [19005];
    canvas.heldBy = { pid: 4242, command: 'python3' };
    const [node] = buildTree([s], ctx);
    const row = node.children!.find((k) => k.label === 'canvas')!;
    assert.equal(row.description, '19005 · taken by python3 (pid 4242)');
    assert.equal(row.contextValue, 'port.taken');
    assert.equal(row.url, undefined);
    assert.equal(row.icon.id, 'warning');
    assert.doesNotMatch(node.tooltip!, /\]\(http/); // no port of a stopped gateway is a link
    assert.match(node.tooltip!, /\| canvas \| 19005 \| taken by python3 \(pid 4242\) \|/);
    const problem = node.children![0];
    assert.deepEqual([problem.label, problem.description, problem.culprit], ['port 19005 taken by python3 (pid 4242)', 'move this profile to a free base', 'rescue']);
  });

  it('one row per conflict cause, naming the culprit to move, as an error like the Problems panel says', () => {
    const [main, b] = buildTree([snap('main', 18789, { conflicts: [overlap('main', 'b')] }), snap('b', 18809, { conflicts: [overlap('b', 'main', 'b')] })], ctx);
    const problems = (n: typeof main) => n.children!.filter((k) => k.kind === 'problem');
    assert.deepEqual(problems(main).map((k) => [k.label, k.description, k.culprit, k.icon.id, k.contextValue]), [
      ['overlaps b', 'move b to a free base', 'b', 'error', 'problem.conflict'],
    ]);
    assert.deepEqual(problems(b).map((k) => [k.label, k.description, k.culprit]), [['overlaps main', 'move this profile to a free base', 'b']]);
    assert.match(problems(main)[0].tooltip!, /main CDP band 18800–18899 overlaps b gateway, browser control, canvas and CDP band 18809–18919/);
  });

  it('a config error is one row with line:col then the cause, opening the file there; doctor does not repeat it', () => {
    const s = snap('c', 29000, {
      configError: { cause: 'not valid JSON5: invalid character', line: 3, column: 5 },
      canRollBack: true,
      findings: [{ severity: 'error', check: 'config.invalid', message: '/h/.openclaw-c/openclaw.json:3: not valid JSON5', instance: 'c' }],
    });
    const kids = buildTree([s], ctx)[0].children!.filter((k) => k.kind === 'problem');
    assert.equal(kids.length, 1);
    assert.deepEqual([kids[0].label, kids[0].description, kids[0].line, kids[0].column, kids[0].contextValue], [
      'config error',
      'line 3:5 · not valid JSON5: invalid character',
      3,
      5,
      'problem.config.rollback',
    ]);
  });

  it('other doctor findings read in words, not check ids', () => {
    const s = snap('b', 18809, { findings: [{ severity: 'warning', check: 'files.permissions', message: 'token is readable by others', instance: 'b' }] });
    const [row] = buildTree([s], ctx)[0].children!.filter((k) => k.kind === 'problem');
    assert.deepEqual([row.label, row.description], ['file permissions', 'token is readable by others']);
    assert.equal(describeInstance(s, NOW), ':18809 · stopped · 1 warning');
  });

  it('hover: state in words with uptime, no timestamps or internal terms, ports as links while running', () => {
    const [node] = buildTree([running], ctx);
    assert.match(node.tooltip!, /^\*\*main\*\* — running · healthy · up 2m · pid 42/);
    for (const p of [18789]) assert.match(node.tooltip!, new RegExp(`\\[${p}\\]\\(http://127\\.0\\.0\\.1:${p}/\\)`));
    assert.doesNotMatch(node.tooltip!, /since|core|gateway bind|UTC/);
    const portTips = node.children!.filter((k) => k.kind === 'port').map((k) => k.tooltip!).join('\n');
    assert.doesNotMatch(portTips, /\bcore\b|, gateway bind/);
  });

  it('uptime reads like the CLI', () => {
    assert.deepEqual([uptime(0, 42_000), uptime(0, 125_000), uptime(0, 3_900_000), uptime(0, 2 * 86_400_000 + 3_600_000)], ['up 42s', 'up 2m', 'up 1h 5m', 'up 2d 1h']);
  });

  it('a new fact is one entry in FACTS: chip, hover line and child row', () => {
    FACTS.watch = (s) => ({ chip: 'watching rescue', hover: 'watches rescue', row: { label: 'watch', description: `rescue · ${s.name}`, icon: 'eye' } });
    try {
      const [node] = buildTree([snap('main', 18789)], ctx);
      assert.equal(node.description, ':18789 · stopped · watching rescue');
      assert.match(node.tooltip!, /watches rescue/);
      assert.equal(node.children!.find((k) => k.id === '/h/.openclaw-main#fact:watch')!.description, 'rescue · main');
    } finally {
      delete FACTS.watch;
    }
  });

  it('an upstream OpenClaw engine is said in the row, the hover and its own row', () => {
    const [node] = buildTree([snap('main', 18789, { running: true, healthy: true, pid: 7, engine: { id: 'openclaw', pid: 8 } })], ctx);
    assert.equal(node.description, ':18789 · running · healthy · OpenClaw engine');
    assert.match(node.tooltip!, /engine: upstream OpenClaw \(pid 8\)/);
    assert.equal(node.children!.find((k) => k.label === 'engine')!.description, 'upstream OpenClaw · pid 8');
    assert.equal(buildTree([snap('x', 20000, { engine: { id: 'clawport' } })], ctx)[0].description, ':20000 · stopped');
    const [withVersion] = buildTree([snap('main', 18789, { running: true, healthy: true, pid: 7, version: '2026.9.6', engine: { id: 'openclaw', pid: 8 } })], ctx);
    assert.equal(withVersion.children!.find((k) => k.label === 'engine')!.description, 'upstream OpenClaw 2026.9.6 · pid 8');
  });

  it('an upstream gateway that answers /healthz but not our handshake says so (reachable but limited, auth failed), not "healthy"', () => {
    const limited = snap('main', 18789, { running: true, healthy: true, pid: 7, version: '2026.9.6', engine: { id: 'openclaw', pid: 8, state: 'limited', detail: 'connected without operator.read (scopes: none)' } });
    const [node] = buildTree([limited], ctx);
    assert.equal(node.description, ':18789 · running · reachable but limited · OpenClaw engine');
    assert.match(node.tooltip!, /engine: upstream OpenClaw 2026\.9\.6 \(pid 8\) · reachable but limited: connected without operator\.read/);
    const row = node.children!.find((k) => k.label === 'engine')!;
    assert.equal(row.description, 'upstream OpenClaw 2026.9.6 · pid 8 · reachable but limited');
    const [auth] = buildTree([{ ...limited, engine: { id: 'openclaw', pid: 8, state: 'auth-failed', detail: 'token refused (AUTH_TOKEN_MISMATCH)' } }], ctx);
    assert.equal(auth.description, ':18789 · running · auth failed · OpenClaw engine');
    const [live] = buildTree([{ ...limited, engine: { id: 'openclaw', pid: 8, state: 'live', detail: 'live' } }], ctx);
    assert.equal(live.description, ':18789 · running · healthy · OpenClaw engine');
  });

  it('upstream OpenClaw’s own service for the profile: a row (backend, engine, version), the file in its tooltip and the hover', () => {
    const file = '/h/.config/systemd/user/openclaw-gateway-main.service';
    const [node] = buildTree([snap('main', 18789, { upstreamServices: [{ backend: 'systemd', file, engine: 'openclaw', version: '2026.9.6' }] })], ctx);
    const row = node.children!.find((k) => k.id === '/h/.openclaw-main#fact:upstreamService')!;
    assert.equal(row.label, 'upstream service');
    assert.equal(row.description, "systemd · engine openclaw 2026.9.6 · upstream's, left alone");
    assert.equal(row.tooltip, file);
    assert.match(node.tooltip!, /upstream OpenClaw's own service: systemd · engine openclaw 2026\.9\.6 \(\/h\/\.config\/systemd\/user\/openclaw-gateway-main\.service\)/);
    assert.equal(buildTree([snap('x', 20000)], ctx)[0].children!.some((k) => k.label === 'upstream service'), false);
  });

  it('incidents (issue 14): an open one is a red chip, a hover line and a row; resolved ones leave a history row', () => {
    const incident = { id: 'i1', target: 'main', watcher: 'rescue', detectedAt: '2026-11-29T07:50:00Z', cause: 'pid 42 is not answering', state: 'acting' as const, actions: [] };
    const [open] = buildTree([snap('main', 18789, { incidents: [incident] })], ctx);
    assert.equal(open.description, ':18789 · stopped · incident open');
    assert.match(open.tooltip!, /incident open since 2026-11-29T07:50:00Z, watched by rescue: pid 42 is not answering/);
    const row = open.children!.find((k) => k.label === 'incidents')!;
    assert.equal(row.description, '1 open: pid 42 is not answering');
    const done = { ...incident, state: 'resolved' as const, resolvedAt: new Date().toISOString(), resolution: 'live again after restart 1' };
    const [after] = buildTree([snap('main', 18789, { incidents: [done] })], ctx);
    assert.equal(after.description, ':18789 · stopped');
    assert.equal(after.children!.find((k) => k.label === 'incidents')!.description, 'none open · 1 resolved in 24 h');
    assert.equal(buildTree([snap('x', 20000)], ctx)[0].children!.find((k) => k.label === 'incidents'), undefined);
  });

  it('plugin services (issue 15): one row with each state and its own status fields; a failed one is a chip', () => {
    const plugins = {
      metrics: { state: 'running' as const, ports: [{ id: 'metrics', role: 'metrics', start: 18794, end: 18794 }], detail: { url: 'http://127.0.0.1:18794/metrics', scrapes: 3 } },
      webhook: { state: 'failed' as const, error: 'boom' },
      canvas: { state: 'running' as const },
    };
    const [node] = buildTree([snap('main', 18789, { running: true, healthy: true, pid: 7, plugins })], ctx);
    assert.equal(node.children!.find((k) => k.label === 'plugins')!.description, 'metrics running · scrapes 3 | webhook failed: boom');
    assert.match(node.description!, /^:18789 · running · degraded · 1 plugin failed$/);
    assert.equal(buildTree([snap('main', 18789, { plugins })], ctx)[0].children!.find((k) => k.label === 'plugins'), undefined, 'stopped: nothing reported');
  });

  it('the store marks an instance starting… until the command clears it', () => {
    const store = new TreeStore(() => ctx);
    store.set([snap('main', 18789)]);
    store.setPending('/h/.openclaw-main', 'starting');
    assert.equal(store.getChildren()[0].description, ':18789 · starting…');
    store.set([snap('main', 18789)]); // a refresh in between keeps the mark
    assert.equal(store.getChildren()[0].description, ':18789 · starting…');
    store.setPending('/h/.openclaw-main', undefined);
    assert.equal(store.getChildren()[0].description, ':18789 · stopped');
  });

  it('ids are unique and stable across rebuilds', () => {
    const a = buildTree([running, snap('rescue', 19001)], ctx);
    const b = buildTree([running, snap('rescue', 19001)], ctx);
    const ids = a.flatMap((n) => [n.id, ...n.children!.map((k) => k.id)]);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, b.flatMap((n) => [n.id, ...n.children!.map((k) => k.id)]));
  });

  it('shortPath keeps paths outside the home', () => {
    assert.deepEqual([shortPath('/h/x', '/h'), shortPath('/hh/x', '/h'), shortPath('/srv/x', undefined)], ['~/x', '/hh/x', '/srv/x']);
  });
});
