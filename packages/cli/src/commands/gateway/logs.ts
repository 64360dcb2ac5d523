import { readFile } from 'node:fs/promises';
import { Flags } from '@oclif/core';
import { parseEnvFile, scrubText } from '@clawport/core';
import { readToken } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { instanceDespiteConfig, serviceContext } from '../../lib/gateway/service-command.js';

export default class GatewayLogs extends BaseCommand<typeof GatewayLogs> {
  static override description = 'Show the last lines the profile\'s gateway service wrote (the gateway\'s output and, for the built-in supervisor, its restarts).';
  static override examples = ['<%= config.bin %> --profile main gateway logs', '<%= config.bin %> --profile main gateway logs -n 200'];
  static override flags = {
    lines: Flags.integer({ char: 'n', description: 'How many lines of each log', default: 50, min: 1, max: 100_000 }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<Array<{ file?: string; lines: string[] }>> {
    const { instance } = await instanceDespiteConfig(this.resolvePaths());
    const { profileServiceLogs } = await import('@clawport/gateway');
    const service = serviceContext(instance, this.config.root);
    // Never print a secret, even one a gateway printed by mistake: the token and the env file's values.
    const envValues = Object.values(parseEnvFile(await readFile(service.spec.envFile, 'utf8').catch(() => '')));
    const secrets = [(await readToken(instance.stateDir)) ?? '', ...envValues];
    const logs = (await profileServiceLogs(service, this.flags.lines)).map((l) => ({ ...l, lines: l.lines.map((line) => scrubText(line, secrets)) }));
    for (const log of logs) {
      if (log.file) this.log(this.paint('dim', `==> ${log.file} <==`));
      for (const line of log.lines) this.log(line);
    }
    return logs;
  }
}
