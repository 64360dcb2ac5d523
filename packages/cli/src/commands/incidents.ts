import { Flags } from '@oclif/core';
import type { Incident } from '@clawport/core';
import type { Host } from '@clawport/core/node';
import { BaseCommand } from '../base-command.js';

/** Every incident recorded by every watcher on this host (host model, facet incidents), oldest first (optionally one target's). */
export function hostIncidents(host: Host, target?: string): Incident[] {
  const all = host.instances.flatMap((i) => i.incidents ?? []);
  return all.filter((i) => target === undefined || i.target === target).sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
}

export default class Incidents extends BaseCommand<typeof Incidents> {
  static override description =
    'List the incidents the watchers on this host recorded (watch.targets): target, when it was detected, the cause, what was done with what result, and when it was resolved.';
  static override examples = ['<%= config.bin %> incidents', '<%= config.bin %> incidents --target main --json'];
  static override flags = {
    target: Flags.string({ description: 'Only incidents about this instance' }),
    open: Flags.boolean({ description: 'Only incidents not resolved yet' }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<{ incidents: Incident[] }> {
    const incidents = hostIncidents(await this.readHost({ facets: ['incidents'] }), this.flags.target).filter((i) => !this.flags.open || i.state !== 'resolved');
    if (incidents.length === 0) this.log(this.flags.open ? 'no open incidents' : 'no incidents recorded');
    for (const i of incidents) {
      const state = i.state === 'resolved' ? this.paint('green', `resolved ${i.resolvedAt} (${i.resolution})`) : this.paint('red', i.state === 'gave-up' ? 'OPEN, watcher gave up' : 'OPEN');
      this.log(`${i.detectedAt}  ${i.target} (watched by ${i.watcher}): ${i.cause}  ${state}`);
      for (const a of i.actions) this.log(`    ${a.at}  ${a.kind} ${a.result}${a.detail ? `: ${a.detail}` : ''}`);
    }
    return { incidents };
  }
}
