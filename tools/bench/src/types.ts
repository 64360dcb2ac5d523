/** One line of the bench table (and one entry of bench-results/latest.json). */
export interface Figure {
  /** Stable key for tracking over time, e.g. `cli.status`. */
  id: string;
  /** What was measured, as the table shows it. */
  label: string;
  value: number;
  unit: 'ms' | 'MB' | 'rpc/s' | 'µs';
  /** The same kind of measurement of something minimal, taken in the same run. */
  baseline: { label: string; value: number };
  /** value / baseline.value */
  ratio: number;
  /** From the issues; checked on the value or on the ratio. A miss is printed, never fatal. */
  target?: { on: 'value' | 'ratio'; op: '<=' | '>='; limit: number };
  verdict?: 'PASS' | 'MISS';
  /** Samples behind the median, and anything the reader should know. */
  samples?: number;
  note?: string;
}

/** A row that could not be measured: shown in the table with its reason, never silently dropped. */
export interface Skipped {
  id: string;
  label: string;
  skipped: string;
}

export type Row = Figure | Skipped;

/** A bench module: a group of related figures measured together. */
export interface BenchModule {
  name: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

export interface BenchContext {
  /** Repo root (for bin paths and built artefacts). */
  root: string;
  /** Log progress to stderr so the table on stdout stays clean. */
  progress(line: string): void;
}

/** Builds a figure, computing the ratio and the verdict. */
export function figure(f: Omit<Figure, 'ratio' | 'verdict'>): Figure {
  const ratio = f.baseline.value === 0 ? Number.NaN : f.value / f.baseline.value;
  let verdict: Figure['verdict'];
  if (f.target) {
    const x = f.target.on === 'ratio' ? ratio : f.value;
    verdict = (f.target.op === '<=' ? x <= f.target.limit : x >= f.target.limit) ? 'PASS' : 'MISS';
  }
  return { ...f, ratio, ...(verdict ? { verdict } : {}) };
}
