import { formatRange } from '@clawport/core';
import { factsOf } from './facts.js';
import { describeInstance, type InstanceSnapshot, type PortState } from './snapshot.js';
import { configWhere, conflictFix, conflictLine, processName } from './words.js';

export const portUrl = (port: number) => `http://127.0.0.1:${port}/`;

const link = (port: number) => `[${port}](${portUrl(port)})`;

/** Markdown-safe inline code (paths may contain backticks in theory). */
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** Our own listening ports are links; anything else (free, or held by someone else) is plain text. */
function portCell(s: InstanceSnapshot, p: PortState): { ports: string; state: string } {
  const c = p.claim;
  const ours = s.running;
  const one = (port: number) => (ours && p.listening.includes(port) ? link(port) : String(port));
  if (c.start === c.end) {
    const state = !p.listening.length ? 'free' : ours ? 'listening' : `taken by ${processName(p.heldBy)}`;
    return { ports: one(c.start), state };
  }
  const range = ours ? `${link(c.start)}–${link(c.end)}` : formatRange(c.start, c.end);
  const state = p.listening.length ? `in use: ${p.listening.map(one).join(', ')}` : 'none in use';
  return { ports: range, state };
}

/** The instance's hover: state in words, every port (links while our gateway listens), problems, paths. */
export function instanceTooltip(s: InstanceSnapshot, now = Date.now()): string {
  const lines: string[] = [];
  lines.push(`**${s.name}** ${describeInstance(s, now).replace(/^:\d+ · /, '— ')}${s.running && s.pid ? ` · pid ${s.pid}` : ''}`);
  lines.push('');
  for (const c of s.conflicts) lines.push(`$(warning) ${conflictLine(s.name, c)}: ${conflictFix(s.name, c)}  `);
  if (s.configError) {
    const where = configWhere(s);
    lines.push(`$(error) config error${where ? ` at ${where}` : ''}: ${s.configError.cause}  `);
  }
  if (s.conflicts.length || s.configError) lines.push('');
  if (s.portsAssumed) lines.push('_Ports it would use once the config is fixed:_', '');
  lines.push('| | port | |', '|---|---|---|');
  for (const p of [...s.ports].sort((a, b) => a.claim.start - b.claim.start)) {
    const cell = portCell(s, p);
    lines.push(`| ${p.claim.role} | ${cell.ports} | ${cell.state} |`);
  }
  lines.push('');
  lines.push(`config ${code(s.configPath)}  `, `state ${code(s.stateDir)}  `, `workspace ${code(s.workspace)}  `);
  for (const [, f] of factsOf(s)) if (f.hover) lines.push(`${f.hover}  `);
  return lines.join('\n');
}

/** `18789` / `18800–18899`: re-exported so callers format ranges one way. */
export { formatRange };
