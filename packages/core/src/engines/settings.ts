import { ConfigError } from '../errors.js';

/** What runs for a profile: Clawport's built-in gateway, or upstream OpenClaw's gateway. */
export type EngineId = 'clawport' | 'openclaw';
export const ENGINE_IDS: readonly EngineId[] = ['clawport', 'openclaw'];
export const DEFAULT_ENGINE: EngineId = 'clawport';

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
  const { engine = DEFAULT_ENGINE, openclawCommand } = raw as Record<string, unknown>;
  if (!ENGINE_IDS.includes(engine as EngineId)) {
    throw new ConfigError(`${file}: engine must be ${ENGINE_IDS.join(' or ')}, not ${JSON.stringify(engine)}`, 'set it with: clawport gateway engine openclaw|clawport');
  }
  if (openclawCommand !== undefined && (typeof openclawCommand !== 'string' || !openclawCommand.startsWith('/'))) {
    throw new ConfigError(`${file}: openclawCommand must be an absolute path`, 'set it with: clawport gateway engine openclaw --command /path/to/openclaw');
  }
  return { engine: engine as EngineId, ...(openclawCommand ? { openclawCommand } : {}) };
}
