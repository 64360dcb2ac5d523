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

/** Upstream OpenClaw runs this profile: said in the row, the hover and a row (the built-in engine is the quiet default). */
const engine: FactOf = (s) =>
  s.engine?.id === 'openclaw'
    ? {
        chip: 'OpenClaw engine',
        hover: `engine: upstream OpenClaw${s.engine.pid ? ` (pid ${s.engine.pid})` : ''}`,
        row: { label: 'engine', description: `upstream OpenClaw${s.engine.pid ? ` · pid ${s.engine.pid}` : ''}`, icon: 'package' },
      }
    : undefined;

/**
 * Every fact, in row order (by key: the child row ids are `<state dir>#fact:<key>`). To show a new fact
 * from the host model, write one FactOf and add it here: one line.
 */
export const FACTS: Record<string, FactOf> = {
  engine,
  process,
  service,
};

export function factsOf(s: InstanceSnapshot): Array<[string, Fact]> {
  return Object.entries(FACTS).flatMap(([key, of]) => {
    const f = of(s);
    return f ? [[key, f] as [string, Fact]] : [];
  });
}
