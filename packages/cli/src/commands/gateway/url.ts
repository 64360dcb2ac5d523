import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';

export interface GatewayUrlResult {
  name: string;
  url: string;
  /** Only with --show-token. */
  token?: string;
}

export default class GatewayUrl extends BaseCommand<typeof GatewayUrl> {
  static override description =
    "Print the WebSocket URL a client connects to (either engine). The token is printed only with --show-token; it is a secret, so it never goes to logs.";
  static override examples = ['<%= config.bin %> --profile main gateway url', '<%= config.bin %> --profile main gateway url --show-token'];
  static override enableJsonFlag = true;
  static override flags = {
    'show-token': Flags.boolean({ description: 'Also print the token the gateway expects (a secret)' }),
  };

  public async run(): Promise<GatewayUrlResult> {
    const ctx = await this.loadInstance();
    const endpoint = await this.gatewayEndpoint(ctx);
    const result: GatewayUrlResult = { name: ctx.paths.name, url: endpoint.url };
    if (this.flags['show-token']) {
      if (!endpoint.token) this.warning(`no token for ${ctx.paths.name} yet (run setup first)`);
      else result.token = endpoint.token;
    }
    this.log(endpoint.url);
    if (result.token) this.log(`token: ${result.token}`);
    return result;
  }
}
