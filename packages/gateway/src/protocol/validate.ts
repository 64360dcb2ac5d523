import { ErrorCodes, PROTOCOL_VERSION, type ConnectParams, type ErrorShape, type RequestFrame } from './types.js';

export type Parsed = { ok: true; frame: RequestFrame } | { ok: false; id: string | null; error: ErrorShape };

const MAX_ID_LENGTH = 256;
const MAX_METHOD_LENGTH = 128;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Turns one text frame into a request, or an error naming what is wrong. Anything a client may send
 * lands here, so nothing in it may throw. Extra fields on the frame are ignored.
 */
export function parseRequest(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: null, error: { code: ErrorCodes.INVALID_REQUEST, message: 'frame is not valid JSON' } };
  }
  if (!isObject(value)) {
    return { ok: false, id: null, error: { code: ErrorCodes.INVALID_REQUEST, message: 'frame must be a JSON object' } };
  }
  const id = typeof value.id === 'string' && value.id.length > 0 && value.id.length <= MAX_ID_LENGTH ? value.id : null;
  const fail = (message: string): Parsed => ({ ok: false, id, error: { code: ErrorCodes.INVALID_REQUEST, message } });
  if (value.type !== 'req') return fail(`frame type must be "req", got ${JSON.stringify(value.type ?? null).slice(0, 40)}`);
  if (id === null) return fail(`id must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  if (typeof value.method !== 'string' || value.method === '' || value.method.length > MAX_METHOD_LENGTH) {
    return fail('method must be a non-empty string');
  }
  return { ok: true, frame: { type: 'req', id, method: value.method, params: value.params } };
}

/** Checks the `connect` params we use; everything else a client sends (device, caps, locale…) is ignored. */
export function checkConnectParams(params: unknown): { ok: true; params: ConnectParams } | { ok: false; error: ErrorShape } {
  if (!isObject(params)) return { ok: false, error: { code: ErrorCodes.INVALID_PARAMS, message: 'connect params must be an object' } };
  const { minProtocol, maxProtocol } = params;
  if (!Number.isInteger(minProtocol) || !Number.isInteger(maxProtocol)) {
    return { ok: false, error: { code: ErrorCodes.INVALID_PARAMS, message: 'connect needs integer minProtocol and maxProtocol' } };
  }
  if ((minProtocol as number) > PROTOCOL_VERSION || (maxProtocol as number) < PROTOCOL_VERSION) {
    return {
      ok: false,
      error: {
        code: ErrorCodes.PROTOCOL_MISMATCH,
        message: `protocol range ${String(minProtocol)}–${String(maxProtocol)} does not include ${PROTOCOL_VERSION}`,
      },
    };
  }
  if (params.client !== undefined && !isObject(params.client)) {
    return { ok: false, error: { code: ErrorCodes.INVALID_PARAMS, message: 'connect client must be an object' } };
  }
  if (params.auth !== undefined && !isObject(params.auth)) {
    return { ok: false, error: { code: ErrorCodes.INVALID_PARAMS, message: 'connect auth must be an object' } };
  }
  if (params.scopes !== undefined && !Array.isArray(params.scopes)) {
    return { ok: false, error: { code: ErrorCodes.INVALID_PARAMS, message: 'connect scopes must be an array of scope names' } };
  }
  return { ok: true, params: params as ConnectParams };
}
