import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import { BACKENDS, parseBackend, serviceName, serviceNames } from '../../src/services/backend.js';
import { instanceFor } from './fixtures.js';

describe('services/backend names', () => {
  const table = [
    { profile: undefined, systemd: 'clawport-gateway.service', launchd: 'ai.clawport.gateway', schtasks: 'Clawport Gateway' },
    { profile: 'main', systemd: 'clawport-gateway-main.service', launchd: 'ai.clawport.main', schtasks: 'Clawport Gateway (main)' },
    { profile: 'rescue', systemd: 'clawport-gateway-rescue.service', launchd: 'ai.clawport.rescue', schtasks: 'Clawport Gateway (rescue)' },
    { profile: 'Ops_2', systemd: 'clawport-gateway-Ops_2.service', launchd: 'ai.clawport.Ops_2', schtasks: 'Clawport Gateway (Ops_2)' },
  ];
  for (const row of table) {
    it(`names the service of ${row.profile ?? 'default'} as docs/explanation/isolation.md says`, () => {
      const names = serviceNames(instanceFor(row.profile, 18789));
      assert.equal(names.systemd, row.systemd);
      assert.equal(names.launchd, row.launchd);
      assert.equal(names.schtasks, row.schtasks);
    });
  }

  it('names a custom-path instance after its state dir, so two custom instances get two services', () => {
    const a = instanceFor(undefined, 20789, { OPENCLAW_STATE_DIR: '/srv/bots/alpha' });
    const b = instanceFor(undefined, 21789, { OPENCLAW_STATE_DIR: '/srv/bots/beta' });
    assert.equal(serviceNames(a).systemd, 'clawport-gateway-alpha.service');
    assert.equal(serviceNames(b).systemd, 'clawport-gateway-beta.service');
  });

  for (const backend of BACKENDS) {
    it(`accepts --backend ${backend}`, () => assert.equal(parseBackend(backend), backend));
  }
  for (const bad of ['', 'SYSTEMD', 'upstart', 'runit', 'systemd ']) {
    it(`refuses --backend ${JSON.stringify(bad)} with one line naming the choices`, () => {
      assert.throws(() => parseBackend(bad), (e: unknown) => {
        assert.ok(e instanceof UsageError);
        assert.match(e.toLine(), /unknown service backend .*use one of systemd, launchd, schtasks, supervisor/);
        assert.doesNotMatch(e.toLine(), /\n/);
        return true;
      });
    });
  }

  it('shows the supervisor with its profile', () => {
    assert.equal(serviceName('supervisor', serviceNames(instanceFor('main', 18789))), 'supervisor (main)');
    assert.equal(serviceName('systemd', serviceNames(instanceFor('main', 18789))), 'clawport-gateway-main.service');
  });
});
