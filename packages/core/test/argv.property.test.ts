import assert from 'node:assert/strict';
import fc from 'fast-check';
import { liftGlobalFlags } from '../src/argv.js';
import { parseProfileName } from '../src/profile-name.js';

/** Tokens the lifter must pass through untouched: anything but `--`, `--dev` and `--profile…`. */
const plainToken = fc.oneof(fc.string(), fc.constantFrom('gateway', 'status', '--port', '19001', '--json', '-v', '--profiles', '--dev=1')).filter((t) => t !== '--' && t !== '--dev' && !t.startsWith('--profile=') && t !== '--profile');
const profileName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
/** After `--` anything goes, including the global flags themselves. */
const tailToken = fc.oneof(fc.string(), fc.constantFrom('--profile', '--dev', '--profile=x', '--', '../x'));

describe('argv (property): lifting global flags', () => {
  it('--profile P anywhere before -- is lifted; every other token keeps its order; the tail is untouched', () => {
    fc.assert(
      fc.property(fc.array(plainToken), fc.nat(), profileName, fc.boolean(), fc.option(fc.array(tailToken), { nil: undefined }), (plain, at, name, joined, tail) => {
        const pos = plain.length === 0 ? 0 : at % (plain.length + 1);
        const flag = joined ? [`--profile=${name}`] : ['--profile', name];
        const argv = [...plain.slice(0, pos), ...flag, ...plain.slice(pos), ...(tail ? ['--', ...tail] : [])];
        const lifted = liftGlobalFlags(argv);
        assert.deepEqual(lifted, { profile: parseProfileName(name), dev: false, rest: [...plain, ...(tail ? ['--', ...tail] : [])] });
      }),
      { numRuns: 500 },
    );
  });

  it('round trip: --profile P + rest lifts back to P and rest; lifting rest again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(plainToken), fc.option(profileName, { nil: undefined }), (plain, name) => {
        const first = liftGlobalFlags(name === undefined ? plain : ['--profile', name, ...plain]);
        assert.deepEqual(liftGlobalFlags(first.rest), { profile: undefined, dev: false, rest: first.rest });
        if (first.profile !== undefined) assert.deepEqual(liftGlobalFlags(['--profile', first.profile, ...first.rest]), first);
      }),
      { numRuns: 300 },
    );
  });

  it('--dev anywhere before -- selects profile dev', () => {
    fc.assert(
      fc.property(fc.array(plainToken), fc.nat(), (plain, at) => {
        const pos = plain.length === 0 ? 0 : at % (plain.length + 1);
        assert.deepEqual(liftGlobalFlags([...plain.slice(0, pos), '--dev', ...plain.slice(pos)]), { profile: 'dev', dev: true, rest: plain });
      }),
    );
  });
});
