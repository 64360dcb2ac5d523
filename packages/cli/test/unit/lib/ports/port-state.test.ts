import assert from 'node:assert/strict';
import type { ResolvedClaim, RuntimeInfo } from '@clawport/core';
import { portReports } from '../../../../src/lib/ports/port-state.js';

const claim = (id: string, start: number, end = start): ResolvedClaim => ({ id, role: id, owner: 'core', bind: 'loopback', start, end });
const claims = [claim('gateway', 100), claim('control', 102), claim('band', 111, 210)];
const runtime = { ports: [{ id: 'gateway', role: 'gateway', owner: 'core', start: 100, end: 100, host: '127.0.0.1' }, { id: 'control', role: 'control', owner: 'b', start: 102, end: 102, host: '127.0.0.1' }] } as unknown as RuntimeInfo;
const l = (port: number) => ({ port, address: '127.0.0.1', inode: 1 });

describe('lib/port-state', () => {
  const cases: Array<[string, RuntimeInfo | undefined, number[], string[]]> = [
    ['stopped, nothing listening', undefined, [], ['free', 'free', 'free']],
    ['running: its ports listen, the band is free', runtime, [100, 102], ['listening', 'listening', 'free']],
    ['running with Chromium on a band port', runtime, [100, 102, 150], ['listening', 'listening', 'listening']],
    ['stopped but a foreign listener on the base', undefined, [100], ['in use', 'free', 'free']],
    ['running, a foreign listener on an unbound role', { ports: [runtime.ports[0]] } as unknown as RuntimeInfo, [100, 102], ['listening', 'in use', 'free']],
  ];
  for (const [name, rt, busy, states] of cases) {
    it(name, () => {
      assert.deepEqual(portReports(claims, rt, busy.map(l)).map((p) => p.state), states);
    });
  }
});
