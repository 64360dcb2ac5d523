import { ErrorCodes } from '../protocol/types.js';

/** An error with a wire code (INVALID_PARAMS, NOT_FOUND…), answered as `error{code,message}`. */
export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;

/** Params as an object; absent params are an empty object. */
export function paramsObject(params: unknown, method: string): Obj {
  if (params === undefined || params === null) return {};
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw new RpcError(ErrorCodes.INVALID_PARAMS, `${method}: params must be an object`);
  }
  return params as Obj;
}

export function optionalString(p: Obj, key: string, method: string): string | undefined {
  const v = p[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new RpcError(ErrorCodes.INVALID_PARAMS, `${method}: ${key} must be a non-empty string`);
  return v;
}

export function requiredString(p: Obj, key: string, method: string): string {
  const v = optionalString(p, key, method);
  if (v === undefined) throw new RpcError(ErrorCodes.INVALID_PARAMS, `${method}: ${key} is required`);
  return v;
}

export function optionalInt(p: Obj, key: string, method: string, min: number, max: number): number | undefined {
  const v = p[key];
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
    throw new RpcError(ErrorCodes.INVALID_PARAMS, `${method}: ${key} must be an integer from ${min} to ${max}`);
  }
  return v as number;
}
