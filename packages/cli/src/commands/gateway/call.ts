import { GatewayError, UsageError } from '@clawport/core';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';

/** `--params` as JSON; anything else is a usage error naming the flag, before any connection is made. */
export function parseParams(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`--params is not JSON: ${(e as Error).message}`, `quote it for the shell, e.g. --params '{"limit": 5}'`);
  }
}

export default class GatewayCall extends BaseCommand<typeof GatewayCall> {
  static override description =
    "Call one method on the profile's running gateway over its WebSocket control plane (built-in or plugin-registered, e.g. health, status, metrics.*) and print the answer";
  static override examples = [
    '<%= config.bin %> --profile main gateway call health',
    `<%= config.bin %> --profile main gateway call logs.tail --params '{"lines": 20}' --json`,
  ];
  static override args = {
    method: Args.string({ description: 'Method name as the gateway registers it (its hello lists them)', required: true }),
  };
  static override flags = {
    params: Flags.string({ description: 'Request params as JSON' }),
    timeout: Flags.integer({ description: 'Milliseconds to wait for the answer', default: 30_000, min: 1 }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<unknown> {
    const params = parseParams(this.flags.params);
    const ctx = await this.loadInstance();
    const client = await this.connectGateway(ctx);
    let result: unknown;
    try {
      result = await client.call(this.args.method, params, this.flags.timeout);
    } catch (e) {
      const unknown = (e as { code?: string }).code === 'METHOD_NOT_FOUND';
      const methods = client.hello?.features?.methods ?? [];
      throw new GatewayError(
        `${ctx.instance.name}: ${this.args.method} failed: ${(e as Error).message}`,
        unknown ? `this gateway answers: ${[...methods].sort().join(', ')}` : undefined,
      );
    } finally {
      await client.close();
    }
    this.log(JSON.stringify(result, null, 2) ?? 'null');
    return result ?? null;
  }
}
