import { overlaps } from '@clawport/core';
import { configProblem, pluginsNotLoadedLine, usableInstances, type Host } from '@clawport/core/node';
import { paint, range, renderTable } from '../shared/style.js';

interface ClaimJson {
  instance: string;
  id: string;
  role: string;
  owner: string;
  start: number;
  end: number;
}

export interface PortsCheckResult {
  /** True only when every instance was checked and every footprint is disjoint from every other. */
  ok: boolean;
  instances: Array<{ name: string; base: number; start: number; end: number }>;
  overlaps: Array<{ message: string; start: number; end: number; a: ClaimJson; b: ClaimJson }>;
  /** Instances left out because their config is broken or a plugin claim failed. */
  problems: Array<{ instance: string; message: string }>;
  /**
   * Instances whose footprint is unknown (a broken config, or core's ports past 65535: the gateway refuses
   * both): not part of the proof, so it proves nothing about them.
   */
  unchecked: Array<{ instance: string; reason: string }>;
  /**
   * One line per stopped instance whose third-party plugins were not loaded (host-wide reads never run
   * another instance's plugin code): their claims are not in the proof; `--profile P ports check` loads P's.
   */
  notLoaded: string[];
}

/** What `ports check` found, its human text (stdout) and warnings (stderr), and its exit code. */
export interface PortsCheckReport {
  result: PortsCheckResult;
  warnings: string[];
  text: string;
  /** 1 on an overlap or an instance that could not be checked, else 0. */
  exitCode: number;
}

/** Proves the footprints of the host's usable instances disjoint, or names every overlap and every instance it could not check. */
export function portsCheck(host: Host): PortsCheckReport {
  const instances = usableInstances(host);
  const found = overlaps(instances.map((i) => i.footprint));
  const problems = host.instances.flatMap(({ discovered: d, problems: p }) =>
    d.configError ? [{ instance: d.instance.name, message: d.configError.toLine() }] : p.map((e) => ({ instance: d.instance.name, message: e.toLine() })),
  );
  // A config the gateway cannot use hides its ports (unless its gateway still runs: then the runtime file
  // says them); a footprint without the claims that did not fit would prove nothing about it.
  const unchecked = host.instances.flatMap((i) => {
    const why = i.footprint ? undefined : configProblem(i);
    if (!why) return [];
    // A broken config says where it is broken in the warning above; a refused footprint says it here too.
    const short = i.discovered.configError ? 'broken config; fix it, then run: clawport ports check' : why.suggestion ? `${why.message}; ${why.suggestion}` : why.message;
    return [{ instance: i.discovered.instance.name, reason: why.toLine(), short }];
  });
  const notLoaded = host.instances.flatMap((i) => {
    const line = pluginsNotLoadedLine(i);
    return line ? [`${i.discovered.instance.name}: ${line}`] : [];
  });
  const result: PortsCheckResult = {
    ok: found.length === 0 && unchecked.length === 0,
    instances: instances.map((i) => {
      const c = i.footprint.claims;
      return {
        name: i.footprint.instance,
        base: i.footprint.base,
        start: Math.min(...c.map((x) => x.start)),
        end: Math.max(...c.map((x) => x.end)),
      };
    }),
    overlaps: found.map((o) => ({
      message: o.message,
      start: o.start,
      end: o.end,
      a: { instance: o.a.instance, ...pick(o.a.claim) },
      b: { instance: o.b.instance, ...pick(o.b.claim) },
    })),
    problems,
    unchecked: unchecked.map(({ instance, reason }) => ({ instance, reason })),
    notLoaded,
  };
  const lines: string[] = [];
  let exitCode = 0;
  if (found.length === 0) {
    // A broken config hides its ports: the proof says nothing about that instance, so no "ok".
    if (unchecked.length === 0) lines.push(`ok: ${provenLine(instances.length)}`);
    else {
      const others = instances.length >= 2 ? `; the footprints of the other ${instances.length} are disjoint` : '';
      lines.push(paint('red', `not proven: ${count(unchecked.length, 'instance')} ${unchecked.length === 1 ? 'was' : 'were'} not checked: ${uncheckedList(unchecked)}${others}`));
      exitCode = 1;
    }
    if (result.instances.length > 0) {
      lines.push(
        renderTable(
          [{ header: 'instance' }, { header: 'base', align: 'right' }, { header: 'footprint' }],
          result.instances.map((i) => [i.name, String(i.base), range(i.start, i.end)]),
        ),
      );
    }
  } else {
    for (const o of found) lines.push(paint('red', o.message));
    exitCode = 1;
  }
  for (const line of notLoaded) lines.push(`note: ${line}`);
  return { result, warnings: problems.map((p) => `${p.instance}: ${p.message}`), text: lines.join('\n'), exitCode };
}

/**
 * `broken (broken config; fix it, then run: clawport ports check)`: names grouped by why, each group
 * saying what to do. A refused footprint says what its refusal says (`gateway.port: base 65500 puts …;
 * choose a base ≤ 65425 …`), as status, ports, config set and the gateway do.
 */
function uncheckedList(unchecked: ReadonlyArray<{ instance: string; short: string }>): string {
  const groups = new Map<string, string[]>();
  for (const u of unchecked) groups.set(u.short, [...(groups.get(u.short) ?? []), u.instance]);
  return [...groups].map(([why, names]) => `${names.join(', ')} (${why})`).join(', ');
}

/** What the proof shows, in words that read right for 0, 1 and n: one footprint is not "disjoint", it has nothing to overlap. */
function provenLine(n: number): string {
  if (n === 0) return 'no instances on this host yet, nothing to overlap';
  if (n === 1) return '1 instance, nothing to overlap';
  return `the footprints of ${n} instances are disjoint`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function pick(c: { id: string; role: string; owner: string; start: number; end: number }) {
  return { id: c.id, role: c.role, owner: c.owner, start: c.start, end: c.end };
}
