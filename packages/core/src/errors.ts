/**
 * Typed errors. Callers branch on `instanceof` or `code`, never on message text.
 * `message` is one line a user can act on; `suggestion` says what to do next; `exitCode` is what the
 * CLI exits with (2 usage, 1 failure, 78 config — sysexits EX_CONFIG, which service managers treat as
 * "do not restart").
 */
/**
 * The class names of an error, on the error itself under a global symbol. A plugin built on
 * @clawport/plugin-sdk throws the SDK's copy of these classes (the SDK bundles its own core), so plain
 * `instanceof` would fail in the host (a PortConflictError not seen as a conflict): every copy checks
 * this brand instead of its own prototype chain alone.
 */
const CLASS_BRAND = Symbol.for('clawport.error.classes');

function classNames(c: unknown): string[] {
  const out: string[] = [];
  for (let k = c as { name?: string } | null; k && k !== Error && k !== Function.prototype; k = Object.getPrototypeOf(k) as { name?: string } | null) {
    if (typeof k.name === 'string') out.push(k.name);
  }
  return out;
}

export class ClawportError extends Error {
  readonly code: string = 'CLAWPORT_ERROR';
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = new.target.name;
    Object.defineProperty(this, CLASS_BRAND, { value: classNames(new.target) });
  }

  /** `e instanceof PortConflictError` holds for any copy's PortConflictError (see CLASS_BRAND). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const names = value !== null && typeof value === 'object' ? (value as { [CLASS_BRAND]?: unknown })[CLASS_BRAND] : undefined;
    return Array.isArray(names) && names.includes(this.name);
  }
  /** The single line shown to a user: message, then the suggestion if any. */
  toLine(): string {
    return this.suggestion ? `${this.message} (${this.suggestion})` : this.message;
  }
}

/** Bad command-line usage: unknown combination of flags, missing values. */
export class UsageError extends ClawportError {
  override readonly code: string = 'USAGE';
  override readonly exitCode: number = 2;
}

/** A profile name that cannot be used (path characters, empty, too long, not ASCII). */
export class ProfileError extends UsageError {
  override readonly code: string = 'PROFILE_INVALID';
}

/** A config file that cannot be parsed or does not validate; carries where it is wrong. */
export class ConfigError extends ClawportError {
  override readonly code: string = 'CONFIG_INVALID';
  override readonly exitCode: number = 78;
  constructor(
    message: string,
    suggestion?: string,
    readonly location: { file?: string; line?: number; column?: number; keyPath?: string } = {},
  ) {
    super(message, suggestion);
  }
}

/** A port value outside what a role may use (1024–65535) or a band that would pass 65535. */
export class PortRangeError extends ConfigError {
  override readonly code: string = 'PORT_RANGE';
}

/** Two claims want the same port(s), or a live listener already holds one. */
export class PortConflictError extends ClawportError {
  override readonly code: string = 'PORT_CONFLICT';
  constructor(
    message: string,
    suggestion: string | undefined,
    readonly port: number,
    readonly role: string,
    readonly owner: string,
  ) {
    super(message, suggestion);
  }
}

/** Another live gateway holds the state dir's lock. */
export class StateDirLockedError extends ClawportError {
  override readonly code: string = 'STATE_DIR_LOCKED';
  constructor(
    readonly stateDir: string,
    readonly pid: number,
    readonly profile: string,
    readonly port: number | undefined,
  ) {
    super(
      `state dir ${stateDir} is in use by gateway pid ${pid} (profile ${profile}, port ${port ?? 'unknown'})`,
      `stop it first: clawport${profile === 'default' ? '' : ` --profile ${profile}`} gateway stop, or kill ${pid}`,
    );
  }
}

/** No free base port whose whole footprint fits. */
export class AllocationError extends ClawportError {
  override readonly code: string = 'NO_FREE_FOOTPRINT';
}

/** A service manager (systemd, launchd, schtasks, the built-in supervisor) refused or failed. */
export class ServiceError extends ClawportError {
  override readonly code: string = 'SERVICE';
}

/** A plugin that cannot be loaded or used: wrong apiVersion, bad claims, throws. Names the plugin. */
export class PluginError extends ClawportError {
  override readonly code: string = 'PLUGIN';
  constructor(
    readonly pluginId: string,
    message: string,
    suggestion?: string,
  ) {
    super(`plugin ${pluginId}: ${message}`, suggestion);
  }
}

/** A gateway that cannot be reached or answered with an error. */
export class GatewayError extends ClawportError {
  override readonly code: string = 'GATEWAY';
}

/** A symbolic link where clawport keeps state (state dir, credentials, token, logs): never followed. */
export class StateSymlinkError extends ClawportError {
  override readonly code: string = 'STATE_SYMLINK';
  constructor(
    readonly path: string,
    /** What is refused and what to do, when not a state entry's (a config file's: StateSymlinkError.config). */
    what: { message?: string; suggestion?: string } = {},
  ) {
    super(
      what.message ?? `${path} is a symbolic link; clawport does not follow links inside state dirs`,
      what.suggestion ?? 'replace it with the real file or directory; for a state dir elsewhere, set OPENCLAW_STATE_DIR to its real path',
    );
  }

  /**
   * A config path that is a link: neither read nor written through (a write would replace the link
   * with a file, silently cutting a dotfiles link). A config kept elsewhere is named on purpose.
   */
  static config(path: string, target: string): StateSymlinkError {
    return new StateSymlinkError(path, {
      message: `${path} is a symbolic link (to ${target}); clawport neither reads nor writes a config through a link`,
      suggestion: `replace the link with the file; to keep the file where it is, remove the link and set OPENCLAW_CONFIG_PATH=${target} (with OPENCLAW_STATE_DIR=the state dir in place of --profile)`,
    });
  }
}

/**
 * Exit codes of the wire codes an answer may carry (the gateway's RPC errors, the browser service's):
 * the same meaning as the local classes with those codes (USAGE 2, CONFIG_INVALID 78, …); anything
 * else is a failure (1). THE rule for an error that crossed a socket: no client derives its own.
 */
const WIRE_EXIT_CODES: Readonly<Record<string, number>> = {
  USAGE: 2,
  PROFILE_INVALID: 2,
  METHOD_NOT_ALLOWED: 2,
  BODY_TOO_LARGE: 2,
  CONFIG_INVALID: 78,
  PORT_RANGE: 78,
};

export function exitCodeOfWireCode(code: string): number {
  return WIRE_EXIT_CODES[code] ?? 1;
}

/** An error answered over a socket (gateway RPC, browser service): its wire code is its code; its exit code follows exitCodeOfWireCode. */
export class WireError extends ClawportError {
  override readonly code: string;
  override readonly exitCode: number;
  constructor(code: string, message: string, suggestion?: string) {
    super(message, suggestion);
    this.code = code;
    this.exitCode = exitCodeOfWireCode(code);
  }
}
