import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortConflictError, ProfileError, UsageError, parseConfig } from '@clawport/core';
import { readFileSync } from 'node:fs';
import { createProfile } from '../../../src/host/create-profile.js';
import { snap } from '../fixtures.js';

describe('host/create-profile', () => {
  let home: string;
  const ctx = () => ({ env: { OPENCLAW_HOME: home }, osHome: '/nonexistent', existing: [snap('main', 27000)] });
  beforeEach(async () => (home = await mkdtemp(join(tmpdir(), 'clawport-vscode-create-'))));
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('writes config (0600), state dir (0700), token and workspace', async () => {
    const made = await createProfile({ name: 'rescue', base: 27200 }, ctx());
    assert.equal(made.configPath, join(home, '.openclaw-rescue', 'openclaw.json'));
    const config = parseConfig(readFileSync(made.configPath, 'utf8'), made.configPath);
    assert.deepEqual(config, { gateway: { port: 27200 }, agents: { defaults: { workspace: join(home, '.openclaw', 'workspace-rescue') } } });
    assert.equal(statSync(made.configPath).mode & 0o777, 0o600);
    assert.equal(statSync(made.stateDir).mode & 0o777, 0o700);
    assert.ok(existsSync(join(made.stateDir, 'credentials', 'gateway.token')));
    assert.ok(existsSync(made.workspace));
  });

  const refusals: Array<{ title: string; name: string; base: number; error: new (...a: never[]) => Error; message: RegExp }> = [
    { title: 'a name with a path in it', name: '../x', base: 27200, error: ProfileError, message: /invalid profile name/ },
    { title: 'a base inside main’s CDP band', name: 'x', base: 27050, error: PortConflictError, message: /x gateway 27050 overlaps main CDP band 27011–27110/ },
  ];
  for (const r of refusals) {
    it(`refuses ${r.title} and writes nothing`, async () => {
      await assert.rejects(createProfile({ name: r.name, base: r.base }, ctx()), (e: unknown) => e instanceof r.error && r.message.test((e).message));
      assert.equal(existsSync(join(home, '.openclaw-x')), false);
    });
  }

  it('refuses an existing profile', async () => {
    await createProfile({ name: 'rescue', base: 27200 }, ctx());
    await assert.rejects(createProfile({ name: 'rescue', base: 27400 }, ctx()), (e: unknown) => e instanceof UsageError && /profile rescue already exists/.test((e as Error).message));
  });
});
