import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayLogger } from '../../../src/log/logger.js';
import { REDACTED, redactSecrets as redactValue, scrubText } from '@clawport/core';
import { tempHome } from '../../helpers.js';

const TOKEN = 'tok_0123456789abcdefghijklmnop';

describe('gateway logger', () => {
  let env: Awaited<ReturnType<typeof tempHome>>;
  beforeEach(async () => (env = await tempHome()));
  afterEach(() => env.cleanup());

  it('never appends through a gateway.log that is a symlink (issue 16 #8)', async () => {
    const dir = join(env.home, 'logs');
    await mkdir(dir);
    const victim = join(env.home, 'victim.txt');
    await writeFile(victim, 'keep\n');
    await symlink(victim, join(dir, 'gateway.log'));
    new GatewayLogger({ dir, secrets: [] }).info('would land in the victim');
    assert.equal(await readFile(victim, 'utf8'), 'keep\n');
  });

  it('writes JSON lines (0600) with base fields and never the token, under any key or inside text', async () => {
    const dir = join(env.home, 'logs');
    const log = new GatewayLogger({ dir, secrets: [TOKEN], base: { instance: 'main' } });
    log.info('connected', { token: TOKEN, note: `header Bearer ${TOKEN}`, nested: { apiKey: 'k-123456789' } });
    log.child({ plugin: 'canvas' }).warn(`oops ${TOKEN}`);
    log.debug('hidden at info level');
    const text = await readFile(log.path, 'utf8');
    assert.ok(!text.includes(TOKEN));
    assert.ok(!text.includes('k-123456789'));
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 2);
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg, l.instance, l.plugin]),
      [
        ['info', 'connected', 'main', undefined],
        ['warn', `oops ${REDACTED}`, 'main', 'canvas'],
      ],
    );
    assert.equal((await stat(log.path)).mode & 0o777, 0o600);
  });

  it('rotates by size and keeps maxFiles generations', async () => {
    const dir = join(env.home, 'logs');
    const log = new GatewayLogger({ dir, secrets: [], maxFileBytes: 1024, maxFiles: 2 });
    for (let i = 0; i < 60; i++) log.info('line', { i, pad: 'x'.repeat(60) });
    const files = (await readdir(dir)).sort();
    assert.deepEqual(files, ['gateway.log', 'gateway.log.1', 'gateway.log.2']);
    for (const f of files) assert.ok((await stat(join(dir, f))).size <= 1024, f);
    const last = (await readFile(log.path, 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { i: number }).i);
    assert.equal(last[last.length - 1], 59);
  });

  it('creates nothing until the first line', async () => {
    const dir = join(env.home, 'never');
    new GatewayLogger({ dir, secrets: [] });
    await assert.rejects(stat(dir), { code: 'ENOENT' });
  });

  const redactions = [
    { in: { gateway: { auth: { token: 'abc' }, port: 1 } }, out: { gateway: { auth: { token: REDACTED }, port: 1 } } },
    { in: { password: 'p', list: [{ secret: 's' }] }, out: { password: REDACTED, list: [{ secret: REDACTED }] } },
    // core's one rule: everything under a secret key is hidden, an object too.
    { in: { tokens: { a: 1 } }, out: { tokens: REDACTED } },
    { in: 'plain', out: 'plain' },
  ];
  for (const [i, t] of redactions.entries()) {
    it(`redactValue case ${i}`, () => assert.deepEqual(redactValue(t.in), t.out));
  }

  it('scrubText leaves short strings alone and replaces every occurrence of a secret', () => {
    assert.equal(scrubText('a abc a', ['abc']), 'a abc a');
    assert.equal(scrubText(`${TOKEN}-${TOKEN}`, [TOKEN]), `${REDACTED}-${REDACTED}`);
  });
});
