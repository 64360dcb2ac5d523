import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Incident } from '@clawport/core';
import { appendIncident } from '@clawport/core/node';
import { plainRead } from '../src/read-entry.js';
import { cleanEnv, makeHome, removeHome, runCli, type CliResult } from './helpers/cli.js';

// The fast read entry runs `status [--all] [--json]` and `ports check [--json]` without oclif. It must
// take exactly those and leave every doubt to oclif, and print what oclif prints, byte for byte.
describe('read fast entry: which argv runs without oclif', () => {
  const taken: Array<[string[], object]> = [
    [['status'], { command: 'status', all: false, json: false }],
    [['status', '--all'], { command: 'status', all: true, json: false }],
    [['status', '--json', '--all'], { command: 'status', all: true, json: true }],
    [['ports', 'check'], { command: 'ports check', json: false }],
    [['ports', 'check', '--json'], { command: 'ports check', json: true }],
  ];
  for (const [argv, read] of taken) {
    it(`${argv.join(' ')} → runs directly`, () => assert.deepEqual(plainRead(argv), read));
  }
  const left: string[][] = [
    [],
    ['status', '--help'],
    ['status', '-h'],
    ['status', '--all', '--all'],
    ['status', '--al'],
    ['status', 'main'],
    ['status', '--json', '--'],
    ['ports'],
    ['ports', 'check', '--all'],
    ['ports:check'],
    ['ports', 'suggest'],
    ['gateway', 'status'],
    ['profiles', 'list'],
  ];
  for (const argv of left) {
    it(`${argv.join(' ') || '(empty)'} → oclif`, () => assert.equal(plainRead(argv), undefined));
  }
});

// What the bundle holds is what every read start pays to load: zod's classic API (its chained methods
// and ~40 locales) cost about 45 ms per start, so core validates with zod/mini and the bundle must not
// pull the classic API back in (an `import { z } from 'zod'` on the read path would).
describe('read fast entry bundle (dist/read-entry.bundle.cjs, written by npm run build)', () => {
  it("holds zod's mini API and English messages only: not its classic API, not its other locales", async () => {
    const bundle = await readFile(new URL('../dist/read-entry.bundle.cjs', import.meta.url), 'utf8');
    const zodModules = [...bundle.matchAll(/^\/\/ \S*node_modules\/(zod\/\S+)$/gm)].map((m) => m[1]);
    assert.ok(zodModules.includes('zod/v4/mini/schemas.js'), zodModules.join(' '));
    assert.ok(zodModules.includes('zod/v4/locales/en.js'), zodModules.join(' '));
    assert.deepEqual(zodModules.filter((m) => m.includes('/classic/') || (m.includes('/locales/') && !/locales\/(en|index)\.js$/.test(m))), []);
  });
});

/** The same command through oclif only: main() of dist/index.js, as bin/run.js calls it when the fast entry declines. */
function runOclif(args: readonly string[], home: string, extra: Record<string, string> = {}): Promise<CliResult> {
  const index = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  const code = 'const { main } = await import(process.argv[1]); process.exitCode = await main(process.argv.slice(2));';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code, index, ...args], { env: cleanEnv(home, extra), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, stdout, stderr }));
  });
}

describe('read fast entry prints what oclif prints (text, --json, warnings, errors, exit codes)', function () {
  this.timeout(300_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    // main and rescue set up (rescue watches main and recorded an incident), clash overlapping main,
    // broken with a config that does not validate, plugged naming a plugin a host-wide read does not load.
    for (const [p, port] of [['main', 23100], ['rescue', 23300], ['plugged', 23500]] as const) {
      assert.equal((await runCli(['--profile', p, 'setup', '--port', String(port)], home)).code, 0);
    }
    assert.equal((await runCli(['--profile', 'rescue', 'config', 'set', 'watch.targets', '["main"]'], home)).code, 0);
    const incident: Incident = { id: '20261129T075000-abc123', target: 'main', watcher: 'rescue', detectedAt: new Date().toISOString(), cause: 'no answer', state: 'open', actions: [] };
    await appendIncident(join(home, '.openclaw-rescue'), incident);
    // setup refuses an overlapping base: clash's config is written as an editor would.
    await mkdir(join(home, '.openclaw-clash'), { mode: 0o700 });
    await writeFile(join(home, '.openclaw-clash', 'openclaw.json'), JSON.stringify({ gateway: { port: 23102 } }), { mode: 0o600 });
    await mkdir(join(home, '.openclaw-broken'), { mode: 0o700 });
    await writeFile(join(home, '.openclaw-broken', 'openclaw.json'), '{ gateway: { port: 80 } }\n', { mode: 0o600 });
    // A message from zod's own English locale (the bundle keeps only that one): an enum refused.
    await mkdir(join(home, '.openclaw-typo'), { mode: 0o700 });
    await writeFile(join(home, '.openclaw-typo', 'openclaw.json'), '{ gateway: { bind: "everywhere" } }\n', { mode: 0o600 });
    await writeFile(join(home, '.openclaw-plugged', 'openclaw.json'), JSON.stringify({ gateway: { port: 23500 }, plugins: { load: ['./nowhere.mjs'] } }), { mode: 0o600 });
    // linked: a token file that is a symbolic link (refused, never read: a problem of that instance only).
    assert.equal((await runCli(['--profile', 'linked', 'setup', '--port', '23700'], home)).code, 0);
    await writeFile(join(home, 'elsewhere-token'), 'not-this-instances-token-0123456789\n');
    await rm(join(home, '.openclaw-linked', 'credentials', 'gateway.token'));
    await symlink(join(home, 'elsewhere-token'), join(home, '.openclaw-linked', 'credentials', 'gateway.token'));
  });
  after(() => removeHome(home));

  const cases: Array<{ args: string[]; env?: Record<string, string> }> = [
    { args: ['--profile', 'main', 'status'] },
    { args: ['--profile', 'main', 'status', '--json'] },
    { args: ['status', '--profile', 'rescue'] },
    { args: ['--profile', 'broken', 'status'] },
    { args: ['--profile', 'broken', 'status', '--json'] },
    { args: ['--profile', 'plugged', 'status'] },
    { args: ['--profile', 'typo', 'status', '--json'] },
    { args: ['--profile', 'nobody', 'status'] },
    { args: ['--profile', 'main', 'status'], env: { OPENCLAW_GATEWAY_PORT: '24000' } },
    { args: ['status'], env: { OPENCLAW_STATE_DIR: '/nonexistent/state', OPENCLAW_CONFIG_PATH: '/nonexistent/state/openclaw.json' } },
    { args: ['status', '--all'] },
    { args: ['status', '--all', '--json'] },
    { args: ['--profile', 'main', 'status', '--all'] },
    { args: ['ports', 'check'] },
    { args: ['ports', 'check', '--json'] },
    { args: ['--dev', 'ports', 'check'] },
  ];
  for (const c of cases) {
    const label = `${Object.entries(c.env ?? {}).map(([k, v]) => `${k}=${v} `).join('')}clawport ${c.args.join(' ')}`;
    it(label, async () => {
      const [fast, oclif] = await Promise.all([runCli(c.args, home, c.env), runOclif(c.args, home, c.env)]);
      assert.deepEqual(fast, oclif);
      assert.notEqual(fast.stdout + fast.stderr, '');
    });
  }

  it('the cases above cover what must be covered: an overlap (exit 1), a config error (exit 78), warnings, an incident', async () => {
    const check = await runCli(['ports', 'check'], home);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /clash/);
    assert.match(check.stderr, /broken: .*ports below 1024 need root/);
    const broken = await runCli(['--profile', 'broken', 'status', '--json'], home);
    assert.equal(broken.code, 78);
    assert.match(broken.stdout, /"code": "CONFIG_INVALID"/);
    assert.match((await runCli(['--profile', 'typo', 'status'], home)).stderr, /gateway\.bind: Invalid option: expected one of "loopback"\|"lan"/);
    assert.match((await runCli(['--profile', 'main', 'status'], home)).stdout, /incidents\s+1 open/);
    // A symlinked token file hid every instance (status --all: that one error, exit 1, no table).
    const all = await runCli(['status', '--all'], home);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /^main\s.*stopped/m);
    assert.match(all.stdout, /^linked\s.*config error/m);
    const linked = (JSON.parse((await runCli(['status', '--all', '--json'], home)).stdout) as Array<{ name: string; configError?: string }>).find((s) => s.name === 'linked');
    assert.equal(linked?.configError, `${join(home, '.openclaw-linked', 'credentials', 'gateway.token')} is a symbolic link; clawport does not follow links inside state dirs (replace it with the real file or directory; for a state dir elsewhere, set OPENCLAW_STATE_DIR to its real path)`);
    assert.match((await runCli(['--profile', 'main', 'status'], home, { OPENCLAW_GATEWAY_PORT: '24000' })).stderr, /warning: ignoring inherited OPENCLAW_GATEWAY_PORT/);
  });

  it('CLAWPORT_CONTENT_TYPE=json (oclif: JSON without --json) goes through oclif', async () => {
    const r = await runCli(['--profile', 'main', 'status'], home, { CLAWPORT_CONTENT_TYPE: 'json' });
    assert.equal((JSON.parse(r.stdout) as { name: string }).name, 'main');
  });

  it("a user's oclif theme (colours --json) goes through oclif", async () => {
    const configDir = join(home, 'oclif-config');
    await mkdir(configDir);
    await writeFile(join(configDir, 'theme.json'), JSON.stringify({ json: { key: 'red' } }));
    const r = await runCli(['--profile', 'main', 'status', '--json'], home, { CLAWPORT_CONFIG_DIR: configDir, FORCE_COLOR: '1' });
    assert.ok(r.stdout.includes(`\u001b[31m"name"`), r.stdout);
  });
});
