import { formatRange } from '@clawport/core';
import type { Conflict, ForeignProcess, InstanceSnapshot } from './snapshot.js';

/** `python3 (pid 4242)`, `pid 4242`, `another process`: how a process that is not ours is named. */
export function processName(p: ForeignProcess | undefined): string {
  if (p?.command && p.pid) return `${p.command} (pid ${p.pid})`;
  if (p?.pid) return `pid ${p.pid}`;
  return 'another process';
}

const roles = (r: string[]) => (r.length > 2 ? `${r.slice(0, -1).join(', ')} and ${r[r.length - 1]}` : r.join(' and '));

/** The conflict's row label: what is wrong, short. */
export function conflictTitle(c: Conflict): string {
  if (c.kind === 'foreign') return `port ${c.port} taken by ${processName(c.process)}`;
  return c.other ? `overlaps ${c.other.instance}` : 'claims overlap each other';
}

/** Who should act, as the row says it to instance `me`. */
export function conflictFix(me: string, c: Conflict): string {
  if (c.kind === 'foreign') return 'move this profile to a free base';
  return c.culprit === me ? 'move this profile to a free base' : `move ${c.culprit} to a free base`;
}

/** The conflict as one line about instance `me`: which ports collide with what. */
export function conflictLine(me: string, c: Conflict): string {
  const mine = `${roles(c.mine.roles)} ${formatRange(c.mine.start, c.mine.end)}`;
  if (c.kind === 'foreign') return `${me} ${mine}: port ${c.port} is taken by ${processName(c.process)}`;
  if (!c.other) return `${me}: its own claims overlap (${mine})`;
  return `${me} ${mine} overlaps ${c.other.instance} ${roles(c.other.roles)} ${formatRange(c.other.start, c.other.end)}`;
}

/** `line 3:5` when the position is known. */
export function configWhere(s: Pick<InstanceSnapshot, 'configError'>): string {
  const e = s.configError;
  if (!e?.line) return '';
  return e.column ? `line ${e.line}:${e.column}` : `line ${e.line}`;
}

/** Who listens on a claimed port, in words: `127.0.0.1 only` or `the gateway's bind address`. */
export function reach(bind: string): string {
  return bind === 'loopback' ? 'this machine only' : "the gateway's bind address (gateway.bind)";
}
