import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeHome, removeHome, runCli } from '../helpers/cli.js';

const PLUGIN = fileURLToPath(new URL('../fixtures/secret-webhook-plugin.mjs', import.meta.url));
const HOOK = 'https://hooks.example/services/T000/B000/abcdefghijkl';

describe('config get/set and a field a plugin schema marks secret (issue 15)', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    for (const args of [['setup', '--port', '21000'], ['config', 'set', 'plugins.load', JSON.stringify([PLUGIN])]]) {
      const r = await runCli(['--profile', 'main', ...args], home);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => removeHome(home));

  it('config set stores the value and echoes <redacted>, never the value', async () => {
    const r = await runCli(['--profile', 'main', 'config', 'set', 'webhook.url', HOOK], home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^webhook\.url = "<redacted>" /);
    assert.ok(!(r.stdout + r.stderr).includes(HOOK));
    assert.ok((await readFile(join(home, '.openclaw-main', 'openclaw.json'), 'utf8')).includes(HOOK), 'stored as given');
  });

  it('config get of the key, its section and the whole config, text and --json, redacts it', async () => {
    await runCli(['--profile', 'main', 'config', 'set', 'webhook.label', 'ops'], home);
    for (const args of [['webhook.url'], ['webhook'], [], ['webhook', '--json'], ['--json']]) {
      const r = await runCli(['--profile', 'main', 'config', 'get', ...args], home);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stdout.includes(HOOK), `config get ${args.join(' ')} shows the secret`);
      assert.match(r.stdout, /<redacted>/);
    }
    const section = await runCli(['--profile', 'main', 'config', 'get', 'webhook'], home);
    assert.deepEqual(JSON.parse(section.stdout), { url: '<redacted>', label: 'ops' });
  });
});

describe('config set/get, doctor and a password inside a URL (browser.cdpUrl)', function () {
  this.timeout(120_000);
  let home: string;
  const CDP = 'http://admin:Pw-77@10.0.0.5:9222';
  before(async () => {
    home = await makeHome();
    for (const [profile, port] of [['main', '21000'], ['rescue', '21200']]) {
      const r = await runCli(['--profile', profile, 'setup', '--port', port], home);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => removeHome(home));

  it('config set echoes it redacted, config get shows user and host but never the password, doctor too', async () => {
    const set = await runCli(['--profile', 'main', 'config', 'set', 'browser.cdpUrl', CDP], home);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^browser\.cdpUrl = "http:\/\/admin:<redacted>@10\.0\.0\.5:9222" /);
    assert.ok((await readFile(join(home, '.openclaw-main', 'openclaw.json'), 'utf8')).includes(CDP), 'stored as given');
    for (const args of [['browser.cdpUrl'], ['browser', '--json'], []]) {
      const r = await runCli(['--profile', 'main', 'config', 'get', ...args], home);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stdout.includes('Pw-77'), `config get ${args.join(' ')} shows the password: ${r.stdout}`);
      assert.match(r.stdout, /admin:<redacted>@10\.0\.0\.5:9222/);
    }
    // Two instances pinned to one remote Chrome (config set refuses that, so written in an editor):
    // doctor names the endpoint, not its password.
    const rescueConfig = join(home, '.openclaw-rescue', 'openclaw.json');
    await writeFile(rescueConfig, (await readFile(rescueConfig, 'utf8')).replace(/\{/, `{\n  browser: { cdpUrl: ${JSON.stringify(CDP)} },`));
    const doctor = await runCli(['doctor'], home);
    assert.match(doctor.stdout + doctor.stderr, /pin browser\.cdpUrl to the same endpoint http:\/\/admin:<redacted>@10\.0\.0\.5:9222/);
    assert.ok(!(doctor.stdout + doctor.stderr).includes('Pw-77'));
  });
});
