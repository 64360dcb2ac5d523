import en from 'zod/v4/locales/en.js';
import {
  array,
  boolean,
  config as zodConfig,
  describe,
  enum as oneOf,
  int,
  looseObject,
  maximum,
  minimum,
  minLength,
  number,
  optional,
  record,
  refine,
  regex,
  strictObject,
  string,
  union,
  url,
  type infer as Infer,
  type ZodMiniType,
} from 'zod/mini';
import { SCOPES } from '../authority/scopes.js';
import { PROFILE_NAME, PROFILE_NAME_RULE } from '../profile-name.js';

/*
 * The schema is written with zod/mini's functions, not zod's classic methods: a program that only reads
 * configs (status, ports check, the editor) then loads the few validators it uses instead of the whole
 * classic API (about 45 ms of every start, docs/explanation/performance.md). Both are the same zod core,
 * so the issues and their English messages are the same, and plugins keep writing their sections with
 * the classic `z` (./zod.ts): core composes those with this schema (json-schema.ts).
 * English, as classic zod sets it on first use, unless someone chose a locale already.
 */
if (!zodConfig().localeError) zodConfig(en());

/** A port any role may use. Range errors name the key path, so the user sees which one. */
const port = number().check(int(), minimum(1024, 'ports below 1024 need root'), maximum(65535, 'ports stop at 65535'));
/** A whole number within [min, max]. */
const wholeNumber = (min: number, max?: number) => number().check(int(), minimum(min), ...(max === undefined ? [] : [maximum(max)]));
const token = string().check(minLength(16, 'a token needs at least 16 characters'));
/** An optional key with a description (shown by editors through the JSON schema). */
const described = <T extends Parameters<typeof optional>[0]>(schema: T, text: string) => optional(schema).check(describe(text));

/*
 * Every object here is loose: upstream OpenClaw writes many keys Clawport does not use (gateway.mode,
 * gateway.tailscale, gateway.auth.password, channels, tools, hooks, wizard, meta, plugins.entries, …).
 * Clawport validates the keys it reads and passes the rest through untouched, so a config written by
 * upstream's `setup` loads everywhere and survives a `config set` (see docs/alongside-openclaw.md).
 */
const browserProfile = looseObject({
  /** Explicit CDP port: counts as a claim of this instance; must stay unique on the host. */
  cdpPort: optional(port),
  /** Remote Chrome: attached to, never launched; claims no local port. */
  cdpUrl: optional(url()),
  headless: optional(boolean()),
  color: optional(string()),
});

/** Chromium flags Clawport sets itself; `browser.extraArgs` may not set them. */
export const CHROMIUM_MANAGED_FLAGS = ['--remote-debugging-address', '--remote-debugging-port', '--remote-debugging-pipe', '--user-data-dir', '--headless'] as const;
export const isManagedChromiumFlag = (arg: string) => CHROMIUM_MANAGED_FLAGS.some((m) => arg === m || arg.startsWith(`${m}=`));

/** Bind modes upstream OpenClaw knows; the built-in gateway serves the first two. */
export const GATEWAY_BINDS = ['loopback', 'lan', 'tailnet', 'auto', 'custom'] as const;
export const BUILTIN_GATEWAY_BINDS: readonly string[] = ['loopback', 'lan'];
/** Auth modes upstream OpenClaw knows; the built-in gateway serves token and none. */
export const GATEWAY_AUTH_MODES = ['token', 'none', 'password', 'trusted-proxy'] as const;
export const BUILTIN_GATEWAY_AUTH_MODES: readonly string[] = ['token', 'none'];

export const configSchema = looseObject({
  $schema: optional(string()),
  gateway: optional(
    looseObject({
      /** Base port B; every derived port follows from it. */
      port: optional(port),
      /**
       * loopback (127.0.0.1) or lan (0.0.0.0); lan requires auth. tailnet, auto and custom are upstream
       * OpenClaw's: accepted so its configs load, refused by the built-in gateway at start.
       */
      bind: optional(oneOf(GATEWAY_BINDS)),
      auth: optional(
        looseObject({
          /** token or none; password and trusted-proxy are upstream's (the built-in gateway refuses them). */
          mode: optional(oneOf(GATEWAY_AUTH_MODES)),
          /** Prefer the generated token file under the state dir; a value here overrides it. */
          token: optional(token),
          /** More tokens, each limited to its scopes (the main token carries all three). */
          tokens: described(
            array(
              strictObject({
                name: optional(string()),
                token,
                scopes: array(oneOf(SCOPES)).check(minLength(1, 'give a token at least one scope')),
              }),
            ),
            'more tokens, each limited to its scopes (operator.read, operator.write, operator.admin); the main token carries all three',
          ),
        }),
      ),
      /** Handshake timeout for a silent WebSocket client, ms. */
      handshakeTimeoutMs: optional(wholeNumber(100, 60_000)),
      /** Largest accepted WebSocket frame, bytes. */
      maxPayload: optional(wholeNumber(1024, 64 * 1024 * 1024)),
    }),
  ),
  browser: optional(
    looseObject({
      enabled: optional(boolean()),
      /** Browser control service, loopback only. Default B+2. */
      controlPort: optional(port),
      /** Pinned remote CDP endpoint for the default browser profile. Never the same in two instances. */
      cdpUrl: optional(url()),
      executablePath: optional(string()),
      headless: optional(boolean()),
      noSandbox: described(
        boolean(),
        "Launch Chromium without its sandbox (upstream's key). Default false: the sandbox stays on unless it cannot work (the gateway runs as root), which is logged",
      ),
      extraArgs: described(
        array(string()).check(
          refine((args) => !args.some(isManagedChromiumFlag), {
            message: `may not set ${CHROMIUM_MANAGED_FLAGS.join(', ')} (Clawport manages them: CDP stays on 127.0.0.1, one profile dir per instance)`,
          }),
        ),
        'Extra Chromium flags appended to every launch: lock-downs such as a resolver rule or a proxy (the test suites block the web with --host-resolver-rules)',
      ),
      defaultProfile: optional(string()),
      profiles: optional(record(string().check(regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'browser profile names use A–Z a–z 0–9 _ -')), browserProfile)),
    }),
  ),
  canvasHost: optional(
    looseObject({
      enabled: optional(boolean()),
      /** Canvas host port. Default B+4. */
      port: optional(port),
      /** Directory served; default <state>/canvas. */
      root: optional(string()),
      liveReload: optional(boolean()),
    }),
  ),
  agents: optional(
    looseObject({
      defaults: optional(looseObject({ workspace: optional(string().check(minLength(1))) })),
    }),
  ),
  plugins: optional(
    looseObject({
      /**
       * Packages or paths of Clawport plugins to load, besides the built-ins. Upstream OpenClaw writes
       * an object here (`{ paths: [...] }`, its own plugin format): kept, never loaded by Clawport.
       */
      load: optional(union([array(string().check(minLength(1))), looseObject({})], { error: 'expected a list of plugin packages or paths, like ["./my-plugin.js"]' })),
    }),
  ),
  /**
   * The trust relation: instances this one may act on (status, logs, restart, rollback, patches of
   * ordinary keys). Set locally (`clawport rescue`, `config set`), never over RPC.
   */
  watch: optional(
    strictObject({
      targets: described(
        array(string().check(regex(PROFILE_NAME, `watch targets are profile names: ${PROFILE_NAME_RULE}`))),
        'instances (profile names) this one may act on: status, logs, restart, rollback, patches of ordinary keys; set locally, never over RPC',
      ),
      intervalMs: described(wholeNumber(100, 3_600_000), 'time between two probes of each watch target, ms (default 5000)'),
      failureThreshold: described(wholeNumber(1, 100), 'consecutive failed probes that open an incident (default 3)'),
      startGraceMs: described(
        wholeNumber(0, 600_000),
        'a target whose gateway started this recently and is not ready yet counts as starting, not failed, ms (default 30000)',
      ),
      probeTimeoutMs: described(wholeNumber(100, 60_000), 'a probe with no answer within this fails (a hung gateway), ms (default 2000)'),
      restart: optional(
        strictObject({
          attempts: described(wholeNumber(1, 20), 'restarts tried per incident before rolling the config back or giving up (default 3)'),
          backoffMs: described(wholeNumber(0, 600_000), 'pause before the second restart of an incident, doubling after each, ms (default 2000)'),
          waitMs: described(wholeNumber(100, 600_000), 'how long a restarted target has to become ready, ms (default 30000)'),
        }),
      ),
      onIncident: optional(
        strictObject({
          command: array(string().check(minLength(1))).check(
            minLength(1, 'onIncident.command is [program, ...args]'),
            describe('program and arguments run with the incident as JSON on stdin when an incident opens, acts or resolves'),
          ),
          timeoutMs: described(wholeNumber(100, 600_000), 'the onIncident command is killed after this, ms (default 10000)'),
        }),
      ),
    }),
  ),
  logging: optional(
    looseObject({
      level: optional(oneOf(['debug', 'info', 'warn', 'error'])),
      maxFileBytes: optional(wholeNumber(1024)),
      maxFiles: optional(wholeNumber(1, 100)),
    }),
  ),
});

/** openclaw.json after validation. Unknown keys (plugin sections, upstream OpenClaw's keys) are kept. */
export type OpenClawConfig = Infer<typeof configSchema>;

/**
 * A schema for the whole config: core's, or core's with plugin sections (mergedConfigSchema). A zod/mini
 * type, so `.parse`/`.safeParse` work on it, whoever calls.
 */
export type ConfigSchema = ZodMiniType<OpenClawConfig>;

/** The Clawport plugins a config names: only the list form of `plugins.load` (the object form is upstream's). */
export function clawportPluginSpecs(config: OpenClawConfig): string[] {
  const load = config.plugins?.load;
  return Array.isArray(load) ? load : [];
}
export type BrowserProfileConfig = Infer<typeof browserProfile>;
