import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, runJson, waitFor } from '../../helpers/cli.js';

interface RescueResult {
  target: string;
  before: { running: boolean; healthy: boolean; configError?: string; serviceRunning: boolean };
  logs: Array<{ file: string; lines: string[] }>;
  rolledBack: boolean;
  restarted: boolean;
  after: { healthy: boolean };
}

describe('rescue <target>: from the rescue profile, repair a main whose config broke (real gateways)', function () {
  this.timeout(120_000);
  let home: string;
  const config = () => join(home, '.openclaw-main/openclaw.json');

  before(async () => {
    home = await makeHome();
    for (const args of [
      ['--profile', 'main', 'setup', '--port', '29900'],
      // A second write keeps a last good config to roll back to.
      ['--profile', 'main', 'config', 'set', 'logging.level', 'info'],
      ['--profile', 'rescue', 'setup', '--port', '30900'],
      ['--profile', 'main', 'gateway', 'install'],
      ['--profile', 'main', 'gateway', 'start'],
    ]) {
      const r = await runCli(args, home);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
  });
  after(async () => {
    await runCli(['--profile', 'main', 'gateway', 'stop'], home);
    await removeHome(home);
  });

  it('a healthy target: status and logs, nothing rolled back or restarted', async () => {
    const { result, run } = await runJson<RescueResult>(['--profile', 'rescue', 'rescue', 'main'], home);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual([result.before.healthy, result.rolledBack, result.restarted, result.after.healthy], [true, false, false, true]);
    assert.ok(result.logs.some((l) => l.lines.some((x) => /listening on ws:\/\/127.0.0.1:29900\//.test(x))));
  });

  it('config broken and the gateway crashed: shows the problem, rolls back, restarts through the service, healthy again', async () => {
    await writeFile(config(), '{ gateway: { port: 29900, bind: "everywhere" } }\n');
    const runtime = JSON.parse(await readFile(join(home, '.openclaw-main/gateway.runtime.json'), 'utf8')) as { pid: number };
    process.kill(runtime.pid, 'SIGKILL');
    // The supervisor restarts it; the broken config makes it exit 78 until the supervisor gives up.
    await waitFor('the supervisor to give up on exit 78', async () => {
      const state = await readFile(join(home, '.openclaw-main/service/supervisor.state.json'), 'utf8').catch(() => '{}');
      return (JSON.parse(state) as { phase?: string }).phase === 'gave-up';
    }, 60_000);
    // gateway status still works with a broken config, and names it first.
    const { result: status } = await runJson<{ running: boolean; detail: string; mismatches: Array<{ check: string; message: string }> }>(['--profile', 'main', 'gateway', 'status'], home);
    assert.equal(status.running, false);
    assert.match(status.detail, /exited with 78 \(config error\) 3 times in a row/);
    assert.equal(status.mismatches[0].check, 'status.config');
    assert.match(status.mismatches[0].message, /gateway\.bind/);

    const { result, run } = await runJson<RescueResult>(['--profile', 'rescue', 'rescue', 'main'], home);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(result.before.healthy, false);
    assert.match(result.before.configError ?? '', /gateway\.bind/);
    assert.equal(result.rolledBack, true);
    assert.equal(result.restarted, true);
    assert.equal(result.after.healthy, true);
    assert.match(await readFile(`${config()}.rolled-back`, 'utf8'), /everywhere/);
    assert.doesNotMatch(await readFile(config(), 'utf8'), /everywhere/);
    const health = await runCli(['--profile', 'main', 'health'], home);
    assert.equal(health.code, 0, health.stderr);
  });

  it('rescue of itself, or of a profile that is not set up: one line, exit 2', async () => {
    const self = await runCli(['--profile', 'rescue', 'rescue', 'rescue'], home);
    assert.equal(self.code, 2, self.stderr);
    assert.match(self.stderr.trim(), /^error: rescue acts on another profile, not on rescue itself/);
    const ghost = await runCli(['--profile', 'rescue', 'rescue', 'ghost'], home);
    assert.equal(ghost.code, 2, ghost.stderr);
    assert.match(ghost.stderr.trim(), /^error: profile ghost is not set up/);
  });
});
