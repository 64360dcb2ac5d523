import { ClawportError } from '@clawport/core';
import { StartInterrupted, type GatewayOptions } from './options.js';
import { startGateway } from './start.js';

/**
 * `clawport gateway`: runs until SIGINT/SIGTERM, then closes listeners, removes the runtime file and
 * the lock and resolves 0 (1 after a crash, once cleaned up). A start that fails prints one line to stderr and resolves the error's exit
 * code (1 conflict or lock, 78 config) — the caller sets process.exitCode.
 */
export async function runGatewayForeground(o: GatewayOptions): Promise<number> {
  // A gateway may outlive its terminal or its `clawport up` parent: writing to a closed stdout/stderr
  // then fails with EPIPE. Unhandled, that error reaches the crash handler, which writes to stderr
  // again, and the process spins at 100% CPU. So std stream errors are absorbed here, and once a std
  // stream is broken nothing writes to it again; the gateway keeps serving and stops cleanly.
  const std = guardStdStreams();
  // A signal during start-up must not kill the process with the state-dir lock held: note it, let
  // startGateway finish (or undo itself), then stop cleanly. A second signal still exits at once.
  let early: NodeJS.Signals | undefined;
  const abort = new AbortController();
  const onEarlySignal = (sig: NodeJS.Signals) => {
    if (early) process.exit(130);
    early = sig;
    // Said at once (not after start-up finished): the start is undone at its next phase, never ready.
    std.out(`${sig} during start-up: gateway ${o.instance.name} stops before it is ready\n`);
    abort.abort();
  };
  process.on('SIGINT', onEarlySignal);
  process.on('SIGTERM', onEarlySignal);
  let gateway;
  try {
    gateway = await startGateway({ ...o, abort: abort.signal });
  } catch (e) {
    if (e instanceof StartInterrupted) {
      std.out(`${e.message}; nothing left running\n`);
      return 0;
    }
    if (e instanceof ClawportError) {
      std.err(`error: ${e.toLine()}\n`);
      return e.exitCode;
    }
    // Not a user mistake, but still one line (an unwritable state dir is EPERM/ENOSPC); stack on demand.
    std.err(`error: gateway failed to start: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.OPENCLAW_DEBUG && (e as Error)?.stack) std.err(`${(e as Error).stack}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onEarlySignal);
    process.off('SIGTERM', onEarlySignal);
  }
  if (early) {
    // The signal came after the last phase check: ready for an instant, stopped at once.
    await gateway.stop();
    return 0;
  }
  const rt = gateway.runtime;
  const ports = rt.ports.map((p) => `${p.role} ${p.start === p.end ? p.start : `${p.start}-${p.end}`}`).join(', ');
  std.out(`gateway ${rt.name} (pid ${rt.pid}) listening on ws://${rt.host}:${rt.base}/ — ${ports}\n`);
  for (const e of rt.pluginErrors ?? []) std.err(`warning: plugin ${e.id} not running: ${e.message}\n`);
  if (rt.pluginErrors?.length) std.err(`warning: gateway ${rt.name} is degraded: it runs without ${rt.pluginErrors.map((e) => e.id).join(', ')} (fix the plugin or remove it from plugins.load, then restart)\n`);

  let signals = 0;
  let exitCode = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      std.err(`${sig} again: exiting without cleanup\n`);
      process.exit(130);
    }
    std.out(`${sig}: stopping gateway ${rt.name}\n`);
    void gateway.stop();
  };
  // A bug in a plugin's async code must not leave a lock and runtime file behind: stop cleanly and
  // exit 1, so a service manager or the built-in supervisor restarts the gateway.
  const onFatal = (e: unknown) => {
    // An EPIPE that escaped a std stream (a write before the guard, a raw fd write) is no crash.
    if (isBrokenPipe(e)) {
      std.markBroken();
      return;
    }
    std.err(`error: gateway ${rt.name} crashed: ${(e as Error)?.stack ?? String(e)}\n`);
    exitCode = 1;
    void gateway.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  try {
    await gateway.closed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
  }
  return exitCode;
}

function isBrokenPipe(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * Writers for stdout/stderr that go silent for good once either stream failed (EPIPE when the reader
 * went away): a broken terminal is no reason to crash or to retry writing forever.
 */
function guardStdStreams(): { out(text: string): void; err(text: string): void; markBroken(): void } {
  let broken = false;
  const onError = () => {
    broken = true;
  };
  for (const stream of [process.stdout, process.stderr]) stream.on('error', onError);
  const writer = (stream: NodeJS.WriteStream) => (text: string) => {
    if (broken || stream.destroyed || !stream.writable) return;
    try {
      stream.write(text);
    } catch {
      broken = true;
    }
  };
  return { out: writer(process.stdout), err: writer(process.stderr), markBroken: onError };
}
