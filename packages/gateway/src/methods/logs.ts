import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { LOGS_DIR } from '@clawport/core';
import { readToken } from '@clawport/core/node';
import { scrubText } from '@clawport/core';
import type { GatewayContext } from './context.js';
import { optionalInt, optionalString, paramsObject } from './params.js';
import type { MethodRegistry } from './registry.js';
import { findTarget } from './targets.js';

/** Reads only the end of the file, so a large log costs no more than the lines asked for. */
export async function tailLines(path: string, lines: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    let pos = size;
    let text = '';
    const chunk = 64 * 1024;
    while (pos > 0 && text.split('\n').length <= lines + 1) {
      const len = Math.min(chunk, pos);
      pos -= len;
      const buf = Buffer.alloc(len);
      await handle.read(buf, 0, len, pos);
      text = buf.toString('utf8') + text;
    }
    return text.split('\n').filter((l) => l !== '').slice(-lines);
  } finally {
    await handle.close();
  }
}

export function registerLogMethods(methods: MethodRegistry, ctx: GatewayContext): void {
  methods.register('logs.tail', async (params) => {
    const p = paramsObject(params, 'logs.tail');
    const lines = optionalInt(p, 'lines', 'logs.tail', 1, 5000) ?? 100;
    const target = await findTarget(ctx, optionalString(p, 'instance', 'logs.tail'), 'logs.tail');
    const file = target.self ? ctx.log.path : join(target.stateDir, LOGS_DIR, 'gateway.log');
    // Another instance's log is scrubbed of its own tokens too (file, config and scoped), not only of ours.
    const auth = target.self ? undefined : target.discovered?.config.gateway?.auth;
    const theirs = target.self ? [] : [await readToken(target.stateDir).catch(() => undefined), auth?.token, ...(auth?.tokens ?? []).map((t) => t.token)];
    const secrets = [ctx.token, ...theirs].filter((t): t is string => Boolean(t));
    return { instance: target.name, file, lines: (await tailLines(file, lines)).map((l) => scrubText(l, secrets)) };
  }, 'core', 'operator.read', ['instance', 'lines']);
}
