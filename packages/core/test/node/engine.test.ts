import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { chmod, mkdir, mkdtemp, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeviceIdentity, locateOpenclaw, readEngineSettings, writeEngineSettings, DEVICE_IDENTITY_FILE } from '../../src/node/engine.js';

const rawToKey = (b64: string) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64 }, format: 'jwk' });

describe('node/engine', () => {
  it('device identity: created 0600 on first use, stable, one per profile, signatures verify against its public key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-id-'));
    const a = await loadDeviceIdentity(join(dir, 'a'));
    const again = await loadDeviceIdentity(join(dir, 'a'));
    const b = await loadDeviceIdentity(join(dir, 'b'));
    assert.equal(a.id, again.id);
    assert.notEqual(a.id, b.id);
    assert.equal(a.id, createHash('sha256').update(Buffer.from(a.publicKey, 'base64url')).digest('hex'));
    assert.equal((await stat(join(dir, 'a', DEVICE_IDENTITY_FILE))).mode & 0o777, 0o600);
    assert.equal((await stat(join(dir, 'a', 'credentials'))).mode & 0o777, 0o700);
    const sig = a.sign('v3|x');
    assert.ok(verify(null, Buffer.from('v3|x'), rawToKey(a.publicKey), Buffer.from(sig, 'base64url')));
    assert.ok(!verify(null, Buffer.from('v3|x'), rawToKey(b.publicKey), Buffer.from(sig, 'base64url')));
  });

  it('engine settings: no file is the built-in engine; written 0600 and read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-set-'));
    assert.deepEqual(await readEngineSettings(dir), { engine: 'clawport' });
    await writeEngineSettings(dir, { engine: 'openclaw', openclawCommand: '/x/openclaw' });
    assert.deepEqual(await readEngineSettings(dir), { engine: 'openclaw', openclawCommand: '/x/openclaw' });
    assert.equal((await stat(join(dir, 'clawport.json'))).mode & 0o777, 0o600);
  });

  it('locateOpenclaw: PATH, then the env variable, then clawport.json; a symlinked .mjs runs under the node on PATH', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-loc-'));
    const pkg = join(dir, 'lib', 'openclaw');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'package.json'), '{"name":"openclaw","version":"2026.9.6"}');
    await writeFile(join(pkg, 'openclaw.mjs'), '#!/usr/bin/env node\n');
    await chmod(join(pkg, 'openclaw.mjs'), 0o755);
    await mkdir(join(dir, 'bin'));
    await symlink(join(pkg, 'openclaw.mjs'), join(dir, 'bin', 'openclaw'));
    await writeFile(join(dir, 'bin', 'node'), '#!/bin/sh\necho v24.21.0\n');
    await chmod(join(dir, 'bin', 'node'), 0o755);
    const env = { PATH: join(dir, 'bin') };
    const l = await locateOpenclaw({ engine: 'openclaw' }, env);
    assert.deepEqual(l, { command: join(dir, 'bin', 'openclaw'), source: 'PATH', script: join(pkg, 'openclaw.mjs'), node: join(dir, 'bin', 'node'), nodeVersion: 'v24.21.0', version: '2026.9.6' });
    assert.equal((await locateOpenclaw({ engine: 'openclaw' }, { ...env, CLAWPORT_OPENCLAW_COMMAND: join(pkg, 'openclaw.mjs') })).source, 'CLAWPORT_OPENCLAW_COMMAND');
    assert.equal((await locateOpenclaw({ engine: 'openclaw', openclawCommand: join(pkg, 'openclaw.mjs') }, env)).source, 'clawport.json');
    await assert.rejects(locateOpenclaw({ engine: 'openclaw' }, { PATH: '/nonexistent' }), /no openclaw command on PATH/);
    await assert.rejects(locateOpenclaw({ engine: 'openclaw', openclawCommand: '/nope/openclaw' }, env), /\/nope\/openclaw \(from clawport.json\) is not an executable file/);
  });

  it('locateOpenclaw: a PATH whose node is too old (an editor’s) falls back to the Node pinned in clawport.json; with none that passes, PATH’s is named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-node-'));
    const pkg = join(dir, 'lib', 'openclaw');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'package.json'), '{"name":"openclaw","version":"2026.9.6"}');
    await writeFile(join(pkg, 'openclaw.mjs'), '#!/usr/bin/env node\n');
    await chmod(join(pkg, 'openclaw.mjs'), 0o755);
    for (const [sub, version] of [['old', 'v20.20.2'], ['nvm', 'v24.21.0']]) {
      await mkdir(join(dir, sub));
      await writeFile(join(dir, sub, 'node'), `#!/bin/sh\necho ${version}\n`);
      await chmod(join(dir, sub, 'node'), 0o755);
    }
    const env = { PATH: join(dir, 'old'), CLAWPORT_OPENCLAW_COMMAND: join(pkg, 'openclaw.mjs') };
    const pinned = await locateOpenclaw({ engine: 'openclaw', openclawNode: join(dir, 'nvm', 'node') }, env);
    assert.deepEqual([pinned.node, pinned.nodeVersion], [join(dir, 'nvm', 'node'), 'v24.21.0']);
    // A good node on PATH wins over the pinned one (the user moved on to another Node 24).
    assert.equal((await locateOpenclaw({ engine: 'openclaw', openclawNode: join(dir, 'old', 'node') }, { ...env, PATH: join(dir, 'nvm') })).node, join(dir, 'nvm', 'node'));
    const none = await locateOpenclaw({ engine: 'openclaw' }, env);
    assert.deepEqual([none.node, none.nodeVersion], [join(dir, 'old', 'node'), 'v20.20.2']);
  });
});
