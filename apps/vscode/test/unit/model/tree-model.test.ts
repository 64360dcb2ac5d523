import assert from 'node:assert/strict';
import { buildTree, instanceContextValue } from '../../../src/model/tree-model.js';
import { describeInstance, deriveHealth } from '../../../src/model/snapshot.js';
import { snap } from '../fixtures.js';

describe('model/tree-model', () => {
  const running = snap('main', 18789, { running: true, healthy: true, pid: 42 });
  running.ports[0].listening = [18789];

  const cases: Array<{ title: string; s: ReturnType<typeof snap>; description: string; context: string; icon: string; color?: string }> = [
    { title: 'running', s: running, description: ':18789 · running', context: 'instance.running', icon: 'vm-running', color: 'charts.green' },
    { title: 'stopped', s: snap('rescue', 19001), description: ':19001 · stopped', context: 'instance.stopped', icon: 'vm-outline', color: 'disabledForeground' },
    {
      title: 'running but not answering',
      s: snap('a', 20000, { running: true, healthy: false, pid: 1 }),
      description: ':20000 · unhealthy',
      context: 'instance.unhealthy',
      icon: 'vm-outline',
      color: 'charts.red',
    },
    {
      title: 'conflict with a service',
      s: snap('b', 18809, { conflicts: ['b gateway 18809 overlaps main CDP band 18800–18899'], service: { backend: 'supervisor', installed: true, state: 'inactive' } }),
      description: ':18809 · conflict',
      context: 'instance.stopped.conflict.service',
      icon: 'warning',
      color: 'list.warningForeground',
    },
    { title: 'broken config', s: snap('c', 21000, { configError: 'x.json:1:1: not valid JSON5' }), description: ':21000 · unhealthy', context: 'instance.stopped.broken', icon: 'vm-outline', color: 'charts.red' },
  ];
  for (const c of cases) {
    it(`${c.title}: description, contextValue and icon`, () => {
      const [node] = buildTree([c.s]);
      assert.equal(node.label, c.s.name);
      assert.equal(node.description, c.description);
      assert.equal(node.contextValue, c.context);
      assert.equal(instanceContextValue(c.s), c.context);
      assert.deepEqual(node.icon, { id: c.icon, ...(c.color ? { color: c.color } : {}) });
    });
  }

  it('children: every claim with its ports and listening state, then paths and service', () => {
    const [node] = buildTree([running]);
    const kids = node.children!.map((k) => `${k.label}=${k.description}`);
    assert.deepEqual(kids, [
      'process=pid 42',
      'gateway=18789 · listening',
      'browser control=18791 · free',
      'CDP band=18800–18899 · none in use',
      'canvas=18793 · free',
      'config=/h/.openclaw-main/openclaw.json',
      'state dir=/h/.openclaw-main',
      'workspace=/h/.openclaw/workspace-main',
      'service=none · not installed',
    ]);
    assert.equal(node.children![1].contextValue, 'port.listening');
    assert.equal(node.children![1].url, 'http://127.0.0.1:18789/');
    assert.equal(node.children![2].url, undefined);
  });

  it('tooltip links every port, bands at both ends', () => {
    const [node] = buildTree([running]);
    for (const p of [18789, 18791, 18793, 18800, 18899]) assert.match(node.tooltip!, new RegExp(`\\[${p}\\]\\(http://127\\.0\\.0\\.1:${p}/\\)`));
    assert.match(node.tooltip!, /\*\*main\*\*.*running · pid 42/);
  });

  it('conflicts and findings become warning nodes first, without duplicates', () => {
    const msg = 'b gateway 18809 overlaps main CDP band 18800–18899';
    const s = snap('b', 18809, {
      conflicts: [msg],
      findings: [
        { severity: 'error', check: 'ports.overlap', message: msg, instance: 'b' },
        { severity: 'warning', check: 'workspace.shared', message: 'b shares workspace', instance: 'b' },
      ],
    });
    const kids = buildTree([s])[0].children!;
    assert.deepEqual(kids.slice(0, 2).map((k) => [k.label, k.icon.id]), [['conflict', 'warning'], ['workspace.shared', 'warning']]);
    assert.equal(kids.filter((k) => k.description === msg).length, 1);
  });

  it('ids are unique and stable across rebuilds', () => {
    const a = buildTree([running, snap('rescue', 19001)]);
    const b = buildTree([running, snap('rescue', 19001)]);
    const ids = a.flatMap((n) => [n.id, ...n.children!.map((k) => k.id)]);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, b.flatMap((n) => [n.id, ...n.children!.map((k) => k.id)]));
  });

  it('deriveHealth and describeInstance agree for a running conflict', () => {
    const h = deriveHealth({ conflicts: ['x'], running: true, healthy: true });
    assert.equal(h, 'conflict');
    assert.equal(describeInstance({ base: 1, health: h, running: true }), ':1 · running · conflict');
  });
});
