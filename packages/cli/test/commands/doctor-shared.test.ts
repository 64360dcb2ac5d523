import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { makeHome, removeHome, runCli, runJson, startGateway } from '../helpers/cli.js';
import { join } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';

interface DoctorJson {
  ok: boolean;
  findings: Array<{ severity: string; check: string; instance?: string; message: string; keyPath?: string; file?: string }>;
}

// A Telegram-style bot token (id:secret); its secret half must never be printed.
const TOKEN = '7012345678:AAH3x9Zq0vK2bLmN4pQ7rS8tU1wY5zA6bC0';

describe('doctor and gateway start: what two instances must never share', function () {
  this.timeout(60_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    for (const [p, port] of [['main', '23500'], ['rescue', '23650']]) assert.equal((await runCli(['--profile', p, 'setup', '--port', port], home)).code, 0);
    assert.equal((await runCli(['--profile', 'main', 'config', 'set', 'channels.telegram.botToken', TOKEN], home)).code, 0);
  });
  after(async () => removeHome(home));

  // Found by the docs-only trial: config set accepted the second copy, and both gateways then refused to start.
  it("config set refuses another instance's bot token: one line naming the key and the instance, never the value, nothing written", async () => {
    const file = join(home, '.openclaw-rescue', 'openclaw.json');
    const before = await readFile(file, 'utf8');
    const refused = await runCli(['--profile', 'rescue', 'config', 'set', 'channels.telegram.botToken', TOKEN], home);
    assert.equal(refused.code, 78, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /^error: .*channels\.telegram\.botToken is also used by instance main \(two gateways polling one bot lose messages\); nothing was written \(give each instance its own bot/);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.ok(!(refused.stdout + refused.stderr).includes(TOKEN.split(':')[1]));
    assert.equal(await readFile(file, 'utf8'), before);
    // Written by hand (an editor), as the checks below need: doctor and gateway start still catch it.
    await writeFile(file, JSON.stringify({ ...(JSON.parse(before) as object), channels: { telegram: { botToken: TOKEN } } }), { mode: 0o600 });
  });

  it('the same bot token in two configs: doctor error naming both instances and the key, never the value', async () => {
    const { result, run } = await runJson<DoctorJson>(['doctor'], home);
    assert.equal(run.code, 1);
    const f = result.findings.find((x) => x.check === 'channels.credential.shared');
    assert.ok(f, JSON.stringify(result.findings));
    assert.equal(f.message, 'main and rescue use the same channels.telegram.botToken: two gateways polling one bot lose messages');
    assert.equal(f.keyPath, 'channels.telegram.botToken');
    const human = await runCli(['doctor'], home);
    for (const out of [run.stdout, human.stdout, human.stderr]) assert.ok(!out.includes(TOKEN.split(':')[1]), out);
  });

  it('gateway start is refused with one line naming the key and the other instance; the documented override starts it', async () => {
    const refused = await runCli(['--profile', 'rescue', 'gateway'], home);
    assert.equal(refused.code, 78);
    assert.equal(
      refused.stderr.trim(),
      'error: cannot start gateway rescue: channels.telegram.botToken is also used by instance main (two gateways polling one bot lose messages) (give each instance its own bot, or start anyway with OPENCLAW_ALLOW_SHARED_CREDENTIALS=1)',
    );
    assert.ok(!refused.stderr.includes(TOKEN.split(':')[1]));
    const gw = await startGateway(['--profile', 'rescue', 'gateway'], home, join(home, '.openclaw-rescue'), { OPENCLAW_ALLOW_SHARED_CREDENTIALS: '1' });
    assert.equal(await gw.stop(), 0);
  });

  it('a fixed port held by a foreign process: doctor names the process', async () => {
    assert.equal((await runCli(['--profile', 'rescue', 'config', 'unset', 'channels'], home)).code, 0);
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(23500, '127.0.0.1', r));
    try {
      const { result } = await runJson<DoctorJson>(['doctor'], home);
      const lines = result.findings.map((x) => `${x.check}: ${x.message}`);
      assert.ok(lines.includes(`ports.foreign: main: port 23500 (gateway) is held by pid ${process.pid} (node)`), lines.join('\n'));
      assert.ok(!lines.some((l) => l.startsWith('channels.credential.shared')), lines.join('\n'));
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });
});
