import assert from 'node:assert/strict';
import {
  deviceAuthPayloadV3,
  describeLocated,
  nodeSatisfiesOpenclaw,
  openclawEngineManifest,
  openclawStartPlan,
  OPENCLAW_SPAN,
} from '../../src/engines/openclaw.js';
import { parseEngineSettings } from '../../src/engines/settings.js';
import { footprint } from '../../src/ports/footprint.js';
import { resolveInstance, resolveInstancePaths } from '../../src/instance.js';
import { ConfigError } from '../../src/errors.js';

describe('engines/openclaw', () => {
  const table: Array<[string, boolean]> = [
    ['v24.16.0', true],
    ['v24.21.0', true],
    ['v24.15.9', false],
    ['v25.2.0', false],
    ['v26.0.5', false],
    ['v26.1.0', true],
    ['v27.0.0', true],
    ['v20.20.2', false],
    ['garbage', false],
  ];
  for (const [version, ok] of table) {
    it(`Node ${version} ${ok ? 'satisfies' : 'does not satisfy'} >=24.16 <25 || >=26.1`, () => assert.equal(nodeSatisfiesOpenclaw(version), ok));
  }

  it('describeLocated: one line naming the command, where it came from and the Node that is too old', () => {
    const r = describeLocated({ command: '/u/bin/openclaw', source: 'PATH', node: '/usr/bin/node', nodeVersion: 'v20.20.2', version: '2026.9.6' });
    assert.equal(r.ok, false);
    assert.equal(r.line, 'openclaw 2026.9.6 at /u/bin/openclaw (from PATH) needs Node >=24.16 <25 || >=26.1, but /usr/bin/node is v20.20.2; put a newer Node first on PATH');
    assert.ok(!r.line.includes('\n'));
  });

  it('the footprint is the whole span B…B+110, all claimed before start', () => {
    const fp = footprint('main', 18900, {}, [openclawEngineManifest]);
    const ports = fp.claims.flatMap((c) => Array.from({ length: c.end - c.start + 1 }, (_, i) => c.start + i)).sort((a, b) => a - b);
    assert.equal(ports.length, OPENCLAW_SPAN);
    assert.equal(ports[0], 18900);
    assert.equal(ports.at(-1), 19010);
  });

  it('start plan: port, loopback and token explicit; the profile env set, inherited instance variables removed', () => {
    const paths = resolveInstancePaths({ profile: 'main' }, { OPENCLAW_HOME: '/h' }, '/os');
    const instance = resolveInstance(paths, { gateway: { port: 18900 } }, {});
    const plan = openclawStartPlan(instance, { command: '/bin/openclaw', source: 'PATH', script: '/lib/openclaw/openclaw.mjs', node: '/n24/node', nodeVersion: 'v24.21.0' }, 'T0KEN', {
      PATH: '/bin',
      OPENCLAW_STATE_DIR: '/elsewhere',
      OPENCLAW_GATEWAY_PORT: '1',
      OPENCLAW_PROFILE: 'other',
    });
    assert.equal(plan.command, '/n24/node');
    // A config Clawport wrote has no gateway.mode: upstream would block the start without this flag.
    assert.deepEqual(plan.args, ['/lib/openclaw/openclaw.mjs', '--profile', 'main', 'gateway', '--port', '18900', '--bind', 'loopback', '--token', 'T0KEN', '--allow-unconfigured']);
    const upstreamMade = openclawStartPlan(instance, { command: '/bin/openclaw', source: 'PATH', node: '/n', nodeVersion: 'v24.21.0' }, 'T0KEN', {}, { gateway: { mode: 'local' } });
    assert.deepEqual(upstreamMade.args, ['--profile', 'main', 'gateway', '--port', '18900', '--bind', 'loopback', '--token', 'T0KEN']);
    assert.equal(plan.env.OPENCLAW_STATE_DIR, '/h/.openclaw-main');
    assert.equal(plan.env.OPENCLAW_CONFIG_PATH, '/h/.openclaw-main/openclaw.json');
    assert.equal(plan.env.OPENCLAW_HOME, '/h');
    assert.equal(plan.env.OPENCLAW_GATEWAY_PORT, undefined);
    assert.equal(plan.env.OPENCLAW_PROFILE, undefined);
    assert.equal(plan.env.PATH, '/bin');
  });

  it('device payload v3 is what upstream builds: fields joined by |, platform lower-cased', () => {
    const payload = deviceAuthPayloadV3({ deviceId: 'd', clientId: 'cli', clientMode: 'probe', role: 'operator', scopes: ['operator.read', 'operator.write'], signedAtMs: 1737264000000, token: 't', nonce: 'n', platform: ' Linux ' });
    assert.equal(payload, 'v3|d|cli|probe|operator|operator.read,operator.write|1737264000000|t|n|linux|');
  });

  it('clawport.json: engine and command parsed; bad values are one ConfigError naming the file', () => {
    assert.deepEqual(parseEngineSettings('{"engine":"openclaw","openclawCommand":"/x/openclaw"}', '/s/clawport.json'), { engine: 'openclaw', openclawCommand: '/x/openclaw' });
    assert.deepEqual(parseEngineSettings('{}', '/s/clawport.json'), { engine: 'clawport' });
    assert.throws(() => parseEngineSettings('{"engine":"docker"}', '/s/clawport.json'), (e: unknown) => e instanceof ConfigError && e.message.startsWith('/s/clawport.json: engine must be clawport or openclaw'));
    assert.throws(() => parseEngineSettings('{"engine":"openclaw","openclawCommand":"openclaw"}', '/s/clawport.json'), /must be an absolute path/);
    assert.deepEqual(parseEngineSettings('{"engine":"openclaw","openclawNode":"/n/bin/node"}', '/s/clawport.json'), { engine: 'openclaw', openclawNode: '/n/bin/node' });
    assert.throws(() => parseEngineSettings('{"engine":"openclaw","openclawNode":"node"}', '/s/clawport.json'), /openclawNode must be an absolute path/);
    assert.throws(() => parseEngineSettings('{', '/s/clawport.json'), /is not valid JSON/);
  });
});

