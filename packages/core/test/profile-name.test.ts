import assert from 'node:assert/strict';
import { ProfileError, UsageError } from '../src/errors.js';
import { parseProfileName, profileDirName, isDefaultProfile } from '../src/profile-name.js';
import { throwsLine } from './helpers/expect-error.js';

const CHARS = 'use letters, digits, _ and -, starting with a letter or digit';

describe('profile-name', () => {
  describe('parseProfileName accepts safe names', () => {
    const valid: Array<[string, string]> = [
      ['rescue', 'rescue'],
      ['main', 'main'],
      ['a', 'a'],
      ['0', '0'],
      ['bot_2-B', 'bot_2-B'],
      ['x'.repeat(64), 'x'.repeat(64)],
      ['default', 'default'],
      ['Default', 'default'],
      ['DEFAULT', 'default'],
      ['dEfAuLt', 'default'],
    ];
    for (const [raw, expected] of valid) {
      it(`${JSON.stringify(raw.length > 20 ? `${raw.slice(0, 8)}…(${raw.length})` : raw)} → ${expected.length > 20 ? '(same)' : expected}`, () => {
        assert.equal(parseProfileName(raw), expected);
      });
    }
  });

  describe('parseProfileName refuses with one exact line (exit 2)', () => {
    const bad: Array<[string, string]> = [
      ['../x', `--profile: invalid profile name "../x" (${CHARS})`],
      ['a/b', `--profile: invalid profile name "a/b" (${CHARS})`],
      ['', '--profile: profile name is empty (use 1–64 characters from A–Z a–z 0–9 _ -)'],
      ['a b', `--profile: invalid profile name "a b" (${CHARS})`],
      ['x'.repeat(70), '--profile: profile name is 70 characters long (at most 64) (choose a shorter name)'],
      ['x'.repeat(65), '--profile: profile name is 65 characters long (at most 64) (choose a shorter name)'],
      ['résumé', `--profile: invalid profile name "résumé" (${CHARS})`],
      ['日本', `--profile: invalid profile name "日本" (${CHARS})`],
      ['-x', `--profile: invalid profile name "-x" (${CHARS})`],
      ['_x', `--profile: invalid profile name "_x" (${CHARS})`],
      ['.hidden', `--profile: invalid profile name ".hidden" (${CHARS})`],
      ['..', `--profile: invalid profile name ".." (${CHARS})`],
      ['a\\b', `--profile: invalid profile name "a\\\\b" (${CHARS})`],
      ['tab\there', `--profile: invalid profile name "tab\\there" (${CHARS})`],
      ['new\nline', `--profile: invalid profile name "new\\nline" (${CHARS})`],
      [' rescue', `--profile: invalid profile name " rescue" (${CHARS})`],
    ];
    for (const [raw, line] of bad) {
      it(`${JSON.stringify(raw.length > 20 ? `${raw.slice(0, 8)}…(${raw.length})` : raw)}`, () => {
        const err = throwsLine(() => parseProfileName(raw), ProfileError, line);
        assert.ok(err instanceof UsageError);
        assert.equal(err.code, 'PROFILE_INVALID');
        assert.equal(err.exitCode, 2);
      });
    }
  });

  it('names where the bad name came from', () => {
    throwsLine(() => parseProfileName('a/b', 'OPENCLAW_PROFILE'), ProfileError, `OPENCLAW_PROFILE: invalid profile name "a/b" (${CHARS})`);
  });

  describe('profileDirName follows the seed', () => {
    const table: Array<[string, string]> = [
      ['default', '.openclaw'],
      ['rescue', '.openclaw-rescue'],
      ['dev', '.openclaw-dev'],
    ];
    for (const [profile, dir] of table) it(`${profile} → ${dir}`, () => assert.equal(profileDirName(profile), dir));
  });

  it('isDefaultProfile only for the normalised default', () => {
    assert.equal(isDefaultProfile('default'), true);
    assert.equal(isDefaultProfile('rescue'), false);
  });
});
