import assert from 'node:assert/strict';
import { changedKeys, changedProtectedKeys, grantScopes, hasScope, isCliOnlyKey, isProtectedKey } from '../../src/authority/index.js';

describe('protected config keys (one list for config.patch, rollback and the rescue bot)', () => {
  const table: Array<[string, boolean]> = [
    ['gateway.auth.token', true],
    ['gateway.auth.mode', true],
    ['gateway.auth.tokens', true],
    ['gateway.bind', true],
    ['plugins.load', true],
    ['canvasHost.root', true],
    ['browser.executablePath', true],
    ['browser.profiles.work.executablePath', true],
    // flags for what runs (a renderer command prefix) and turning the sandbox off
    ['browser.extraArgs', true],
    ['browser.noSandbox', true],
    ['someplugin.nodeArgs', true],
    ['someplugin.command', true],
    ['someplugin.service.startCommand', true],
    ['someplugin.env', true],
    ['watch.targets', true],
    ['gateway.port', false],
    ['gateway.bindings', false],
    ['browser.profiles.work.cdpPort', false],
    ['canvasHost.liveReload', false],
    ['logging.level', false],
    ['agents.defaults.workspace', false],
    ['someplugin.description', false],
  ];
  for (const [key, expected] of table) it(`${key} ${expected ? 'is' : 'is not'} protected`, () => assert.equal(isProtectedKey(key), expected));

  it('only watch.* is CLI-only', () => {
    assert.equal(isCliOnlyKey('watch.targets'), true);
    assert.equal(isCliOnlyKey('watchers'), false);
    assert.equal(isCliOnlyKey('gateway.auth.token'), false);
  });

  it('changed keys: leaves, removed sections, replaced scalars and arrays', () => {
    assert.deepEqual(changedKeys({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }), ['a.c']);
    assert.deepEqual(changedKeys({ gateway: { auth: { token: 'x' }, port: 1 } }, {}), ['gateway.auth.token', 'gateway.port']);
    assert.deepEqual(changedKeys({ l: [1] }, { l: [1, 2] }), ['l']);
    assert.deepEqual(changedKeys({ a: 1 }, { a: { b: 2 } }), ['a.b']);
    assert.deepEqual(changedKeys({ a: {} }, {}), ['a']);
    assert.deepEqual(changedProtectedKeys({ gateway: { port: 1, auth: { mode: 'token' } } }, { gateway: { port: 2 } }), ['gateway.auth.mode']);
  });
});

describe('operator scopes', () => {
  it('nest: admin covers write covers read', () => {
    assert.equal(hasScope(['operator.admin'], 'operator.read'), true);
    assert.equal(hasScope(['operator.write'], 'operator.admin'), false);
    assert.equal(hasScope([], 'operator.read'), false);
  });
  it('a connection gets at most what its token carries, narrowed to what it asked for', () => {
    const all = ['operator.read', 'operator.write', 'operator.admin'] as const;
    assert.deepEqual(grantScopes(all), [...all]);
    assert.deepEqual(grantScopes(all, ['operator.write']), ['operator.read', 'operator.write']);
    assert.deepEqual(grantScopes(['operator.read'], ['operator.admin']), ['operator.read']);
    assert.deepEqual(grantScopes(all, ['bogus']), []);
  });
});
