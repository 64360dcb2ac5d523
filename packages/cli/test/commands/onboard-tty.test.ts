import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, cleanEnv, makeHome, removeHome, runCli, waitFor } from '../helpers/cli.js';

const TMUX = '/usr/bin/tmux';

/** A real pseudo-terminal: a private tmux server running one command, read through capture-pane. */
class Tty {
  private readonly socket = `clawport-onboard-${process.pid}-${randomBytes(3).toString('hex')}`;
  private tmux(...args: string[]): string {
    const r = spawnSync(TMUX, ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (r.error) throw new Error(`${TMUX} could not run (${r.error.message}); install the Debian package tmux`);
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  }
  start(command: string): void {
    this.tmux('new-session', '-d', '-x', '200', '-y', '50', command);
  }
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J');
  }
  keys(...keys: string[]): void {
    this.tmux('send-keys', ...keys);
  }
  /** Types literally (no key-name lookup), then nothing else. */
  type(text: string): void {
    this.tmux('send-keys', '-l', text);
  }
  async waitFor(what: RegExp): Promise<string> {
    return waitFor(`${what} on the terminal`, () => (what.test(this.screen()) ? this.screen() : undefined), 20_000, () => this.screen());
  }
  kill(): void {
    spawnSync(TMUX, ['-L', this.socket, 'kill-server']);
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

describe('onboard (interactive) driven through a real pseudo-terminal (tmux)', function () {
  this.timeout(120_000);
  let home: string;
  const tty = new Tty();
  const token = 'my-own-token-0123456789';

  before(async () => {
    home = await makeHome();
    const r = await runCli(['--profile', 'main', 'setup', '--port', '29789'], home);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    tty.kill();
    await runCli(['--profile', 'rescue', 'gateway', 'stop'], home);
    await removeHome(home);
  });

  it('suggests a base next to main, refuses out-of-range and overlapping answers with the reason, installs and starts the service', async () => {
    const env = cleanEnv(home);
    const vars = ['OPENCLAW_HOME', 'FORCE_COLOR', 'PATH', 'HOME'].map((k) => `${k}=${shellQuote(env[k] ?? '')}`).join(' ');
    tty.start(`env -i ${vars} TERM=xterm-256color ${shellQuote(process.execPath)} ${shellQuote(BIN)} --profile rescue onboard; echo EXIT=$?; sleep 600`);

    await tty.waitFor(/\? Workspace directory \(.*\.openclaw\/workspace-rescue\)/);
    tty.keys('Enter');
    // The seed's spacing: 1000 above the other instance's base (19789 next to 18789; here 30789 next to 29789).
    await tty.waitFor(/\? Base port .*taken: main 29789\) \(30789\)/);
    tty.type('80');
    tty.keys('Enter');
    await tty.waitFor(/> base port: port 80 is outside 1024–65535 \(choose another port\)\. Try 30789\./);
    tty.keys('BSpace', 'BSpace');
    tty.type('29800');
    tty.keys('Enter');
    await tty.waitFor(/> main CDP band 29800–29899 overlaps rescue gateway 29800: every port of a profile must stay its own/);
    for (let i = 0; i < 5; i++) tty.keys('BSpace');
    tty.keys('Enter');
    await tty.waitFor(/✔ Base port .* 30789/);

    await tty.waitFor(/\? Gateway auth token/);
    tty.keys('Down', 'Enter');
    await tty.waitFor(/\? Token \(≥ 16 characters\)/);
    tty.type('short');
    tty.keys('Enter');
    await tty.waitFor(/> a token needs at least 16 characters \(got 5\)/);
    for (let i = 0; i < 5; i++) tty.keys('BSpace');
    tty.type(token);
    tty.keys('Enter');

    await tty.waitFor(/\? Install and start the gateway service\? \(supervisor: no service manager/);
    tty.keys('Enter');
    const screen = await tty.waitFor(/EXIT=\d+/);
    assert.match(screen, /EXIT=0/);
    assert.match(screen, /started: healthy on 127\.0\.0\.1:30789/);
    assert.ok(!screen.includes(token), 'the token is masked and never printed');

    const config = await readFile(join(home, '.openclaw-rescue/openclaw.json'), 'utf8');
    assert.match(config, /port: 30789|"port": 30789/);
    const tokenFile = join(home, '.openclaw-rescue/credentials/gateway.token');
    assert.equal((await readFile(tokenFile, 'utf8')).trim(), token);
    assert.equal((await stat(tokenFile)).mode & 0o777, 0o600);
    assert.ok((await stat(join(home, '.openclaw/workspace-rescue'))).isDirectory());
    const health = await runCli(['--profile', 'rescue', 'health'], home);
    assert.equal(health.code, 0, health.stderr);
  });
  it('Ctrl-C in the middle of the wizard: says nothing was written, and nothing was', async () => {
    const env = cleanEnv(home);
    const vars = ['OPENCLAW_HOME', 'FORCE_COLOR', 'PATH', 'HOME'].map((k) => `${k}=${shellQuote(env[k] ?? '')}`).join(' ');
    const second = new Tty();
    try {
      second.start(`env -i ${vars} TERM=xterm-256color ${shellQuote(process.execPath)} ${shellQuote(BIN)} --profile ops onboard; echo EXIT=$?; sleep 600`);
      await second.waitFor(/\? Workspace directory/);
      second.keys('Enter');
      await second.waitFor(/\? Base port/);
      second.keys('C-c');
      const screen = await second.waitFor(/EXIT=\d+/);
      assert.match(screen, /error: onboarding cancelled; nothing was written/);
      assert.match(screen, /EXIT=2/);
    } finally {
      second.kill();
    }
    // (rescue's gateway keeps running in this home, so look for ops' files rather than diff the tree)
    assert.equal(existsSync(join(home, '.openclaw-ops')), false);
    assert.equal(existsSync(join(home, '.openclaw/workspace-ops')), false);
  });
});
