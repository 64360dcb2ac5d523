// Starts a real Clawport gateway with this plugin in a throwaway OPENCLAW_HOME and checks what it
// serves. Needs `clawport` on PATH (or CLAWPORT_BIN=/path/to/clawport) and `npm run build` first.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const pluginDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.CLAWPORT_BIN ?? 'clawport';
const [cmd, pre] = bin.endsWith('.js') ? [process.execPath, [bin]] : [bin, []];
const profile = '__NAME__-test';
let home;
let gateway;

function clawport(...args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, [...pre, '--profile', profile, ...args], { env: { ...process.env, OPENCLAW_HOME: home } }, (error, stdout, stderr) =>
      error ? reject(new Error(`clawport ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

before(async () => {
  home = await mkdtemp(join(tmpdir(), '__NAME__-test-'));
  await clawport('setup');
  await clawport('config', 'set', 'plugins.load', JSON.stringify([pluginDir]));
  await clawport('config', 'set', '__NAME__.greeting', '"hi from the test"');
  gateway = spawn(cmd, [...pre, '--profile', profile, 'gateway'], { env: { ...process.env, OPENCLAW_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise((resolve, reject) => {
    const onData = (d) => {
      out += d;
      if (/listening on ws:\/\//.test(out)) resolve();
    };
    gateway.stdout.on('data', onData);
    gateway.stderr.on('data', onData);
    gateway.once('exit', (code) => reject(new Error(`gateway exited ${code}:\n${out}`)));
  });
});

after(async () => {
  if (gateway && gateway.exitCode === null) await new Promise((resolve) => gateway.once('exit', resolve).kill('SIGTERM'));
  await rm(home, { recursive: true, force: true });
});

test('ports lists the claim at base+__OFFSET__', async () => {
  const ports = JSON.parse(await clawport('ports', '--json'));
  const claim = ports.ports.find((c) => c.owner === '__NAME__');
  assert.equal(claim.start, ports.base + __OFFSET__);
});

test('the service answers on its port with the configured greeting', async () => {
  const { base } = JSON.parse(await clawport('ports', '--json'));
  const body = await (await fetch(`http://127.0.0.1:${base + __OFFSET__}/`)).json();
  assert.deepEqual(body, { plugin: '__NAME__', profile, greeting: 'hi from the test' });
});

test('its RPC method answers through clawport gateway call', async () => {
  const reply = JSON.parse(await clawport('gateway', 'call', '__NAME__.ping', '--json'));
  assert.equal(reply.pong, true);
});

test('doctor runs its check and finds nothing wrong', async () => {
  const report = JSON.parse(await clawport('doctor', '--json'));
  assert.deepEqual(report.findings.filter((f) => f.check.startsWith('__NAME__.')), []);
});

test('a bad value in its section is refused by config set, naming the key', async () => {
  await assert.rejects(clawport('config', 'set', '__NAME__.port', '80'), /__NAME__\.port/);
});

test('its secret field (notifyUrl) is stored but never printed by config set or get', async () => {
  const url = 'https://hooks.example/services/secret-path-1234';
  const set = await clawport('config', 'set', '__NAME__.notifyUrl', url);
  assert.match(set, /<redacted>/);
  assert.ok(!set.includes(url));
  assert.equal((await clawport('config', 'get', '__NAME__.notifyUrl')).trim(), '<redacted>');
});
