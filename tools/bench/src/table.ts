import type { Figure, Row } from './types.js';
import { round } from './lib/stats.js';

const isFigure = (r: Row): r is Figure => 'value' in r;

function fmt(x: number, unit: string): string {
  const digits = unit === 'rpc/s' || x >= 100 ? 0 : x >= 10 ? 1 : 2;
  return `${round(x, digits).toLocaleString('en-US', { maximumFractionDigits: digits })} ${unit}`;
}

/** ×4.7, ×0.53, ×0.0021: two significant digits below 1, so a tiny ratio never shows as ×0. */
function ratioText(r: number): string {
  if (!Number.isFinite(r)) return '×?';
  return `×${r >= 10 ? round(r, 1) : r >= 0.1 ? round(r, 2) : Number(r.toPrecision(2))}`;
}

function targetText(f: Figure): string {
  if (!f.target) return '';
  const limit = f.target.on === 'ratio' ? `${f.target.limit}× baseline` : fmt(f.target.limit, f.unit);
  return `${f.target.op === '<=' ? '≤' : '≥'} ${limit}  ${f.verdict}`;
}

/** One plain-text table: figure, value, baseline (label and value), ratio, target with PASS/MISS. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['figure', 'value', 'baseline', 'base value', 'ratio', 'target'];
  const lines = rows.map((r) =>
    isFigure(r)
      ? [r.label, fmt(r.value, r.unit), r.baseline.label, fmt(r.baseline.value, r.unit), ratioText(r.ratio), targetText(r)]
      : [r.label, 'skipped', r.skipped, '', '', ''],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const right = new Set([1, 3, 4]);
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const notes = rows.filter(isFigure).filter((r) => r.note).map((r) => `  ${r.label}: ${r.note}`);
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}

/** The same figures as a Markdown table (the README's Performance section is pasted from this). */
export function renderMarkdown(rows: readonly Row[]): string {
  const out = ['| figure | value | baseline (same run) | ratio | target |', '|---|---:|---|---:|---|'];
  for (const r of rows) {
    if (!isFigure(r)) out.push(`| ${r.label} | skipped | ${r.skipped} | | |`);
    else out.push(`| ${r.label} | ${fmt(r.value, r.unit)} | ${r.baseline.label}: ${fmt(r.baseline.value, r.unit)} | ${ratioText(r.ratio)} | ${targetText(r)} |`);
  }
  return out.join('\n');
}
