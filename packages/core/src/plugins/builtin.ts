import type { ClaimSpec, ClawportPlugin } from './contract.js';
import { PLUGIN_API_VERSION } from './contract.js';
import { browserDoctor } from './browser-doctor.js';

/** Offsets from the seed: browser control = B+2, canvas = B+4, CDP band = control+9 .. control+108. */
export const BROWSER_CONTROL_OFFSET = 2;
export const CANVAS_OFFSET = 4;
export const CDP_BAND_OFFSET = 9;
export const CDP_BAND_SIZE = 100;

/** The gateway's own claim: the base port (WebSocket control plane + HTTP health). */
export const GATEWAY_CLAIM: ClaimSpec = { id: 'gateway', role: 'gateway', from: 'base', offset: 0, bind: 'gateway' };

/**
 * Claims of the canvas host (B+4 or `canvasHost.port`). Declared in core so that every reader of
 * footprints (CLI, doctor, editor) agrees without loading the gateway; the gateway adds `start`.
 */
export const canvasManifest: ClawportPlugin = {
  apiVersion: PLUGIN_API_VERSION,
  id: 'canvas',
  description: 'Canvas host: serves canvasHost.root with live reload',
  enabled: (config) => config.canvasHost?.enabled !== false,
  claims: ({ config }) => [
    config.canvasHost?.port !== undefined
      ? { id: 'canvas', role: 'canvas', port: config.canvasHost.port, bind: 'gateway', key: 'canvasHost.port' }
      : { id: 'canvas', role: 'canvas', from: 'base', offset: CANVAS_OFFSET, bind: 'gateway' },
  ],
};

/**
 * Claims of the browser plugin: control service (B+2 or `browser.controlPort`, loopback only), the CDP
 * band (control+9 .. +108) and every explicit `browser.profiles.<name>.cdpPort`. A `cdpUrl` profile
 * points at a remote Chrome and claims nothing.
 */
export const browserManifest: ClawportPlugin = {
  apiVersion: PLUGIN_API_VERSION,
  id: 'browser',
  description: 'Browser control service and CDP profiles (puppeteer-core, system Chromium)',
  enabled: (config) => config.browser?.enabled !== false,
  doctor: (instances) => browserDoctor(instances),
  claims: ({ config }) => {
    const control = config.browser?.controlPort;
    const claims: ClaimSpec[] = [
      control !== undefined
        ? { id: 'browser.control', role: 'browser control', port: control, bind: 'loopback', key: 'browser.controlPort' }
        : { id: 'browser.control', role: 'browser control', from: 'base', offset: BROWSER_CONTROL_OFFSET, bind: 'loopback' },
      {
        id: 'browser.cdp',
        role: 'CDP band',
        from: 'browser.control',
        offset: CDP_BAND_OFFSET,
        length: CDP_BAND_SIZE,
        bind: 'loopback',
        // The band sits at control+9, so an explicit controlPort is what moves it.
        ...(control !== undefined ? { key: 'browser.controlPort' } : {}),
      },
    ];
    for (const [name, profile] of Object.entries(config.browser?.profiles ?? {})) {
      if (profile.cdpPort !== undefined && profile.cdpUrl === undefined) {
        claims.push({
          id: `browser.profile.${name}`,
          role: `CDP port (${name})`,
          port: profile.cdpPort,
          bind: 'loopback',
          within: 'browser.cdp',
          key: `browser.profiles.${name}.cdpPort`,
        });
      }
    }
    return claims;
  },
};

/** Built-in manifests in start order (services stop in reverse). */
export const builtinManifests: readonly ClawportPlugin[] = [browserManifest, canvasManifest];
