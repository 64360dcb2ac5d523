// The flags more than one command takes, defined once. Each parses to its final type and a bad value
// is a usage error (exit 2, one line) raised by the flag itself, before the command runs. The fast
// gateway entry (gateway-entry.ts) parses `gateway`'s flags with these definitions and oclif's own
// parser, so there is no second parser to keep in step.
import { boolean, custom, option, string } from '@oclif/core/flags';
import { BACKENDS, MAX_PORT, MIN_PORT, UsageError, parseBackend, type BackendId } from '@clawport/core';

/**
 * `--port N`, a base port: an integer, else a usage error (`--port: "abc" is not a port`). Its range is
 * checked with the instance (core parsePort: the same rule and line as OPENCLAW_GATEWAY_PORT).
 */
export const basePort = (description: string) =>
  custom<number>({
    description,
    helpValue: '<port>',
    parse: (input) => {
      if (!/^\d+$/.test(input.trim())) throw new UsageError(`--port: ${JSON.stringify(input)} is not a port`, `use an integer ${MIN_PORT}–${MAX_PORT}`);
      return Promise.resolve(Number(input.trim()));
    },
  })();

/** `--backend B`: one of core's service backends, else a usage error naming them. */
export const backend = (description: string) =>
  custom<BackendId>({ description: `${description} (${BACKENDS.join('|')})`, helpValue: '<backend>', parse: (input) => Promise.resolve(parseBackend(input)) })();

/** Global flags of every command (main() lifts them out of argv wherever they stand). */
export const globalFlags = {
  profile: string({ description: 'Profile to act on (accepted anywhere before --)', helpGroup: 'GLOBAL' }),
  dev: boolean({ description: 'Same as --profile dev (default base port 19001)', helpGroup: 'GLOBAL' }),
};

/** `clawport gateway`'s flags: the oclif command and the fast entry both parse with exactly these. */
export const gatewayRunFlags = {
  port: basePort('Base port (beats OPENCLAW_GATEWAY_PORT and gateway.port)'),
  bind: option({ description: 'loopback (127.0.0.1) or lan (0.0.0.0, needs auth)', options: ['loopback', 'lan'] as const })(),
  token: string({ description: 'Auth token for WebSocket clients (default: gateway.auth.token, else the token file)' }),
};
