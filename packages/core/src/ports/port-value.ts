import { PortRangeError } from '../errors.js';

/** Ports below 1024 need root and 65535 is the last; every role must stay inside. */
export const MIN_PORT = 1024;
export const MAX_PORT = 65535;

/** Linux's default ephemeral range (net.ipv4.ip_local_port_range): outgoing sockets land here. */
export const EPHEMERAL_RANGE = { start: 32768, end: 60999 } as const;

/**
 * Parses a port given as text or number (a flag, an env var, a config value) and names where it came
 * from when it is wrong: `--port: "abc" is not a port (use an integer 1024–65535)`.
 */
export function parsePort(raw: unknown, where: string): number {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text === undefined || !/^\d+$/.test(text)) {
    throw new PortRangeError(
      `${where}: ${JSON.stringify(raw)} is not a port`,
      `use an integer ${MIN_PORT}–${MAX_PORT}`,
      { keyPath: where },
    );
  }
  const port = Number(text);
  assertPortInRange(port, where);
  return port;
}

export function assertPortInRange(port: number, where: string): void {
  if (!Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) {
    throw new PortRangeError(`${where}: port ${port} is outside ${MIN_PORT}–${MAX_PORT}`, 'choose another port', {
      keyPath: where,
    });
  }
}
