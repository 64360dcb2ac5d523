import assert from 'node:assert/strict';
import { ConfigError, PortConflictError, PortRangeError, builtinManifests, resolveFootprint } from '../../src/index.js';
import { checkConfigEdit, type OtherInstances } from '../../src/node/config-guard.js';

const paths = { name: 'rescue', profile: 'rescue', stateDir: '/nonexistent/.openclaw-rescue', configPath: '/nonexistent/.openclaw-rescue/openclaw.json' };
const main = resolveFootprint('main', 18789, {}, builtinManifests).footprint;
const others: OtherInstances = { footprints: [main], unchecked: ['ghost'] };
const check = (next: unknown, current?: unknown) =>
  checkConfigEdit({ paths, next, current, where: 'gateway.port', env: {}, osHome: '/nonexistent', plugins: builtinManifests, others });

describe('core/node checkConfigEdit: the one config-edit check', () => {
  const refusals: Array<[string, unknown, new (...a: never[]) => Error, RegExp]> = [
    ['a wrong-typed port (schema)', { gateway: { port: 'abc' } }, ConfigError, /gateway\.port: Invalid input/],
    ['a footprint past 65535 (range)', { gateway: { port: 65500 } }, PortRangeError, /base 65500 puts its footprint at 65500–65610, past 65535/],
    ['lan without auth', { gateway: { port: 20000, bind: 'lan', auth: { mode: 'none' } } }, ConfigError, /beyond loopback without auth; nothing was written$/],
    ["a base inside main's CDP band (host-wide)", { gateway: { port: 18809 } }, PortConflictError, /^gateway\.port: rescue's gateway 18809 would overlap instance main's CDP band 18800–18899 \(and 3 more overlaps\); nothing was written$/],
  ];
  for (const [name, next, type, message] of refusals) {
    it(`refuses ${name}`, async () => {
      await assert.rejects(check(next), (e: Error) => e instanceof type && message.test(e.message));
    });
  }

  it('passes a free base and says which instance it could not check', async () => {
    const v = await check({ gateway: { port: 20000 } });
    assert.equal(v.footprint.instance, 'rescue');
    assert.deepEqual(v.warnings, ['instance ghost was not checked for overlaps: its config is broken']);
  });

  it('an overlap the current config already had is a warning, not a refusal; a new one still refuses', async () => {
    const v = await check({ gateway: { port: 18809 }, logging: { level: 'debug' } }, { gateway: { port: 18809 } });
    assert.equal(v.warnings.filter((w) => /already overlaps .*\(not changed by this edit\)/.test(w)).length, 4);
    await assert.rejects(check({ gateway: { port: 18809 }, canvasHost: { port: 18789 } }, { gateway: { port: 18809 } }), /canvas 18789 \(canvasHost\.port\) would overlap instance main's gateway 18789/);
  });
});
