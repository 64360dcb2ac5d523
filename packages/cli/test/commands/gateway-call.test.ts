import assert from 'node:assert/strict';
import { join } from 'node:path';
import { freeBlock, makeHome, removeHome, runCli, runJson, startGateway, type LiveProcess } from '../helpers/cli.js';

describe('commands/gateway call (a real gateway on loopback)', () => {
  let home: string;
  let gateway: LiveProcess;
  before(async () => {
    home = await makeHome();
    const base = await freeBlock(111);
    const r = await runCli(['--profile', 'calls', 'setup', '--port', String(base)], home);
    assert.equal(r.code, 0, r.stderr);
    gateway = await startGateway(['--profile', 'calls', 'gateway'], home, join(home, '.openclaw-calls'));
  });
  after(async () => {
    await gateway?.stop();
    await removeHome(home);
  });

  it('--json prints the method’s answer as it came', async () => {
    const { result, run } = await runJson<{ ok: boolean }>(['--profile', 'calls', 'gateway', 'call', 'health', '--json'], home);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(result.ok, true);
  });

  it('--params reaches the method', async () => {
    const r = await runCli(['--profile', 'calls', 'gateway', 'call', 'logs.tail', '--params', '{"lines": 1}'], home);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout), r.stdout);
  });

  it('an unknown method: one line that lists what this gateway answers, exit 1', async () => {
    const r = await runCli(['--profile', 'calls', 'gateway', 'call', 'no.such.method'], home);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: calls: no\.such\.method failed: unknown method no\.such\.method \(this gateway answers: .*\bhealth\b.*\)\n$/);
  });

  it('--params that is not JSON: one usage line naming the flag, exit 2', async () => {
    const r = await runCli(['--profile', 'calls', 'gateway', 'call', 'health', '--params', '{lines: '], home);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: --params is not JSON: .*\n$/);
  });
});
