import assert from 'node:assert/strict';
import { sharedPlaces, type Place } from '../../src/doctor/shared-places.js';

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

  it('the same pinned remote Chrome, named without its URL (a password may be in it)', () => {
    const url = 'http://u:pw@10.0.0.5:9222';
    const found = sharedPlaces({ ...main, cdpUrl: url }, [{ ...rescue, cdpUrl: url }]);
    assert.deepEqual(found, [{ other: 'rescue', kind: 'cdpUrl', keyPath: 'browser.cdpUrl', what: 'the remote Chrome pinned by browser.cdpUrl' }]);
    assert.deepEqual(sharedPlaces({ ...main, cdpUrl: url }, [{ ...rescue, cdpUrl: 'http://10.0.0.6:9222' }]), []);
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
