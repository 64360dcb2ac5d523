import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
