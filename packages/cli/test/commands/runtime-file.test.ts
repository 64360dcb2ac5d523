import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processStartTicks } from '@clawport/core/node';
import { makeHome, removeHome, runCli } from '../helpers/cli.js';

/**
 * A runtime file that is not a whole record (hand-edited, truncated, hostile) whose pid is a live
 * process: every read treats it as no runtime file. Found by a docs-only trial: `status` and
 * `status --all` died on "Cannot read properties of undefined", `gateway status` printed "port undefined".
 */
describe('a runtime file that is not a whole record never breaks a read', function () {
  this.timeout(120_000);
  let home: string;
  let bystander: ChildProcess;
  before(async () => {
    home = await makeHome();
    for (const [profile, port] of [['main', '21400'], ['rescue', '21600']]) {
      const r = await runCli(['--profile', profile, 'setup', '--port', port], home);
      assert.equal(r.code, 0, r.stderr);
    }
    bystander = spawn('sleep', ['120'], { stdio: 'ignore' });
    await new Promise((r) => bystander.once('spawn', r));
    const pid = bystander.pid!;
    // The trial's file, with the live process's real start time so only its shape gives it away.
    await writeFile(
      join(home, '.openclaw-main', 'gateway.runtime.json'),
      JSON.stringify({ pid, startTicks: processStartTicks(pid), port: 18789, ports: [], version: '0.1.0', startedAt: 'x', profile: 'main' }),
    );
  });
  after(async () => {
    bystander.kill('SIGKILL');
    await removeHome(home);
  });

  const reads: string[][] = [['--profile', 'main', 'status'], ['--profile', 'main', 'status', '--json'], ['status', '--all'], ['--profile', 'main', 'gateway', 'status'], ['ports', 'check'], ['doctor'], ['profiles', 'list']];
  for (const args of reads) {
    it(`clawport ${args.join(' ')}`, async () => {
      const r = await runCli(args, home);
      const out = r.stdout + r.stderr;
      assert.doesNotMatch(out, /Cannot read propert|undefined|NaN/, out);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${out}`);
      if (args.includes('--all')) assert.match(r.stdout, /rescue/);
      if (args.includes('--json')) assert.equal((JSON.parse(r.stdout) as { running: boolean }).running, false);
      else if (args.includes('status') && !args.includes('--all')) assert.match(out, /stopped|not running/i);
    });
  }

  it('down leaves the live process alone', async () => {
    const r = await runCli(['down', 'main'], home);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(bystander.exitCode, null);
    assert.equal(bystander.signalCode, null);
  });
});

/**
 * A config that is a named pipe or a link to /dev/zero: every read used to hang (the pipe never
 * opens, /dev/zero never ends). Found by a docs-only trial. Now one line, exit 78 for the instance,
 * and host-wide reads list the others.
 */
describe('a config that is not a regular file never hangs a read', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    for (const [profile, port] of [['main', '21400'], ['rescue', '21600']]) {
      const r = await runCli(['--profile', profile, 'setup', '--port', port], home);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => removeHome(home));

  // A link is refused as a link before it is opened (d2f8240: no config is read or written through one).
  const kinds: Array<[string, (path: string) => Promise<void>, number, RegExp]> = [
    [
      'a named pipe',
      (path) => new Promise((resolve, reject) => spawn('mkfifo', [path]).on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`mkfifo ${c}`))))),
      78,
      /^error: .*openclaw\.json: cannot read config: not a regular file \(a named pipe\)/,
    ],
    ['a link to /dev/zero', (path) => symlink('/dev/zero', path), 1, /^error: .*openclaw\.json is a symbolic link \(to \/dev\/zero\); clawport neither reads nor writes a config through a link/],
  ];
  for (const [what, make, code, line] of kinds) {
    it(what, async () => {
      const config = join(home, '.openclaw-main', 'openclaw.json');
      await rm(config, { force: true });
      await make(config);
      const own = await runCli(['--profile', 'main', 'status'], home);
      assert.equal(own.code, code, own.stdout + own.stderr);
      assert.match(own.stderr, line);
      assert.equal(own.stderr.trim().split('\n').length, 1, own.stderr);
      const all = await runCli(['status', '--all'], home);
      assert.equal(all.code, 0, all.stderr);
      assert.match(all.stdout, /main +config error/);
      assert.match(all.stdout, /rescue +stopped/);
      for (const args of [['ports', 'check'], ['doctor'], ['profiles', 'list']]) {
        const r = await runCli(args, home);
        assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
        assert.match(r.stdout + r.stderr, /rescue|not a regular file|symbolic link/);
      }
    });
  }
});
