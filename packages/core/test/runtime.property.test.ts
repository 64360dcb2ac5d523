import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRuntimeInfo, type RuntimeInfo } from '../src/runtime.js';

const valid: RuntimeInfo = {
  pid: 4242,
  startTicks: 123456,
  profile: 'main',
  name: 'main',
  version: '0.1.0',
  startedAt: 1_764_000_000_000,
  host: '127.0.0.1',
  base: 18789,
  ports: [
    { id: 'gateway', role: 'gateway', owner: 'core', start: 18789, end: 18789, host: '127.0.0.1', bind: 'loopback' },
    { id: 'cdp', role: 'CDP band', owner: 'browser', start: 18800, end: 18899, host: '127.0.0.1' },
  ],
  configPath: '/home/u/.openclaw-main/openclaw.json',
  stateDir: '/home/u/.openclaw-main',
  pluginErrors: [{ id: 'x', message: 'boom' }],
  engine: 'openclaw',
  enginePid: 4243,
  engineStartTicks: 123457,
};

describe('parseRuntimeInfo: a runtime file is a whole record or none (found by a docs-only trial)', () => {
  it('a record the gateway writes reads back as it is, also without its optional fields', () => {
    assert.deepEqual(parseRuntimeInfo(JSON.parse(JSON.stringify(valid))), valid);
    const { startTicks, pluginErrors, engine, enginePid, engineStartTicks, ...required } = valid;
    void [startTicks, pluginErrors, engine, enginePid, engineStartTicks];
    assert.deepEqual(parseRuntimeInfo(required), required);
  });

  it("the trial's hand-written file (startedAt a word, no name/host/base) is no record", () => {
    assert.equal(parseRuntimeInfo({ pid: 4242, port: 18789, ports: [], version: '0.1.0', startedAt: 'x', profile: 'main' }), undefined);
  });

  it('any one required field missing or of the wrong type makes it none', () => {
    const wrong: unknown[] = [undefined, null, 'x', -1, 0, 1.5, 70000, [], {}, true];
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(valid)), fc.constantFrom(...wrong), (key, value) => {
        const broken = { ...valid, [key]: value } as Record<string, unknown>;
        const parsed = parseRuntimeInfo(broken);
        // Some replacements are still well-typed (an optional field dropped, a string field given 'x').
        if (parsed !== undefined) assert.deepEqual(parsed, broken);
        else assert.equal(parsed, undefined);
      }),
      { numRuns: 400 },
    );
    for (const key of ['pid', 'profile', 'name', 'version', 'startedAt', 'host', 'base', 'ports', 'configPath', 'stateDir']) {
      const { [key]: _dropped, ...rest } = valid as unknown as Record<string, unknown>;
      void _dropped;
      assert.equal(parseRuntimeInfo(rest), undefined, `${key} missing`);
    }
    assert.equal(parseRuntimeInfo({ ...valid, ports: [{ ...valid.ports[0], start: 20, end: 10 }] }), undefined, 'a range backwards');
    assert.equal(parseRuntimeInfo({ ...valid, engine: 'docker' }), undefined);
    assert.equal(parseRuntimeInfo({ ...valid, pid: 0 }), undefined, 'pid 0 would signal the whole process group');
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => void parseRuntimeInfo(v)), { numRuns: 500 });
  });
});
