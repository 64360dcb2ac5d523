import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeHome, removeHome, runCli, runJson, snapshot } from '../helpers/cli.js';

/** A third-party plugin whose only claim is out of range: its fault, not the instance's. */
const BAD_CLAIM = `export default { apiVersion: 1, id: 'badclaim', claims: () => [{ id: 'bad', role: 'bad', port: 80, bind: 'loopback' }] };\n`;
/** The real metrics plugin (its section: metrics.port must be a port). */
const METRICS = fileURLToPath(new URL('../../../plugin-metrics', import.meta.url));

describe('commands with a bad third-party plugin loaded', () => {
  let home: string;
  let file: string;
  const main = (...args: string[]) => ['--profile', 'main', ...args];
  const writeConfig = (value: unknown) => writeFile(file, JSON.stringify(value), { mode: 0o600 });
  beforeEach(async () => {
    home = await makeHome();
    file = join(home, '.openclaw-main', 'openclaw.json');
    assert.equal((await runCli(main('setup', '--port', '23100'), home)).code, 0);
    await writeFile(join(home, 'bad.mjs'), BAD_CLAIM);
    await writeConfig({ gateway: { port: 23100 }, plugins: { load: ['../bad.mjs'] } });
  });
  afterEach(async () => removeHome(home));

  const warned = /warning: (main: )?plugin badclaim: bad 80 is outside 1024–65535/;

  it('ports: the table of core and the other plugins, the bad plugin as a warning, exit 0', async () => {
    const r = await runCli(main('ports'), home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, warned);
    assert.match(r.stdout, /gateway\s+23100/);
    assert.match(r.stdout, /CDP band\s+23111–23210/);
  });

  it('--profile main ports check and status: the other ports are proven/shown, the plugin is a warning', async () => {
    const check = await runCli(main('ports', 'check'), home);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stderr, warned);
    assert.match(check.stdout, /^ok: 1 instance, nothing to overlap$/m);
    const status = await runJson<{ ports: Array<{ role: string }>; configError?: string; pluginProblems?: string[] }>(main('status'), home);
    assert.equal(status.run.code, 0, status.run.stderr);
    assert.equal(status.result.configError, undefined);
    assert.ok(status.result.ports.some((p) => p.role === 'CDP band'));
    assert.match(status.result.pluginProblems?.[0] ?? '', /plugin badclaim/);
    assert.match(status.run.stderr, warned);
  });

  it('--profile main doctor reports the plugin as a warning finding naming it', async () => {
    const { result } = await runJson<{ findings: Array<{ severity: string; check: string; message: string }> }>(main('doctor'), home);
    const f = result.findings.find((x) => x.check === 'plugin.problem');
    assert.ok(f, JSON.stringify(result.findings));
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^main: plugin badclaim: bad 80/);
  });

  it('config set still works with the bad plugin loaded (warning), and can remove it', async () => {
    const set = await runCli(main('config', 'set', 'agents.defaults.x', '1'), home);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stderr, warned);
    const drop = await runCli(main('config', 'unset', 'plugins.load'), home);
    assert.equal(drop.code, 0, drop.stderr);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { gateway: { port: 23100 }, agents: { defaults: { x: 1 } } });
  });

  it('config set: a plugin that cannot be loaded is a warning, not a refusal', async () => {
    await writeConfig({ gateway: { port: 23100 }, plugins: { load: ['./missing.mjs'] } });
    const r = await runCli(main('config', 'set', 'plugins.load', '[]'), home);
    assert.equal(r.code, 0, r.stderr);
    const set = await runCli(main('config', 'set', 'gateway.port', '23400'), home);
    assert.equal(set.code, 0, set.stderr);
  });

  it('config set validates the NEW config with the plugins it loads: a bad section of a newly loaded plugin is refused, nothing written', async () => {
    await writeConfig({ gateway: { port: 23100 }, metrics: { port: 'nope' } });
    const before = await snapshot(home);
    const r = await runCli(main('config', 'set', 'plugins.load', JSON.stringify([METRICS])), home);
    assert.equal(r.code, 78, r.stderr);
    assert.match(r.stderr, /^error: .*openclaw\.json: metrics\.port: /);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.deepEqual(await snapshot(home), before);
    // And a section of a plugin the new config no longer loads no longer counts.
    await writeConfig({ gateway: { port: 23100 }, plugins: { load: [METRICS] }, metrics: { port: 23150 } });
    const ok = await runCli(main('config', 'set', 'metrics.port', '"x"'), home);
    assert.equal(ok.code, 78, ok.stderr);
  });
});
