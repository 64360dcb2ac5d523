import { probeStateLabel, resolvedRecently } from '@clawport/core';
import type { InstanceSnapshot } from './snapshot.js';

/**
 * A fact about an instance, shown in up to three places: a chip in the row's description, a line in the
 * hover, and a child row. Facts that other parts of Clawport add to the host model (engine and probe
 * state, upstream-owned services, incidents, plugin status, degraded readiness) are rendered here.
 */
export interface Fact {
  /** Appended to the row's description after the run state and problems (`upstream 2026.3`). */
  chip?: string;
  /** One markdown line in the instance's hover. */
  hover?: string;
  /** A child row: label, description, codicon and theme colour. */
  row?: { label: string; description?: string; icon: string; color?: string; tooltip?: string };
}

export type FactOf = (s: InstanceSnapshot) => Fact | undefined;

const process: FactOf = (s) =>
  s.running
    ? {
        row: {
          label: 'process',
          description: [`pid ${s.pid}`, s.version ? `v${s.version}` : undefined, s.healthy === false ? 'not answering' : undefined].filter(Boolean).join(' · '),
          icon: 'pulse',
          color: s.healthy === false ? 'charts.red' : 'charts.green',
        },
      }
    : undefined;

const service: FactOf = (s) => ({
  hover: s.service.installed ? `runs as a ${s.service.backend} service · ${s.service.state}` : undefined,
  row: {
    label: 'service',
    description: s.service.installed ? `${s.service.backend} · ${s.service.state}` : 'none (started by hand or from here)',
    icon: 'server-process',
  },
});

/**
 * Upstream OpenClaw installed its own service for this profile (a unit or agent with its marker): a row
 * with backend, engine and version, the file in its tooltip. Clawport never starts, stops or replaces it.
 */
const upstreamService: FactOf = (s) => {
  const all = s.upstreamServices ?? [];
  if (all.length === 0) return undefined;
  const line = (u: (typeof all)[number]) => `${u.backend} · engine openclaw${u.version ? ` ${u.version}` : ''}`;
  return {
    hover: `upstream OpenClaw's own service: ${all.map((u) => `${line(u)} (${u.file})`).join('; ')}`,
    row: {
      label: 'upstream service',
      description: `${all.map(line).join(' | ')} · upstream's, left alone`,
      icon: 'package',
      tooltip: all.map((u) => u.file).join('\n'),
    },
  };
};

/** Upstream OpenClaw runs this profile: said in the row, the hover and a row (the built-in engine is the quiet default). */
const engine: FactOf = (s) => {
  if (s.engine?.id !== 'openclaw') return undefined;
  // While it runs, the runtime's version is upstream's own (`2026.9.6`).
  const name = `upstream OpenClaw${s.running && s.version ? ` ${s.version}` : ''}`;
  // Its honest state while it runs (core probeStateLabel, as `clawport status` says it): only when not live.
  const state = s.running && s.engine.state && s.engine.state !== 'live' ? probeStateLabel(s.engine.state) : undefined;
  return {
    chip: 'OpenClaw engine',
    hover: `engine: ${name}${s.engine.pid ? ` (pid ${s.engine.pid})` : ''}${state ? ` · ${state}: ${s.engine.detail ?? ''}` : ''}`,
    row: {
      label: 'engine',
      description: `${name}${s.engine.pid ? ` · pid ${s.engine.pid}` : ''}${state ? ` · ${state}` : ''}`,
      icon: 'package',
      ...(state ? { color: 'charts.yellow', tooltip: s.engine.detail } : {}),
    },
  };
};

const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** `metrics running · scrapes 3`: a service's state and the scalar fields of its own status() snapshot. */
function serviceLine(id: string, p: NonNullable<InstanceSnapshot['plugins']>[string]): string {
  if (p.state === 'failed') return `${id} failed: ${p.error ?? 'unknown error'}`;
  const d = p.detail;
  const fields = d !== null && typeof d === 'object' && !Array.isArray(d) ? Object.entries(d).filter(([k, v]) => scalar(v) && k !== 'url') : [];
  return [`${id} running`, ...fields.slice(0, 3).map(([k, v]) => `${k} ${String(v)}`)].join(' · ');
}

/** What each plugin service of a running gateway reports (its `status()`), one row for all of them. */
const plugins: FactOf = (s) => {
  const entries = Object.entries(s.plugins ?? {}).filter(([id]) => !['browser', 'canvas'].includes(id));
  if (!s.running || entries.length === 0) return undefined;
  const failed = entries.filter(([, p]) => p.state === 'failed').length;
  return {
    ...(failed > 0 ? { chip: `${failed} plugin${failed === 1 ? '' : 's'} failed`, hover: `plugins: ${entries.map(([id, p]) => serviceLine(id, p)).join('; ')}` } : {}),
    row: {
      label: 'plugins',
      description: entries.map(([id, p]) => serviceLine(id, p)).join(' | '),
      icon: 'extensions',
      color: failed > 0 ? 'charts.red' : undefined,
      tooltip: entries.map(([id, p]) => `${id}: ${JSON.stringify(p.state === 'failed' ? { state: p.state, error: p.error } : { state: p.state, ports: p.ports?.map((c) => c.start), ...(p.detail !== undefined ? { status: p.detail } : {}) })}`).join('\n'),
    },
  };
};

/**
 * The rescue watch's record of this instance: an open incident is said in the row (red chip), the hover
 * and a row; otherwise the row shows the last day's history. The tooltip lists the latest incidents.
 */
const incidents: FactOf = (s) => {
  const all = s.incidents ?? [];
  if (all.length === 0) return undefined;
  const open = all.filter((i) => i.state !== 'resolved');
  const recent = all.filter((i) => resolvedRecently(i, Date.now())).length;
  const last = open.at(-1);
  const history = all
    .slice(-5)
    .reverse()
    .map((i) => `${i.detectedAt} · ${i.cause} · ${i.state === 'resolved' ? `resolved: ${i.resolution ?? ''}` : i.state === 'gave-up' ? 'OPEN (watcher gave up)' : 'OPEN'} (watched by ${i.watcher})`);
  return {
    ...(last ? { chip: `incident open`, hover: `incident open since ${last.detectedAt}, watched by ${last.watcher}: ${last.cause}` } : {}),
    row: {
      label: 'incidents',
      description: last ? `${open.length} open: ${last.cause}` : `none open · ${recent} resolved in 24 h`,
      icon: last ? 'alert' : 'history',
      color: last ? 'charts.red' : undefined,
      tooltip: history.join('\n'),
    },
  };
};

/**
 * Every fact, in row order (by key: the child row ids are `<state dir>#fact:<key>`). To show a new fact
 * from the host model, write one FactOf and add it here: one line.
 */
export const FACTS: Record<string, FactOf> = {
  engine,
  process,
  incidents,
  plugins,
  service,
  upstreamService,
};

export function factsOf(s: InstanceSnapshot): Array<[string, Fact]> {
  return Object.entries(FACTS).flatMap(([key, of]) => {
    const f = of(s);
    return f ? [[key, f] as [string, Fact]] : [];
  });
}
