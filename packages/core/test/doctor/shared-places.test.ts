import assert from 'node:assert/strict';
import { chromesOf, sharedPlaces, type Place } from '../../src/doctor/shared-places.js';

const H = '/home/u';
const main: Place = { name: 'main', stateDir: `${H}/.openclaw-main`, workspace: `${H}/.openclaw/workspace-main` };
const rescue: Place = { name: 'rescue', stateDir: `${H}/.openclaw-rescue`, workspace: `${H}/.openclaw/workspace-rescue` };
const dflt: Place = { name: 'default', stateDir: `${H}/.openclaw`, workspace: `${H}/.openclaw/workspace` };

describe('sharedPlaces: what two instances must never share (issue 14.3)', () => {
  it("upstream's layout shares nothing: profile workspaces under the default instance's state dir are theirs", () => {
    assert.deepEqual(sharedPlaces(main, [rescue, dflt]), []);
    assert.deepEqual(sharedPlaces(dflt, [main, rescue]), []);
  });

  const cases: Array<[string, Partial<Place>, string]> = [
    ['the same workspace', { workspace: `${H}/.openclaw/workspace-rescue/` }, `rescue agents.defaults.workspace the workspace ${H}/.openclaw/workspace-rescue`],
    ["another instance's state dir as the workspace", { workspace: `${H}/.openclaw-rescue` }, `rescue agents.defaults.workspace the state dir ${H}/.openclaw-rescue (as its workspace)`],
    ["a dir inside another's state dir (its credentials)", { workspace: `${H}/.openclaw-rescue/credentials` }, `rescue agents.defaults.workspace the state dir ${H}/.openclaw-rescue (as its workspace)`],
    ["the default instance's credentials", { workspace: `${H}/.openclaw/credentials` }, `default agents.defaults.workspace the state dir ${H}/.openclaw (as its workspace)`],
    ['a workspace that holds a state dir', { workspace: H }, `rescue agents.defaults.workspace the state dir ${H}/.openclaw-rescue (inside its workspace ${H})`],
  ];
  for (const [what, change, expected] of cases) {
    it(what, () => {
      const found = sharedPlaces({ ...main, ...change }, [rescue, dflt]).map((s) => `${s.other} ${s.keyPath} ${s.what}`);
      assert.ok(found.includes(expected), JSON.stringify(found));
    });
  }

  it('the same pinned remote Chrome, named by its endpoint without the URL (a password may be in it)', () => {
    const url = 'http://u:pw@10.0.0.5:9222';
    const pinned = (u: string) => ({ chromes: [{ keyPath: 'browser.cdpUrl', url: u }] });
    const found = sharedPlaces({ ...main, ...pinned(url) }, [{ ...rescue, ...pinned(url) }]);
    assert.deepEqual(found, [{ other: 'rescue', kind: 'cdpUrl', keyPath: 'browser.cdpUrl', what: 'the Chrome at http://10.0.0.5:9222 (its browser.cdpUrl)' }]);
    assert.deepEqual(sharedPlaces({ ...main, ...pinned(url) }, [{ ...rescue, ...pinned('http://10.0.0.6:9222') }]), []);
  });

  // Found by the docs-only trial: config set refused a second pinned cdpUrl but let a browser profile
  // reach the same Chrome, which doctor then called an error.
  it("one side's browser profile reaching the Chrome the other pins, spelled differently: shared (either way round)", () => {
    const mainPins = { ...main, chromes: [{ keyPath: 'browser.cdpUrl', url: 'http://bob:pw@127.0.0.1:9222' }] };
    const rescueProfile = { ...rescue, chromes: [{ keyPath: 'browser.profiles.w.cdpUrl', url: 'ws://localhost:9222/devtools/browser/x' }] };
    assert.deepEqual(sharedPlaces(rescueProfile, [mainPins]), [
      { other: 'main', kind: 'cdpUrl', keyPath: 'browser.profiles.w.cdpUrl', what: 'the Chrome at http://127.0.0.1:9222 (its browser.cdpUrl)' },
    ]);
    assert.equal(sharedPlaces(mainPins, [rescueProfile])[0]?.keyPath, 'browser.cdpUrl');
  });

  it('two browser profiles (nothing pinned) attached to one remote Chrome: not refused (doctor warns)', () => {
    const profile = (p: Place) => ({ ...p, chromes: [{ keyPath: 'browser.profiles.r.cdpUrl', url: 'http://10.0.0.5:9222' }] });
    assert.deepEqual(sharedPlaces(profile(main), [profile(rescue)]), []);
  });

  it('chromesOf: the pinned cdpUrl, then each browser profile cdpUrl (local profiles have none)', () => {
    assert.deepEqual(chromesOf({ browser: { cdpUrl: 'http://127.0.0.1:9222', profiles: { work: { cdpPort: 18805 }, r: { cdpUrl: 'http://10.0.0.5:9222' } } } }), [
      { keyPath: 'browser.cdpUrl', url: 'http://127.0.0.1:9222' },
      { keyPath: 'browser.profiles.r.cdpUrl', url: 'http://10.0.0.5:9222' },
    ]);
    assert.deepEqual(chromesOf({}), []);
  });

  it('itself (same state dir) is never another instance', () => assert.deepEqual(sharedPlaces(main, [{ ...main, name: 'main (custom)' }]), []));
});

describe('doctor reports a workspace in another instance\'s state dir (found by a docs-only trial)', () => {
  it('as an error on the instance whose workspace it is, naming the other', async () => {
    const { checkUniquePaths } = await import('../../src/doctor/isolation.js');
    const mk = (p: Place) => ({ ...p, profile: p.name, configPath: `${p.stateDir}/openclaw.json`, base: 1, config: {}, footprint: [] });
    const found = checkUniquePaths([mk({ ...main, workspace: rescue.stateDir }), mk(rescue), mk(dflt)]);
    assert.deepEqual(
      found.map((f) => [f.severity, f.check, f.instance, f.message, f.keyPath]),
      [['error', 'isolation.workspace.stateDir', 'main', `main's workspace ${H}/.openclaw-rescue is instance rescue's state dir ${H}/.openclaw-rescue`, 'agents.defaults.workspace']],
    );
    assert.deepEqual(checkUniquePaths([mk(main), mk(rescue), mk(dflt)]), [], "upstream's layout is clean");
  });
});
