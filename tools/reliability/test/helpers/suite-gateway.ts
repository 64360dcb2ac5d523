import assert from 'node:assert/strict';
import { makeHome, removeHome, type LiveProcess } from './cli.js';
import { setupProfile, startGatewayCli } from './instance.js';

/** What a describe's shared gateway gives its tests; read inside tests only (set in before()). */
export interface SuiteGateway {
  readonly home: string;
  readonly token: string;
  readonly gw: LiveProcess;
}

/**
 * Registers before/after hooks in the calling describe: a temp OPENCLAW_HOME, `setup --port base` of
 * one profile, then `clawport --profile P gateway` kept running for the whole describe. `configure`
 * runs between setup and start (for a config the gateway must read at start). After all tests the
 * gateway must stop with exit 0, so a gateway that crashed or hung during the suite fails it.
 */
export function suiteGateway(profile: string, base: number, configure?: (home: string) => Promise<void>): SuiteGateway {
  let state: { home: string; token?: string; gw?: LiveProcess } | undefined;
  before(async () => {
    state = { home: await makeHome() };
    state.token = await setupProfile(state.home, profile, base);
    await configure?.(state.home);
    state.gw = await startGatewayCli(state.home, profile, base);
  });
  after(async () => {
    const exit = await state?.gw?.stop();
    if (state) await removeHome(state.home);
    assert.equal(exit?.code, 0, `gateway ${profile} did not stop cleanly (exit 0) after the suite`);
  });
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`suiteGateway(${profile}): ${what} is not there (before() did not finish)`);
    return v;
  };
  return {
    get home() {
      return ready(state?.home, 'home');
    },
    get token() {
      return ready(state?.token, 'token');
    },
    get gw() {
      return ready(state?.gw, 'gateway');
    },
  };
}
