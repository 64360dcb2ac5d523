import { ConfigError } from '../errors.js';

/** What runs for a profile: Clawport's built-in gateway, or upstream OpenClaw's gateway. */
export type EngineId = 'clawport' | 'openclaw';
export const ENGINE_IDS: readonly EngineId[] = ['clawport', 'openclaw'];
export const DEFAULT_ENGINE: EngineId = 'clawport';

/**
 * How long a launcher waits for an engine's gateway to be ready before it gives up. Upstream needs
 * ~8–11 s alone and minutes on a loaded 2-core machine (several gateways starting, its own start
 * retries), so its limit only guards against a hang; the built-in gateway is ready in about a second.
 */
export function engineReadyLimitMs(engine: EngineId): number {
  return engine === 'openclaw' ? 300_000 : 30_000;
}

/**
 * `<state>/clawport.json`: Clawport's own per-profile settings. The engine is chosen here and not in
 * openclaw.json because upstream validates its config strictly: `gateway.engine` there makes upstream
 * refuse the whole file (`gateway: Unrecognized key: "engine"`, exit 78), so the profile could not
 * run upstream's gateway at all.
 */
export const ENGINE_FILE = 'clawport.json';

export interface EngineSettings {
  engine: EngineId;
  /** The upstream `openclaw` command (absolute path); else CLAWPORT_OPENCLAW_COMMAND, else PATH. */
  openclawCommand?: string;
  /**
   * The Node that passed upstream's version check when the engine was chosen (absolute path). Used when
   * the `node` on PATH does not satisfy it: an editor or a desktop session often has another PATH
   * than the shell where nvm put Node 24 (the sidebar would otherwise fail to launch upstream).
   */
  openclawNode?: string;
}

/** Parses clawport.json; bad content is one ConfigError naming the file and the key. */
export function parseEngineSettings(text: string, file: string): EngineSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file} is not valid JSON: ${(e as Error).message}`, `fix or delete ${file}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${file} must hold a JSON object`, `fix or delete ${file}`);
  const { engine = DEFAULT_ENGINE, openclawCommand, openclawNode } = raw as Record<string, unknown>;
  if (!ENGINE_IDS.includes(engine as EngineId)) {
    throw new ConfigError(`${file}: engine must be ${ENGINE_IDS.join(' or ')}, not ${JSON.stringify(engine)}`, 'set it with: clawport gateway engine openclaw|clawport');
  }
  if (openclawCommand !== undefined && (typeof openclawCommand !== 'string' || !openclawCommand.startsWith('/'))) {
    throw new ConfigError(`${file}: openclawCommand must be an absolute path`, 'set it with: clawport gateway engine openclaw --command /path/to/openclaw');
  }
  if (openclawNode !== undefined && (typeof openclawNode !== 'string' || !openclawNode.startsWith('/'))) {
    throw new ConfigError(`${file}: openclawNode must be an absolute path`, 'set it again with: clawport gateway engine openclaw (with Node >=24.16 first on PATH)');
  }
  return { engine: engine as EngineId, ...(openclawCommand ? { openclawCommand } : {}), ...(openclawNode ? { openclawNode } : {}) };
}
