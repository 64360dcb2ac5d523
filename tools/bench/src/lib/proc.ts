import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';

/** Wall time of one process from spawn to exit, ms. Fails loudly on a non-zero exit. */
export function timeProcess(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, okCodes: readonly number[] = [0]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (okCodes.includes(code ?? -1)) resolve(ms);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.trim().split('\n')[0]}`));
    });
  });
}

/** Resident set size of a live process, MB (VmRSS from /proc). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for pid ${pid}`);
  return kb / 1024;
}

/** HTTP status of GET http://127.0.0.1:port/path, or undefined when nothing answers. */
export function httpStatus(port: number, path: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/**
 * Polls GET path every 2 ms until it answers 200; returns ms since t0. The child exiting first, or
 * no answer within timeoutMs, is an error with the child's output.
 */
export async function waitHttp200(child: ChildProcess, port: number, path: string, t0: number, output: () => string, timeoutMs = 15_000): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited ${child.exitCode} before ${path} answered 200:\n${output()}`);
    if ((await httpStatus(port, path)) === 200) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`${path} on ${port} not 200 within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A long-running child with its output collected. */
export function startProcess(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; t0: number } {
  const t0 = performance.now();
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out, t0 };
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
export function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
