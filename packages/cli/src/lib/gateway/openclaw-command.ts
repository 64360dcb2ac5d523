import { ClawportError, describeLocated, type EngineSettings, type LocatedOpenclaw } from '@clawport/core';
import { locateOpenclaw } from '@clawport/core/node';

/** Upstream's command for a profile, or one line saying why it cannot run (no command, Node too old). */
export async function locateCheckedOpenclaw(settings: EngineSettings): Promise<LocatedOpenclaw> {
  const located = await locateOpenclaw(settings, process.env);
  const { ok, line } = describeLocated(located);
  if (!ok) throw new ClawportError(line, 'see: clawport gateway engine');
  return located;
}
