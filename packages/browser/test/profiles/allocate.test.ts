import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { canBind } from '@clawport/core/node';
import { CdpBandExhaustedError } from '../../src/errors.js';
import { lowestFreeCdpPort } from '../../src/profiles/allocate.js';

// Real listeners on 127.0.0.1 in this file's own range: 26900–26909.
describe('profiles/lowestFreeCdpPort', () => {
  const servers: Server[] = [];
  const listen = (port: number) =>
    new Promise<void>((resolve) => {
      const s = createServer((socket) => socket.destroy());
      servers.push(s);
      s.listen(port, '127.0.0.1', resolve);
    });
  before(async () => {
    await listen(26901);
    await listen(26903);
  });
  after(async () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  const cases: Array<[string, { start: number; end: number }, number[], number | 'exhausted']> = [
    ['the first port when all is free', { start: 26905, end: 26909 }, [], 26905],
    ['skips claimed ports', { start: 26905, end: 26909 }, [26905, 26906], 26907],
    ['skips a foreign listener', { start: 26901, end: 26909 }, [], 26902],
    ['skips claimed and bound ports together', { start: 26900, end: 26909 }, [26900, 26902], 26904],
    ['exhausted: every port claimed or bound', { start: 26900, end: 26903 }, [26900, 26902], 'exhausted'],
  ];
  for (const [what, band, claimed, expected] of cases) {
    it(what, async () => {
      const run = lowestFreeCdpPort(band, new Set(claimed), canBind);
      if (expected === 'exhausted') {
        await assert.rejects(run, (e: unknown) => {
          assert.ok(e instanceof CdpBandExhaustedError);
          assert.equal(e.message, 'CDP band 26900–26903 is exhausted: 2 of 4 ports are claimed by browser profiles, 2 are bound by other processes');
          assert.match(e.suggestion ?? '', /delete unused browser profiles/);
          return true;
        });
      } else assert.equal(await run, expected);
    });
  }
});
