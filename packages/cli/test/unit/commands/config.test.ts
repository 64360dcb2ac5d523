import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { snapshot } from '../../helpers/cli.js';
import { inProcess, tempHome } from '../helpers/in-process.js';

// The unit tier: `config set/get/unset` inside this process over a real config in a temp home. The
// process-level twin (20 concurrent writers, rollback, validate) is test/commands/config.test.ts.

describe('unit: config set, get, unset (in-process)', () => {
  let home: Awaited<ReturnType<typeof tempHome>>;
  let file: string;
  beforeEach(async () => {
    home = await tempHome();
    await mkdir(join(home.path, '.openclaw-main'), { mode: 0o700 });
    file = join(home.path, '.openclaw-main', 'openclaw.json');
    await writeFile(file, '{ gateway: { port: 23000 } }', { mode: 0o600 });
  });
  afterEach(async () => home.remove());

  it('set writes the value, get reads it back, a secret is never printed, unset removes it', async () => {
    assert.equal((await inProcess(['config', 'set', '--profile', 'main', 'agents.defaults.maxTurns', '7'], home.path)).exitCode, 0);
    const got = await inProcess<{ value: unknown }>(['config', 'get', '--profile', 'main', 'agents.defaults.maxTurns', '--json'], home.path);
    assert.deepEqual([got.exitCode, got.result?.value], [0, 7]);

    const secret = await inProcess(['config', 'set', '--profile', 'main', 'gateway.auth.token', 'a-very-secret-token-value'], home.path);
    assert.equal(secret.exitCode, 0, secret.line);
    const whole = await inProcess<{ value: { gateway: { auth: { token: string } } } }>(['config', 'get', '--profile', 'main', '--json'], home.path);
    assert.equal(whole.result?.value.gateway.auth.token, '<redacted>');
    assert.ok(!`${secret.stdout}${whole.stdout}`.includes('a-very-secret'));

    assert.equal((await inProcess(['config', 'unset', '--profile', 'main', 'gateway.auth'], home.path)).exitCode, 0);
    const after = await inProcess<{ value: unknown }>(['config', 'get', '--profile', 'main', '--json'], home.path);
    assert.deepEqual(after.result?.value, { gateway: { port: 23000 }, agents: { defaults: { maxTurns: 7 } } });
    assert.doesNotMatch(await readFile(file, 'utf8'), /auth|a-very-secret/);
  });

  const refused: Array<[string, string[], number, RegExp]> = [
    ['a string for a port', ['gateway.port', 'abc'], 78, /^error: .*openclaw\.json: gateway\.port: Invalid input: expected number, received string/],
    ['a base whose CDP band passes 65535', ['gateway.port', '65500'], 78, /^error: gateway\.port: base 65500 puts its footprint at 65500–65610, past 65535/],
    ['a key below a scalar', ['gateway.port.x', '1'], 2, /^error: cannot set gateway\.port\.x: port is not an object \(unset port first\)$/],
    ['a reserved key name', ['__proto__.x', '1'], 2, /^error: invalid config key "__proto__\.x" \(that key name is reserved\)$/],
  ];
  for (const [name, args, code, line] of refused) {
    it(`set refuses ${name}: exit ${code}, one line, nothing written`, async () => {
      const before = await snapshot(home.path);
      const r = await inProcess(['config', 'set', '--profile', 'main', ...args], home.path);
      assert.equal(r.exitCode, code, r.line);
      assert.match(r.line ?? '', line);
      assert.deepEqual(await snapshot(home.path), before);
    });
  }

  it('set refuses a port that puts this instance\'s footprint on another instance\'s: nothing written', async () => {
    await mkdir(join(home.path, '.openclaw-other'), { mode: 0o700 });
    await writeFile(join(home.path, '.openclaw-other', 'openclaw.json'), '{ gateway: { port: 24000 } }', { mode: 0o600 });
    const before = await snapshot(home.path);
    const r = await inProcess(['config', 'set', '--profile', 'main', 'gateway.port', '24020'], home.path);
    assert.notEqual(r.exitCode, 0);
    assert.match(r.line ?? '', /24020.*other|other.*24020/);
    assert.deepEqual(await snapshot(home.path), before);
  });
});
