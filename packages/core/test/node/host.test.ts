import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configProblem, doctorFacts, footprintFindings, otherFootprints, readHost, usableInstances } from '../../src/node/host/index.js';
import { createServer, type Server } from 'node:net';
import { writeEngineSettings } from '../../src/node/engine.js';
import { appendIncident } from '../../src/node/incidents.js';
import { writeRuntime } from '../../src/node/runtime-file.js';
import type { RuntimeInfo } from '../../src/runtime.js';
import { useTempDir } from '../helpers/temp.js';

/** A plugin that leaves a marker file when its module is imported or any of its hooks is called. */
const MARKER_PLUGIN = (marker: string) => `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(marker)}, 'imported');
export default { apiVersion: 1, id: 'marker', claims: () => { writeFileSync(${JSON.stringify(marker)}, 'claims'); return [{ id: 'm', role: 'marker', from: 'base', offset: 7, bind: 'loopback' }]; } };
`;

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('node/host: the host read model (real temp home)', () => {
  const tmp = useTempDir('clawport-host-');
  const home = () => tmp.path;
  const put = async (rel: string, text: string) => {
    await mkdir(join(home(), rel, '..'), { recursive: true });
    await writeFile(join(home(), rel), text);
  };
  const read = (facets: Parameters<typeof readHost>[0]['facets'] = []) => readHost({ env: { OPENCLAW_HOME: home() }, osHome: '/nonexistent', facets });
  const runtime = (name: string, base: number, ports: RuntimeInfo['ports'], extra: Partial<RuntimeInfo> = {}): RuntimeInfo => ({
    pid: process.pid, profile: name, name, version: '0.1.0', startedAt: Date.now(), host: '127.0.0.1', base, ports,
    configPath: join(home(), `.openclaw-${name}`, 'openclaw.json'), stateDir: join(home(), `.openclaw-${name}`), ...extra,
  });

  it("never imports another instance's plugins: a stopped instance's third-party plugins are 'not loaded'", async () => {
    const marker = join(home(), 'MARKER');
    await put('evil.mjs', MARKER_PLUGIN(marker));
    await put('.openclaw-main/openclaw.json', JSON.stringify({ gateway: { port: 23000 }, plugins: { load: ['../evil.mjs'] } }));
    const host = await read(['owners', 'files', 'service']);
    await assert.rejects(access(marker), 'the plugin module was imported');
    const [main] = host.instances;
    assert.deepEqual(main.plugins, { specs: ['../evil.mjs'], source: 'not loaded' });
    assert.deepEqual([...new Set(main.footprint!.claims.map((c) => c.owner))], ['core', 'browser', 'canvas']);
    const notes = footprintFindings(host).filter((f) => f.check === 'plugins.notLoaded');
    assert.equal(notes.length, 1);
    assert.match(notes[0].message, /^main: plugins not loaded \(\.\.\/evil\.mjs\).*clawport --profile main ports$/);
  });

  it('a running instance: third-party claims and plugin errors come from its runtime file', async () => {
    await put('.openclaw-main/openclaw.json', JSON.stringify({ gateway: { port: 23000 }, plugins: { load: ['/nowhere/metrics.mjs'] } }));
    await writeRuntime(join(home(), '.openclaw-main'), runtime('main', 23000, [
      { id: 'gateway', role: 'gateway', owner: 'core', start: 23000, end: 23000, host: '127.0.0.1', bind: 'gateway' },
      { id: 'metrics', role: 'metrics', owner: 'metrics', start: 23005, end: 23005, host: '127.0.0.1', bind: 'loopback' },
    ], { pluginErrors: [{ id: 'other', message: 'failed to start' }] }));
    const [main] = (await read()).instances;
    assert.equal(main.plugins.source, 'runtime');
    const metrics = main.footprint!.claims.find((c) => c.owner === 'metrics');
    assert.deepEqual(metrics, { id: 'metrics', role: 'metrics', owner: 'metrics', bind: 'loopback', start: 23005, end: 23005 });
    assert.deepEqual(main.problems.map((p) => p.toLine()), ['plugin other: failed to start']);
  });

  it('a broken config: no footprint while stopped; the runtime ports while its gateway still runs', async () => {
    await put('.openclaw-bad/openclaw.json', '{ gateway: { port: "nope" } }');
    await put('.openclaw-live/openclaw.json', '{ gateway: { port: 1 } }');
    await writeRuntime(join(home(), '.openclaw-live'), runtime('live', 24000, [{ id: 'gateway', role: 'gateway', owner: 'core', start: 24000, end: 24000, host: '127.0.0.1' }]));
    const host = await read();
    const byName = new Map(host.instances.map((i) => [i.discovered.instance.name, i]));
    assert.equal(byName.get('bad')!.footprint, undefined);
    assert.deepEqual(byName.get('live')!.footprint!.claims.map((c) => `${c.id} ${c.start}`), ['gateway 24000']);
    assert.deepEqual(otherFootprints(host, join(home(), '.openclaw-bad')).map((f) => f.instance), ['live']);
    assert.deepEqual(doctorFacts(host).brokenConfigs.map((b) => b.instance).sort(), ['bad', 'live']);
  });

  // Found by a docs-only trial: p410's footprint without its CDP band (65500–65504) was taken as its ports.
  it('core ports past 65535 (a refused config): no partial footprint, one refusal naming the key and the base to choose', async () => {
    await put('.openclaw-p410/openclaw.json', '{ gateway: { port: 65500 } }');
    await put('.openclaw-ok/openclaw.json', '{ gateway: { port: 24000 } }');
    const host = await read();
    const byName = new Map(host.instances.map((i) => [i.discovered.instance.name, i]));
    const refused = 'gateway.port: base 65500 puts its footprint at 65500–65610, past 65535 (choose a base ≤ 65425, or run: clawport ports suggest)';
    assert.equal(byName.get('p410')!.footprint, undefined);
    assert.deepEqual(byName.get('p410')!.problems.map((p) => p.toLine()), [refused]);
    assert.equal(configProblem(byName.get('p410')!)?.toLine(), refused);
    assert.equal(configProblem(byName.get('ok')!), undefined);
    assert.deepEqual(usableInstances(host).map((i) => i.discovered.instance.name), ['ok']);
    assert.deepEqual(
      footprintFindings(host).map((f) => [f.instance, f.check, f.keyPath, f.fix]),
      [['p410', 'ports.range', 'gateway.port', 'choose a base ≤ 65425, or run: clawport ports suggest']],
    );
  });

  it('facets: lock/runtime owners with liveness, file modes, the installed service', async () => {
    await put('.openclaw-main/openclaw.json', '{}');
    await put('.openclaw-main/gateway.lock', JSON.stringify({ pid: deadPid() }));
    const bare = (await read()).instances[0];
    assert.deepEqual([bare.owners, bare.files, bare.service], [undefined, undefined, undefined], 'facets are read only when asked');
    const [main] = (await read(['owners', 'files', 'service'])).instances;
    assert.deepEqual(main.owners?.lock && { kind: main.owners.lock.kind, alive: main.owners.lock.alive }, { kind: 'lock', alive: false });
    assert.equal(main.owners?.runtime, undefined);
    assert.deepEqual(main.files?.map((f) => f.kind), ['stateDir', 'config']);
    assert.equal(main.service, null);
  });

  it('engine and a broken config: an openclaw-engine profile claims upstream span; a broken stopped config asks for its written port', async () => {
    await put('.openclaw-up/openclaw.json', JSON.stringify({ gateway: { port: 25000 } }));
    await writeEngineSettings(join(home(), '.openclaw-up'), { engine: 'openclaw' });
    await put('.openclaw-bad/openclaw.json', '{ gateway: { port: 26000, bind: 7 } }');
    const byName = new Map((await read()).instances.map((i) => [i.discovered.instance.name, i]));
    const up = byName.get('up')!;
    assert.equal(up.engine, 'openclaw');
    assert.deepEqual([...new Set(up.footprint!.claims.map((c) => c.owner))], ['core', 'openclaw']);
    const bad = byName.get('bad')!;
    assert.equal(bad.footprint, undefined, 'never part of an overlap proof');
    assert.equal(bad.configuredPort, 26000);
    assert.equal(bad.assumedFootprint!.claims.find((c) => c.id === 'gateway')!.start, 26000);
  });

  it("facet holders: who listens on an instance's single ports (pid, command), and doctor's foreign ports from it", async () => {
    await put('.openclaw-main/openclaw.json', JSON.stringify({ gateway: { port: 27000 } }));
    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(27004, '127.0.0.1', r));
    try {
      const host = await readHost({ env: { OPENCLAW_HOME: home() }, osHome: '/nonexistent', facets: ['holders'], listeners: true });
      const [main] = host.instances;
      assert.deepEqual(main.holders?.map((h) => [h.port, h.role, h.pid, h.gateway]), [[27004, 'canvas', process.pid, false]]);
      assert.ok(main.holders[0].command, 'the command name is read from the process table');
      assert.deepEqual(doctorFacts(host).foreignPorts, [{ instance: 'main', port: 27004, role: 'canvas', holder: `pid ${process.pid} (${main.holders[0].command})` }]);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  it('facet incidents: what each watcher recorded in its own state dir, last record per id', async () => {
    await put('.openclaw-main/openclaw.json', '{}');
    await put('.openclaw-rescue/openclaw.json', '{}');
    const rescue = join(home(), '.openclaw-rescue');
    const open = { id: 'i1', target: 'main', watcher: 'rescue', detectedAt: '2026-11-29T07:00:00.000Z', cause: 'not ready', state: 'open', actions: [] };
    await appendIncident(rescue, open as never);
    await appendIncident(rescue, { ...open, state: 'resolved', resolvedAt: '2026-11-29T07:01:00.000Z', resolution: 'restarted' } as never);
    assert.deepEqual((await read()).instances.map((i) => i.incidents), [undefined, undefined], 'read only when asked');
    const byName = new Map((await read(['incidents'])).instances.map((i) => [i.discovered.instance.name, i.incidents]));
    assert.deepEqual(byName.get('main'), []);
    assert.deepEqual(byName.get('rescue')?.map((i) => [i.id, i.target, i.state]), [['i1', 'main', 'resolved']]);
  });
});
