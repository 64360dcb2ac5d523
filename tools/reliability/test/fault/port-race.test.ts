import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE, RUNTIME_FILE } from '@clawport/core';
import { cleanEnv, makeHome, removeHome, startCommand, waitFor } from '../helpers/cli.js';
import { pathsOf, setupProfile, startGatewayCli } from '../helpers/instance.js';
import { listeningIn, socketInodes } from '../helpers/sockets.js';
import { PORTS } from '../helpers/ports.js';

const BASE = PORTS.portRace;
const FIXTURE = fileURLToPath(new URL('../fixtures/racing-gateway.ts', import.meta.url));

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(s));
  });
}

describe('fault: a port grabbed between the footprint check and the bind', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    await setupProfile(home, 'race', BASE);
  });
  after(() => removeHome(home));

  for (const [role, port] of [
    ['browser control', BASE + 2],
    ['canvas', BASE + 4],
  ] as const) {
    it(`${role} port ${port} taken after preflight: start fails naming it, nothing of the gateway stays bound`, async () => {
      const p = startCommand(process.execPath, ['--import', 'tsx', FIXTURE, 'race', String(port)], cleanEnv(home));
      let grabbed: Server | undefined;
      try {
        await waitFor('the racer plugin to ask for the grab', () => p.output().includes(`GRAB ${port}`) || p.child.exitCode !== null, 45_000, p.output);
        grabbed = await listen(port);
        const exit = await p.exited;
        assert.equal(exit.code, 1, `exit ${exit.code ?? exit.signal}:\n${p.output()}`);
        const errors = p.output().split('\n').filter((l) => l.startsWith('error: '));
        assert.equal(errors.length, 1, p.output());
        assert.ok(errors[0].includes(String(port)), `the error does not name port ${port}: ${errors[0]}`);
        assert.match(errors[0], new RegExp(role.split(' ')[0], 'i'), `the error does not name the role: ${errors[0]}`);
        assert.doesNotMatch(p.output(), /\n\s+at /, 'stack trace');
        // The socket table: in the whole footprint only our own grab listens.
        const mine = await socketInodes(process.pid);
        const left = (await listeningIn(BASE, BASE + 110)).filter((l) => !mine.has(l.inode));
        assert.deepEqual(left, [], `left bound: ${JSON.stringify(left)}`);
        const { stateDir } = pathsOf(home, 'race');
        assert.equal(existsSync(join(stateDir, RUNTIME_FILE)), false, 'runtime file left');
        assert.equal(existsSync(join(stateDir, LOCK_FILE)), false, 'lock left');
      } finally {
        await p.stop('SIGKILL');
        await new Promise<void>((r) => (grabbed ? grabbed.close(() => r()) : r()));
      }
      // With the port free again the same profile starts normally.
      const gw = await startGatewayCli(home, 'race', BASE);
      assert.equal((await gw.stop()).code, 0);
    });
  }
});
