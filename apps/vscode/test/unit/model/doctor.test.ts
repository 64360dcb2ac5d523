import assert from 'node:assert/strict';
import { doctorFindings } from '../../../src/model/doctor.js';
import { foreign, snap } from '../fixtures.js';

describe('model/doctor (core runDoctor over snapshots)', () => {
  it('disjoint instances: no finding', () => {
    assert.deepEqual(doctorFindings([snap('main', 18789), snap('rescue', 19001)]), []);
  });

  it('an overlap is an error pinned to the config of the instance to move', () => {
    const f = doctorFindings([snap('main', 18789), snap('b', 18809)]);
    const overlap = f.filter((x) => x.check === 'ports.overlap');
    // gateway, browser control, canvas and CDP band of b all fall into main's CDP band
    assert.deepEqual(overlap.map((o) => o.message).sort(), [
      'b CDP band 18820–18919 overlaps main CDP band 18800–18899',
      'b browser control 18811 overlaps main CDP band 18800–18899',
      'b canvas 18813 overlaps main CDP band 18800–18899',
      'b gateway 18809 overlaps main CDP band 18800–18899',
    ]);
    assert.ok(overlap.every((o) => o.severity === 'error' && o.instance === 'b'));
    assert.equal(overlap[0].file, '/h/.openclaw-b/openclaw.json');
    assert.equal(overlap[0].keyPath, 'gateway.port');
  });

  it('shared workspace, broken config, foreign listener, stale runtime, loose permissions', () => {
    const ws = '/h/shared';
    const f = doctorFindings(
      [
        snap('main', 18789, { workspace: ws }),
        snap('rescue', 19001, { workspace: ws, configError: { cause: 'not valid JSON5: invalid character', line: 2, column: 3 } }),
        snap('c', 20000, { conflicts: [foreign('c', 20004)] }),
      ],
      {
        files: [{ instance: 'main', kind: 'token', path: '/h/.openclaw-main/credentials/gateway.token', mode: 0o644 }],
        owners: [{ instance: 'main', kind: 'runtime', path: '/h/.openclaw-main/gateway.runtime.json', pid: 99999999, alive: false }],
      },
    );
    const checks = f.map((x) => `${x.severity} ${x.check} ${x.instance}`).sort();
    assert.deepEqual(checks, [
      'error config.invalid rescue',
      'error files.permissions main',
      'error isolation.workspace main',
      'warning ports.busy c',
      'warning state.staleRuntime main',
    ]);
    for (const x of f) assert.ok(x.file, `${x.check} has a file for its diagnostic`);
    assert.equal(f.find((x) => x.check === 'ports.busy')!.message, 'c canvas 20004: port 20004 is taken by python3 (pid 4242)');
  });

  it('a stopped instance with a broken config proves no footprint: no overlap from ports it only might use', () => {
    const f = doctorFindings([snap('main', 18789), snap('b', 18809, { configError: { cause: 'x' }, portsAssumed: true })]);
    assert.deepEqual(f.map((x) => x.check), ['config.invalid']);
  });

  it('plugin doctor checks run, and a throwing one becomes a finding naming it', () => {
    const f = doctorFindings([snap('main', 18789)], undefined, [
      { apiVersion: 1, id: 'ok', doctor: () => [{ severity: 'info', check: 'ok.hello', message: 'hi', instance: 'main' }] },
      { apiVersion: 1, id: 'boom', doctor: () => { throw new Error('nope'); } },
    ]);
    assert.deepEqual(f.map((x) => x.check).sort(), ['ok.hello', 'plugin.boom.doctor']);
  });
});
