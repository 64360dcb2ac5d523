import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ProfileError } from '../src/errors.js';
import { parseProfileName } from '../src/profile-name.js';

describe('profile-name (property)', () => {
  it('any string: a safe name or ProfileError, never anything else', () => {
    const anyString = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', '/', '\\', ' ', '\0', 'é') }), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$/));
    fc.assert(
      fc.property(anyString, (raw) => {
        let name: string;
        try {
          name = parseProfileName(raw);
        } catch (e) {
          assert.ok(e instanceof ProfileError, `not a ProfileError: ${String(e)}`);
          assert.equal(e.exitCode, 2);
          assert.ok(!e.toLine().includes('\n'), 'one line');
          return;
        }
        // Accepted names are safe in paths and service names.
        assert.match(name, /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
        assert.equal(name, raw.toLowerCase() === 'default' ? 'default' : raw);
      }),
      { numRuns: 2000 },
    );
  });
});
