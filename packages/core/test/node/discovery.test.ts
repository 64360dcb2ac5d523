import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../../src/errors.js';
import { discoverInstances, isInstanceDir } from '../../src/node/discovery.js';
import { registerInstance } from '../../src/node/registry.js';
import { writeRuntime } from '../../src/node/runtime-file.js';
import type { RuntimeInfo } from '../../src/runtime.js';
import { useTempDir } from '../helpers/temp.js';
import { checkUniquePaths } from '../../src/doctor/isolation.js';
import type { DoctorInstance } from '../../src/plugins/contract.js';

/** The pid of a process that has exited (and been reaped): what a killed gateway leaves behind. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function runtime(stateDir: string, pid: number, base: number): RuntimeInfo {
  return { pid, profile: 'rescue', name: 'rescue', version: '0.1.0', startedAt: Date.now(), host: '127.0.0.1', base, ports: [], configPath: join(stateDir, 'openclaw.json'), stateDir };
}

describe('node/discovery (real temp home)', () => {
  const tmp = useTempDir();
  const home = () => tmp.path;
  const put = async (rel: string, text: string) => {
    await mkdir(join(home(), rel, '..'), { recursive: true });
    await writeFile(join(home(), rel), text);
  };
  const discover = () => discoverInstances({ env: { OPENCLAW_HOME: home() }, osHome: '/nonexistent-os-home' });

  it('an empty home has no instances', async () => {
    assert.deepEqual(await discover(), []);
  });

  it('finds the default instance, profile dirs and registered custom paths, sorted by name', async () => {
    await put('.openclaw/openclaw.json', '{ gateway: { port: 18789 } }');
    await put('.openclaw-rescue/openclaw.json', '{ gateway: { port: 19789 } }');
    await mkdir(join(home(), '.openclaw-empty'));
    await put('bots/alpha.json', '{ gateway: { port: 20789 } }');
    await mkdir(join(home(), 'state-alpha'));
    await registerInstance(home(), { name: 'alpha', stateDir: join(home(), 'state-alpha'), configPath: join(home(), 'bots/alpha.json') });

    const found = await discover();
    assert.deepEqual(
      found.map((d) => ({ name: d.instance.name, profile: d.instance.profile, port: d.instance.port, source: d.instance.sources.port, registered: d.registered, exists: d.configExists })),
      [
        { name: 'alpha', profile: 'default', port: 20789, source: 'config', registered: true, exists: true },
        { name: 'default', profile: 'default', port: 18789, source: 'config', registered: false, exists: true },
        { name: 'rescue', profile: 'rescue', port: 19789, source: 'config', registered: false, exists: true },
      ],
    );
    const rescue = found.find((d) => d.instance.name === 'rescue')!;
    assert.equal(rescue.instance.stateDir, join(home(), '.openclaw-rescue'));
    assert.equal(rescue.instance.workspace, join(home(), '.openclaw/workspace-rescue'));
    const alpha = found.find((d) => d.instance.name === 'alpha')!;
    assert.deepEqual([alpha.instance.stateDir, alpha.instance.configPath, alpha.instance.custom], [join(home(), 'state-alpha'), join(home(), 'bots/alpha.json'), true]);
  });

  it('ignores what is not an instance: a ~/.openclaw with no config, files and bad names', async () => {
    await mkdir(join(home(), '.openclaw/workspace'), { recursive: true });
    await put('.openclaw-file', 'not a dir');
    await mkdir(join(home(), '.openclaw-a b'));
    await mkdir(join(home(), '.openclaw-'));
    await mkdir(join(home(), '.openclawx'));
    assert.deepEqual(await discover(), []);
  });

  it('an instance is a config, a runtime file, a gateway.lock or an installed service record; an empty or foreign ~/.openclaw-x dir is none (issue 12 item 3)', async () => {
    await mkdir(join(home(), '.openclaw-ghost'));
    await put('.openclaw-foreign/notes.txt', 'somebody else’s files');
    await mkdir(join(home(), '.openclaw-foreign/credentials'));
    await put('.openclaw-locked/gateway.lock', JSON.stringify({ pid: deadPid() }));
    await put('.openclaw-served/service/installed.json', '{}');
    await mkdir(join(home(), '.openclaw-live'));
    await writeRuntime(join(home(), '.openclaw-live'), runtime(join(home(), '.openclaw-live'), process.pid, 19001));
    await put('.openclaw-conf/openclaw.json', '{}');
    await put('.openclaw/gateway.lock', JSON.stringify({ pid: deadPid() }));
    assert.deepEqual((await discover()).map((d) => d.instance.name), ['conf', 'default', 'live', 'locked', 'served']);
    assert.equal(isInstanceDir(join(home(), '.openclaw-ghost'), join(home(), '.openclaw-ghost/openclaw.json')), false);
  });

  it('a broken config is reported on its instance, never thrown, and hides no other instance', async () => {
    await put('.openclaw-broken/openclaw.json', '{ gateway: { port: 19789,, } }');
    await put('.openclaw-wrong/openclaw.json', '{ gateway: { port: "x" } }');
    await put('.openclaw-rescue/openclaw.json', '{ gateway: { port: 19889 } }');
    const found = await discover();
    assert.deepEqual(found.map((d) => d.instance.name), ['broken', 'rescue', 'wrong']);
    const broken = found[0];
    assert.ok(broken.configError instanceof ConfigError);
    assert.equal(broken.configError.message, `${join(home(), '.openclaw-broken/openclaw.json')}:1:26: not valid JSON5: invalid character ','`);
    assert.deepEqual([broken.config, broken.configExists, broken.instance.port, broken.instance.sources.port], [{}, true, 18789, 'default']);
    assert.equal(found[2].configError?.message, `${join(home(), '.openclaw-wrong/openclaw.json')}:1: gateway.port: Invalid input: expected number, received string`);
    assert.equal(found[1].configError, undefined);
  });

  it('the runtime file of a live gateway gives the real port; one of a dead pid is ignored', async () => {
    await put('.openclaw-rescue/openclaw.json', '{ gateway: { port: 19789 } }');
    await put('.openclaw-dead/openclaw.json', '{ gateway: { port: 19889 } }');
    await writeRuntime(join(home(), '.openclaw-rescue'), runtime(join(home(), '.openclaw-rescue'), process.pid, 19001));
    const dead = deadPid();
    await writeRuntime(join(home(), '.openclaw-dead'), runtime(join(home(), '.openclaw-dead'), dead, 19999));
    const [deadOne, rescue] = await discover();
    assert.equal(deadOne.instance.name, 'dead');
    assert.equal(deadOne.runtime, undefined, `pid ${dead} is dead`);
    assert.deepEqual([deadOne.instance.port, deadOne.instance.sources.port], [19889, 'config']);
    assert.equal(rescue.runtime?.pid, process.pid);
    assert.deepEqual([rescue.instance.port, rescue.instance.sources.port], [19001, 'runtime']);
  });

  it('a default instance with only a running gateway (no config) is found', async () => {
    await mkdir(join(home(), '.openclaw'));
    await writeRuntime(join(home(), '.openclaw'), runtime(join(home(), '.openclaw'), process.pid, 18789));
    const found = await discover();
    assert.deepEqual(found.map((d) => [d.instance.name, d.configExists, d.instance.sources.port]), [['default', false, 'runtime']]);
  });

  it('a registered instance with the same state dir as a profile dir is listed once, as registered', async () => {
    await put('.openclaw-main/main.json', '{ gateway: { port: 18789 } }');
    await registerInstance(home(), { name: 'main', stateDir: join(home(), '.openclaw-main'), configPath: join(home(), '.openclaw-main/main.json') });
    const found = await discover();
    assert.deepEqual(found.map((d) => [d.instance.name, d.registered, d.instance.configPath]), [['main', true, join(home(), '.openclaw-main/main.json')]]);
  });

  it('a registry entry with a relative path is dropped, not thrown', async () => {
    await put('.config/clawport/instances.json', JSON.stringify({ instances: [{ name: 'rel', stateDir: 'relative/state', configPath: '/x/c.json' }] }));
    await put('.openclaw-rescue/openclaw.json', '{}');
    assert.deepEqual((await discover()).map((d) => d.instance.name), ['rescue']);
  });

  it('a broken registry file is tolerated', async () => {
    await put('.config/clawport/instances.json', '{ not json');
    await put('.openclaw-rescue/openclaw.json', '{}');
    assert.deepEqual((await discover()).map((d) => d.instance.name), ['rescue']);
  });
  it('a custom-path instance in a profile state dir with another config is a second instance there, and doctor names the collision', async () => {
    await put('.openclaw-main/openclaw.json', '{ gateway: { port: 18789 } }');
    await put('.openclaw/main.json', '{ gateway: { port: 19001 } }');
    await registerInstance(home(), { name: 'main', stateDir: join(home(), '.openclaw-main'), configPath: join(home(), '.openclaw/main.json') });
    const found = await discover();
    assert.deepEqual(
      found.map((d) => [d.instance.name, d.instance.stateDir, d.instance.configPath, d.instance.port]).sort((a, b) => Number(a[3]) - Number(b[3])),
      [
        ['main', join(home(), '.openclaw-main'), join(home(), '.openclaw-main/openclaw.json'), 18789],
        ['main', join(home(), '.openclaw-main'), join(home(), '.openclaw/main.json'), 19001],
      ],
    );
    const findings = checkUniquePaths(found.map((d) => ({ name: d.instance.name, profile: d.instance.profile, stateDir: d.instance.stateDir, configPath: d.instance.configPath, workspace: d.instance.workspace }) as unknown as DoctorInstance));
    const shared = findings.find((f) => f.check === 'isolation.stateDir');
    assert.ok(shared, JSON.stringify(findings));
    assert.match(shared.message, /main \(config .*\.openclaw-main\/openclaw\.json\)/);
    assert.match(shared.message, /main \(config .*\.openclaw\/main\.json\)/);
  });

  it('a registered instance with the profile own paths is that profile, listed once', async () => {
    await put('.openclaw-main/openclaw.json', '{ gateway: { port: 18789 } }');
    await registerInstance(home(), { name: 'main', stateDir: join(home(), '.openclaw-main'), configPath: join(home(), '.openclaw-main/openclaw.json') });
    assert.deepEqual((await discover()).map((d) => d.instance.configPath), [join(home(), '.openclaw-main/openclaw.json')]);
  });
});
