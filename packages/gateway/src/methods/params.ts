import { WireError } from '@clawport/core';
import { ErrorCodes } from '../protocol/types.js';

/** An error with a wire code (INVALID_PARAMS, NOT_FOUND…), answered as `error{code,message}`: a refusal, part of core's error hierarchy. */
export class RpcError extends WireError {}

type Obj = Record<string, unknown>;

/** Params as an object; absent params are an empty object. */
export function paramsObject(params: unknown, method: string): Obj {
  if (params === undefined || params === null) return {};
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw new RpcError(ErrorCodes.INVALID_PARAMS, `${method}: params must be an object`);
  }
  return params as Obj;
}

/**
 * Params whose keys are all in `allowed` (absent params are fine). An unknown key is refused in one
 * line naming it and what the method takes; nothing is done.
 */
export function checkParamNames(params: unknown, method: string, allowed: readonly string[]): unknown {
  const p = paramsObject(params, method);
  const unknown = Object.keys(p).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    const takes = allowed.length === 0 ? 'it takes no params' : `it takes ${allowed.join(', ')}`;
    throw new RpcError(ErrorCodes.INVALID_PARAMS, `${method}: unknown param${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (${takes}); nothing was done`);
  }
  return params;
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
