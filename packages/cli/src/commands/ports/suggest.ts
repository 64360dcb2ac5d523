import { allocateBase, defaultBasePort, footprintShape } from '@clawport/core';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { otherFootprints } from '@clawport/core/node';
import { foreignListeners } from '../../lib/shared/footprints.js';
import { range } from '../../lib/shared/style.js';

export interface PortsSuggestResult {
  base: number;
  /** The whole footprint at that base, as offsets applied. */
  start: number;
  end: number;
}

export default class PortsSuggest extends BaseCommand<typeof PortsSuggest> {
  static override description =
    'Suggest the next base port whose whole footprint is free across all instances and live listeners (outside 32768–60999)';
  static override examples = ['<%= config.bin %> ports suggest', '<%= config.bin %> ports suggest --from 20000 --json'];
  static override flags = {
    from: Flags.integer({ description: 'Lowest base to consider', min: 1024, max: 65535 }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<PortsSuggestResult> {
    const ctx = await this.loadInstance();
    const others = otherFootprints(await this.readHost(), ctx.paths.stateDir);
    const shape = footprintShape(ctx.config, ctx.plugins);
    const base = allocateBase({
      shape,
      taken: others.flatMap((f) => f.claims),
      busy: (await foreignListeners(ctx.runtime)).map((l) => l.port),
      start: this.flags.from ?? defaultBasePort(ctx.paths.profile),
    });
    const start = base + Math.min(...shape.map((r) => r.start));
    const end = base + Math.max(...shape.map((r) => r.end));
    this.log(`${base}  (footprint ${range(start, end)})`);
    return { base, start, end };
  }
}
