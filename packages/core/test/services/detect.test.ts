import assert from 'node:assert/strict';
import { chooseBackend, type HostFacts } from '../../src/services/detect.js';

describe('services/detect which backend a host gets, and why', () => {
  const table: Array<{ facts: HostFacts; backend: string; reason: RegExp }> = [
    { facts: { platform: 'linux', pid1: 'systemd', systemdBooted: true, userManager: true }, backend: 'systemd', reason: /systemd is PID 1/ },
    { facts: { platform: 'linux', pid1: 'systemd', systemdBooted: true, userManager: false }, backend: 'supervisor', reason: /no user manager .*enable-linger/ },
    { facts: { platform: 'linux', pid1: 'node', container: 'docker' }, backend: 'supervisor', reason: /PID 1 is `node`, not systemd \(in a docker container\)/ },
    { facts: { platform: 'linux', pid1: 'init', wsl: true }, backend: 'supervisor', reason: /not systemd \(under WSL\)/ },
    { facts: { platform: 'linux', pid1: 'process_api', ci: true }, backend: 'supervisor', reason: /in CI/ },
    { facts: { platform: 'linux' }, backend: 'supervisor', reason: /PID 1 is unknown/ },
    { facts: { platform: 'darwin' }, backend: 'launchd', reason: /launchd/ },
    { facts: { platform: 'win32' }, backend: 'schtasks', reason: /scheduled task/ },
    { facts: { platform: 'freebsd' }, backend: 'supervisor', reason: /no supported service manager on freebsd/ },
  ];
  for (const { facts, backend, reason } of table) {
    it(`${JSON.stringify(facts)} → ${backend}`, () => {
      const choice = chooseBackend(facts);
      assert.equal(choice.backend, backend);
      assert.match(choice.reason, reason);
      assert.equal(choice.forced, false);
    });
  }
  it('--backend wins over detection and says so', () => {
    assert.deepEqual(chooseBackend({ platform: 'linux', pid1: 'node' }, 'systemd'), { backend: 'systemd', reason: 'forced with --backend systemd', forced: true });
  });
});
