import { Flags, type Command } from '@oclif/core';
import { browserRequest } from '@clawport/browser/client';
import { BaseCommand, type InstanceContext } from '../../base-command.js';

/** `--browser-profile`, shared by every browser command that acts on one profile. */
export const browserProfileFlag = Flags.string({ description: 'Browser profile (default: browser.defaultProfile, else openclaw)' });

/**
 * Base of the `browser …` commands (a file in lib/: oclif makes every file in commands/ a command).
 * Each one is a single request to the instance's browser control service through its gateway.
 */
export abstract class BrowserCommand<T extends typeof Command> extends BaseCommand<T> {
  /**
   * Loads the instance, connects to its gateway, sends one browser request and closes the connection
   * whatever happens. Returns the instance (for the printed name) with the answer.
   */
  protected async browser<R>(method: Parameters<typeof browserRequest>[1], path: string, body?: Record<string, unknown>): Promise<{ ctx: InstanceContext; result: R }> {
    const ctx = await this.loadInstance();
    const client = await this.connectGateway(ctx);
    try {
      return { ctx, result: await browserRequest<R>(client, method, path, body) };
    } finally {
      await client.close();
    }
  }

  /** `{ profile }` when --browser-profile was given, else nothing (the service picks its default). */
  protected profileBody(): { profile?: string } {
    const profile = (this.flags as { 'browser-profile'?: string })['browser-profile'];
    return profile === undefined ? {} : { profile };
  }
}
