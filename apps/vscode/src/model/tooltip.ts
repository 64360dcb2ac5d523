import { formatRange } from '@clawport/core';
import type { InstanceSnapshot } from './snapshot.js';

export const portUrl = (port: number) => `http://127.0.0.1:${port}/`;

const link = (port: number) => `[${port}](${portUrl(port)})`;

/** Markdown-safe inline code (paths may contain backticks in theory). */
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** The instance's hover: state, paths, and every claimed port as a link (a band links both ends and its ports in use). */
export function instanceTooltip(s: InstanceSnapshot): string {
  const lines: string[] = [];
  const since = s.startedAt ? `, since ${new Date(s.startedAt).toISOString().replace('T', ' ').slice(0, 19)} UTC` : '';
  lines.push(`**${s.name}** (profile ${code(s.profile)}) — ${s.health}${s.running ? ` · pid ${s.pid}${since}` : ''}`);
  lines.push('');
  lines.push('| role | ports | state |', '|---|---|---|');
  for (const p of s.ports) {
    const c = p.claim;
    const ports = c.start === c.end ? link(c.start) : `${link(c.start)}–${link(c.end)}`;
    const state = c.start === c.end ? (p.listening.length ? 'listening' : 'free') : p.listening.length ? `in use: ${p.listening.map(link).join(', ')}` : 'none in use';
    lines.push(`| ${c.role} | ${ports} | ${state} |`);
  }
  lines.push('');
  lines.push(`config ${code(s.configPath)}  `, `state ${code(s.stateDir)}  `, `workspace ${code(s.workspace)}  `);
  lines.push(`service ${s.service.backend} · ${s.service.state}`);
  for (const c of s.conflicts) lines.push('', `$(warning) ${c}`);
  if (s.configError) lines.push('', `$(error) ${s.configError}`);
  return lines.join('\n');
}

/** `18789` / `18800–18899`: re-exported so callers format ranges one way. */
export { formatRange };
