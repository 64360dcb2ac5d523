import assert from 'node:assert/strict';
import { auditServiceFile } from '../../src/services/audit.js';
import { BACKENDS, type BackendId } from '../../src/services/backend.js';
import { readInstalledService } from '../../src/services/installed.js';
import { renderServiceFiles } from '../../src/services/render.js';
import { serviceSpec } from '../../src/services/spec.js';
import { COMMAND, instanceFor, PROFILES } from './fixtures.js';

function mainFile(backend: BackendId, profile: string | undefined, port: number) {
  return renderServiceFiles(backend, serviceSpec(instanceFor(profile, port), COMMAND))[0];
}

describe('services/audit drift of an installed file against its profile', () => {
  for (const backend of BACKENDS) {
    for (const { label, profile, port } of PROFILES) {
      it(`${backend} / ${label}: a freshly rendered file reads back exactly and has no finding`, () => {
        const instance = instanceFor(profile, port);
        const spec = serviceSpec(instance, COMMAND);
        const file = renderServiceFiles(backend, spec)[0];
        const back = readInstalledService(backend, file.content, file.path);
        assert.deepEqual(back.argv, spec.argv);
        const { PATH: _path, ...withoutPath } = spec.env;
        assert.deepEqual(back.env, backend === 'schtasks' ? withoutPath : spec.env);
        assert.deepEqual(back.envFiles, [spec.envFile]);
        assert.deepEqual(auditServiceFile({ backend, file: file.path, text: file.content, instance }), []);
      });
    }
  }

  const main = instanceFor('main', 18789);
  const unit = mainFile('systemd', 'main', 18789);
  const drift: Array<{ what: string; backend: BackendId; text: string; check: string; message: RegExp; severity?: string }> = [
    {
      what: 'a unit missing --profile',
      backend: 'systemd',
      text: unit.content.replace(' --profile main', ''),
      check: 'service.profile',
      message: /without --profile main/,
    },
    {
      what: 'a unit for port X while the config says Y',
      backend: 'systemd',
      text: unit.content.replace('--port 18789', '--port 18800').replace('OPENCLAW_GATEWAY_PORT=18789', 'OPENCLAW_GATEWAY_PORT=18800'),
      check: 'service.port',
      message: /service runs port 18800 but the config says 18789/,
    },
    {
      what: 'a unit of another profile under this name',
      backend: 'systemd',
      text: mainFile('systemd', 'rescue', 18789).content,
      check: 'service.profile',
      message: /runs --profile rescue but is installed for profile main/,
    },
    {
      what: 'a unit pointing at another state dir',
      backend: 'systemd',
      text: unit.content.replace('OPENCLAW_STATE_DIR=/home/alice/.openclaw-main', 'OPENCLAW_STATE_DIR=/home/alice/.openclaw-rescue'),
      check: 'service.stateDir',
      message: /OPENCLAW_STATE_DIR=\/home\/alice\/.openclaw-rescue but profile main uses \/home\/alice\/.openclaw-main/,
    },
    {
      what: 'a unit resolving another config path',
      backend: 'systemd',
      text: unit.content.replace('OPENCLAW_CONFIG_PATH=/home/alice/.openclaw-main/openclaw.json', 'OPENCLAW_CONFIG_PATH=/etc/openclaw.json'),
      check: 'service.configPath',
      message: /OPENCLAW_CONFIG_PATH=\/etc\/openclaw.json/,
    },
    {
      what: 'a stray OPENCLAW_* variable',
      backend: 'systemd',
      text: unit.content.replace('[Service]', '[Service]\nEnvironment=OPENCLAW_DEBUG_X=1'),
      check: 'service.env.stray',
      message: /stray OPENCLAW_DEBUG_X/,
      severity: 'warning',
    },
    {
      what: 'an inlined secret',
      backend: 'systemd',
      text: unit.content.replace('[Service]', '[Service]\nEnvironment="OPENAI_API_KEY=sk-1"'),
      check: 'service.env.secret',
      message: /inlines OPENAI_API_KEY; secrets belong in the 0600 env file \/home\/alice\/.openclaw-main\/service\/gateway.env/,
    },
    {
      what: 'a plist missing --profile',
      backend: 'launchd',
      text: mainFile('launchd', 'main', 18789).content.replace('    <string>--profile</string>\n    <string>main</string>\n', ''),
      check: 'service.profile',
      message: /without --profile main/,
    },
    {
      what: 'a supervisor record on another port',
      backend: 'supervisor',
      text: mainFile('supervisor', 'main', 18789).content.replace('"18789"', '"20789"'),
      check: 'service.port',
      message: /service runs port 20789 but the config says 18789/,
    },
    {
      what: 'a task script missing --port',
      backend: 'schtasks',
      text: mainFile('schtasks', 'main', 18789).content.replace(", '--port', '18789'", ''),
      check: 'service.port',
      message: /without --port/,
    },
    {
      what: 'a truncated plist',
      backend: 'launchd',
      text: mainFile('launchd', 'main', 18789).content.slice(0, 400),
      check: 'service.unreadable',
      message: /not a valid XML plist/,
    },
  ];
  for (const row of drift) {
    it(`finds ${row.what}`, () => {
      const findings = auditServiceFile({ backend: row.backend, file: '/x/unit', text: row.text, instance: main });
      const hit = findings.find((f) => f.check === row.check);
      assert.ok(hit, `no ${row.check} in ${JSON.stringify(findings)}`);
      assert.match(hit.message, row.message);
      assert.equal(hit.severity, row.severity ?? 'error');
      assert.equal(hit.instance, 'main');
      assert.equal(hit.file, '/x/unit');
      assert.match(hit.fix ?? '', /clawport --profile main gateway install --force/);
    });
  }

  it('an inherited OPENCLAW_STATE_DIR of another profile does not leak into --profile rescue', () => {
    const env = { OPENCLAW_STATE_DIR: '/home/alice/.openclaw-main', OPENCLAW_CONFIG_PATH: '/home/alice/.openclaw-main/openclaw.json', OPENCLAW_GATEWAY_PORT: '18789' };
    const instance = instanceFor('rescue', 19789, env);
    const spec = serviceSpec(instance, COMMAND);
    assert.equal(spec.env.OPENCLAW_STATE_DIR, '/home/alice/.openclaw-rescue');
    assert.equal(spec.env.OPENCLAW_CONFIG_PATH, '/home/alice/.openclaw-rescue/openclaw.json');
    assert.equal(spec.env.OPENCLAW_GATEWAY_PORT, '19789');
    assert.deepEqual(spec.argv.slice(2), ['--profile', 'rescue', 'gateway', '--port', '19789']);
    assert.equal(instance.warnings.length, 3, instance.warnings.join('\n'));
  });

  it('a custom-path instance runs without --profile and carries its paths in the environment', () => {
    const instance = instanceFor(undefined, 20789, { OPENCLAW_STATE_DIR: '/srv/bots/alpha' });
    const spec = serviceSpec(instance, COMMAND);
    assert.deepEqual(spec.argv.slice(2), ['gateway', '--port', '20789']);
    assert.equal(spec.env.OPENCLAW_STATE_DIR, '/srv/bots/alpha');
    const file = renderServiceFiles('systemd', spec)[0];
    assert.deepEqual(auditServiceFile({ backend: 'systemd', file: file.path, text: file.content, instance }), []);
  });
});
