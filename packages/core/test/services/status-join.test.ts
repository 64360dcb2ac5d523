import assert from 'node:assert/strict';
import { joinServiceStatus, type ServiceStatusFacts } from '../../src/services/status-join.js';

const base: ServiceStatusFacts = {
  instance: { name: 'main', profile: 'main', custom: false, port: 18789, configPath: '/h/.openclaw-main/openclaw.json', stateDir: '/h/.openclaw-main' },
  service: { name: 'clawport-gateway-main.service', backend: 'systemd', installed: true, running: true, pid: 100 },
  runtime: { pid: 100, base: 18789, configPath: '/h/.openclaw-main/openclaw.json' },
  healthy: true,
  audit: [],
};

describe('services/status-join: service × runtime+probe × listener', () => {
  it('all three agree: no mismatch', () => assert.deepEqual(joinServiceStatus(base), []));

  const table: Array<{ what: string; facts: Partial<ServiceStatusFacts>; check: string; message: RegExp; fix: RegExp }> = [
    {
      what: 'gateway on another port than the config',
      facts: { runtime: { ...base.runtime!, base: 18800 } },
      check: 'status.port',
      message: /runs on port 18800 but the config says 18789/,
      fix: /^clawport --profile main gateway restart$/,
    },
    {
      what: 'CLI and gateway resolve different config paths',
      facts: { runtime: { ...base.runtime!, configPath: '/etc/other.json' } },
      check: 'status.configPath',
      message: /uses \/etc\/other.json but this CLI resolves \/h\/.openclaw-main\/openclaw.json/,
      fix: /gateway install --force/,
    },
    {
      what: 'a foreign listener on the base port',
      facts: { runtime: undefined, healthy: undefined, service: { ...base.service, running: false, pid: undefined }, listener: { port: 18789, pid: 4242 } },
      check: 'status.portBusy',
      message: /port 18789 is held by another process \(pid 4242\)/,
      fix: /ports suggest/,
    },
    {
      what: 'a gateway outside the service holding the state dir',
      facts: { runtime: { ...base.runtime!, pid: 555 } },
      check: 'status.pid',
      message: /is pid 555, not the service's pid 100/,
      fix: /stop pid 555/,
    },
    {
      what: 'a service that is stopped',
      facts: { runtime: undefined, healthy: undefined, service: { ...base.service, running: false, pid: undefined } },
      check: 'status.stopped',
      message: /clawport-gateway-main.service is installed but not running/,
      fix: /^clawport --profile main gateway start$/,
    },
    {
      what: 'a foreground gateway and no service',
      facts: { service: { ...base.service, installed: false, running: false, pid: undefined } },
      check: 'status.unmanaged',
      message: /runs outside its service \(no service installed\)/,
      fix: /gateway install/,
    },
    {
      what: 'an unhealthy gateway',
      facts: { healthy: false },
      check: 'status.unhealthy',
      message: /does not answer a health call on port 18789/,
      fix: /gateway logs/,
    },
  ];
  for (const row of table) {
    it(`names ${row.what} and the fix`, () => {
      const found = joinServiceStatus({ ...base, ...row.facts }).find((f) => f.check === row.check);
      assert.ok(found, `no ${row.check}`);
      assert.match(found.message, row.message);
      assert.match(found.fix ?? '', row.fix);
    });
  }

  it('passes the installed file\'s drift through (service for another profile)', () => {
    const drift = { severity: 'error' as const, check: 'service.profile', message: 'x: runs --profile rescue but is installed for profile main' };
    assert.deepEqual(joinServiceStatus({ ...base, audit: [drift] }), [drift]);
  });

  it('the default instance gets hints without --profile', () => {
    const f = joinServiceStatus({ ...base, instance: { ...base.instance, name: 'default', profile: 'default' }, runtime: undefined, healthy: undefined, service: { ...base.service, running: false } });
    assert.equal(f.find((x) => x.check === 'status.stopped')?.fix, 'clawport gateway start');
  });
});
