import { z } from 'zod';
import { SCOPES } from '../authority/scopes.js';

/** A port any role may use. Range errors name the key path, so the user sees which one. */
const port = z.number().int().min(1024, 'ports below 1024 need root').max(65535, 'ports stop at 65535');

/*
 * Every object here is loose: upstream OpenClaw writes many keys Clawport does not use (gateway.mode,
 * gateway.tailscale, gateway.auth.password, channels, tools, hooks, wizard, meta, plugins.entries, …).
 * Clawport validates the keys it reads and passes the rest through untouched, so a config written by
 * upstream's `setup` loads everywhere and survives a `config set` (see docs/alongside-openclaw.md).
 */
const browserProfile = z.looseObject({
  /** Explicit CDP port: counts as a claim of this instance; must stay unique on the host. */
  cdpPort: port.optional(),
  /** Remote Chrome: attached to, never launched; claims no local port. */
  cdpUrl: z.url().optional(),
  headless: z.boolean().optional(),
  color: z.string().optional(),
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

export const configSchema = z.looseObject({
  $schema: z.string().optional(),
  gateway: z
    .looseObject({
      /** Base port B; every derived port follows from it. */
      port: port.optional(),
      /**
       * loopback (127.0.0.1) or lan (0.0.0.0); lan requires auth. tailnet, auto and custom are upstream
       * OpenClaw's: accepted so its configs load, refused by the built-in gateway at start.
       */
      bind: z.enum(GATEWAY_BINDS).optional(),
      auth: z
        .looseObject({
          /** token or none; password and trusted-proxy are upstream's (the built-in gateway refuses them). */
          mode: z.enum(GATEWAY_AUTH_MODES).optional(),
          /** Prefer the generated token file under the state dir; a value here overrides it. */
          token: z.string().min(16, 'a token needs at least 16 characters').optional(),
          /** More tokens, each limited to its scopes (the main token carries all three). */
          tokens: z
            .array(
              z.strictObject({
                name: z.string().optional(),
                token: z.string().min(16, 'a token needs at least 16 characters'),
                scopes: z.array(z.enum(SCOPES)).min(1, 'give a token at least one scope'),
              }),
            )
            .optional()
            .describe('more tokens, each limited to its scopes (operator.read, operator.write, operator.admin); the main token carries all three'),
        })
        .optional(),
      /** Handshake timeout for a silent WebSocket client, ms. */
      handshakeTimeoutMs: z.number().int().min(100).max(60_000).optional(),
      /** Largest accepted WebSocket frame, bytes. */
      maxPayload: z.number().int().min(1024).max(64 * 1024 * 1024).optional(),
    })
    .optional(),
  browser: z
    .looseObject({
      enabled: z.boolean().optional(),
      /** Browser control service, loopback only. Default B+2. */
      controlPort: port.optional(),
      /** Pinned remote CDP endpoint for the default browser profile. Never the same in two instances. */
      cdpUrl: z.url().optional(),
      executablePath: z.string().optional(),
      headless: z.boolean().optional(),
      noSandbox: z
        .boolean()
        .optional()
        .describe("Launch Chromium without its sandbox (upstream's key). Default false: the sandbox stays on unless it cannot work (the gateway runs as root), which is logged"),
      extraArgs: z
        .array(z.string())
        .refine((args) => !args.some(isManagedChromiumFlag), {
          message: `may not set ${CHROMIUM_MANAGED_FLAGS.join(', ')} (Clawport manages them: CDP stays on 127.0.0.1, one profile dir per instance)`,
        })
        .optional()
        .describe('Extra Chromium flags appended to every launch: lock-downs such as a resolver rule or a proxy (the test suites block the web with --host-resolver-rules)'),
      defaultProfile: z.string().optional(),
      profiles: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'browser profile names use A–Z a–z 0–9 _ -'), browserProfile).optional(),
    })
    .optional(),
  canvasHost: z
    .looseObject({
      enabled: z.boolean().optional(),
      /** Canvas host port. Default B+4. */
      port: port.optional(),
      /** Directory served; default <state>/canvas. */
      root: z.string().optional(),
      liveReload: z.boolean().optional(),
    })
    .optional(),
  agents: z
    .looseObject({
      defaults: z.looseObject({ workspace: z.string().min(1).optional() }).optional(),
    })
    .optional(),
  plugins: z
    .looseObject({
      /**
       * Packages or paths of Clawport plugins to load, besides the built-ins. Upstream OpenClaw writes
       * an object here (`{ paths: [...] }`, its own plugin format): kept, never loaded by Clawport.
       */
      load: z
        .union([z.array(z.string().min(1)), z.looseObject({})], { error: 'expected a list of plugin packages or paths, like ["./my-plugin.js"]' })
        .optional(),
    })
    .optional(),
  /**
   * The trust relation: instances this one may act on (status, logs, restart, rollback, patches of
   * ordinary keys). Set locally (`clawport rescue`, `config set`), never over RPC.
   */
  watch: z
    .strictObject({
      targets: z
        .array(z.string().min(1))
        .optional()
        .describe('instances (profile names) this one may act on: status, logs, restart, rollback, patches of ordinary keys; set locally, never over RPC'),
      intervalMs: z.number().int().min(100).max(3_600_000).optional().describe('time between two probes of each watch target, ms (default 5000)'),
      failureThreshold: z.number().int().min(1).max(100).optional().describe('consecutive failed probes that open an incident (default 3)'),
      startGraceMs: z
        .number()
        .int()
        .min(0)
        .max(600_000)
        .optional()
        .describe('a target whose gateway started this recently and is not ready yet counts as starting, not failed, ms (default 30000)'),
      probeTimeoutMs: z.number().int().min(100).max(60_000).optional().describe('a probe with no answer within this fails (a hung gateway), ms (default 2000)'),
      restart: z
        .strictObject({
          attempts: z.number().int().min(1).max(20).optional().describe('restarts tried per incident before rolling the config back or giving up (default 3)'),
          backoffMs: z.number().int().min(0).max(600_000).optional().describe('pause before the second restart of an incident, doubling after each, ms (default 2000)'),
          waitMs: z.number().int().min(100).max(600_000).optional().describe('how long a restarted target has to become ready, ms (default 30000)'),
        })
        .optional(),
      onIncident: z
        .strictObject({
          command: z.array(z.string().min(1)).min(1, 'onIncident.command is [program, ...args]').describe('program and arguments run with the incident as JSON on stdin when an incident opens, acts or resolves'),
          timeoutMs: z.number().int().min(100).max(600_000).optional().describe('the onIncident command is killed after this, ms (default 10000)'),
        })
        .optional(),
    })
    .optional(),
  logging: z
    .looseObject({
      level: z.enum(['debug', 'info', 'warn', 'error']).optional(),
      maxFileBytes: z.number().int().min(1024).optional(),
      maxFiles: z.number().int().min(1).max(100).optional(),
    })
    .optional(),
});

/** openclaw.json after validation. Unknown keys (plugin sections, upstream OpenClaw's keys) are kept. */
export type OpenClawConfig = z.infer<typeof configSchema>;

/** The Clawport plugins a config names: only the list form of `plugins.load` (the object form is upstream's). */
export function clawportPluginSpecs(config: OpenClawConfig): string[] {
  const load = config.plugins?.load;
  return Array.isArray(load) ? load : [];
}
export type BrowserProfileConfig = z.infer<typeof browserProfile>;
export { z };
