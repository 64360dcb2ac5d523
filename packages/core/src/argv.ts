import { UsageError } from './errors.js';
import { parseProfileName } from './profile-name.js';

/** What the root flags said, lifted out of argv so oclif never has to see them. */
export interface GlobalFlags {
  /** Validated profile from `--profile P` or `--dev`; undefined when neither was given. */
  profile?: string;
  /** True when `--dev` was given (profile `dev`, default base port 19001). */
  dev: boolean;
  /** argv without the global flags, in the original order; everything after `--` untouched. */
  rest: string[];
}

/**
 * Lifts `--profile P`, `--profile=P` and `--dev` out of argv, wherever they stand before a literal `--`:
 * `--profile rescue gateway --port 19001` and `gateway --port 19001 --profile rescue` are the same.
 * oclif resolves the command id from the first token, so a root flag before the topic must be removed
 * before oclif runs (an oclif init hook runs too late).
 */
export function liftGlobalFlags(argv: readonly string[]): GlobalFlags {
  const rest: string[] = [];
  let profile: string | undefined;
  let dev = false;
  const setProfile = (value: string) => {
    const parsed = parseProfileName(value, '--profile');
    if (profile !== undefined && profile !== parsed) {
      throw new UsageError(
        `--profile given twice with different values (${profile}, ${parsed})`,
        'pass --profile once',
      );
    }
    profile = parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (token === '--dev') {
      dev = true;
    } else if (token === '--profile') {
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith('-') && value !== '-')) {
        throw new UsageError('--profile expects a value', 'for example: clawport --profile rescue status');
      }
      setProfile(value);
      i++;
    } else if (token.startsWith('--profile=')) {
      setProfile(token.slice('--profile='.length));
    } else {
      rest.push(token);
    }
  }
  if (dev && profile !== undefined) {
    throw new UsageError('--dev and --profile cannot be used together', '--dev means --profile dev');
  }
  return { profile: dev ? 'dev' : profile, dev, rest };
}
