import type { Summary } from './stats';

/** One line of the table: a measurement, its floor (when there is one), and its target. */
export interface BenchRow {
  id: string;
  label: string;
  unit: 'ms' | 'rows' | 'MB' | 'KB';
  /** Which statistic the target is checked against. */
  checks: 'median' | 'p95' | 'max' | 'ratio';
  value: Summary;
  floor: Summary | null;
  /** value.median / floor.median (or p95 / p95 for p95 targets). */
  ratio: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
}

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; node: string; platform: string };
  members: number;
  runs: number;
  durationMs: number;
  rows: BenchRow[];
  skipped: { id: string; reason: string }[];
}

export function row(
  input: Omit<BenchRow, 'ratio' | 'pass'> & { ratioOf?: 'median' | 'p95'; pass?: BenchRow['pass'] },
): BenchRow {
  const of = input.ratioOf ?? 'median';
  const ratio = input.floor && input.floor[of] > 0 ? input.value[of] / input.floor[of] : null;
  return { ...input, ratio, pass: input.pass ?? null };
}

const fmt = (value: number | null | undefined, unit = ''): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit}`;
};

export function formatTable(report: BenchReport): string {
  const header = ['measurement', 'unit', 'n', 'median', 'p95', 'floor (median)', 'ratio', 'target', 'pass'];
  const lines = report.rows.map((r) => [
    r.label,
    r.unit,
    String(r.value.n),
    fmt(r.value.median),
    fmt(r.value.p95),
    r.floor ? fmt(r.floor.median) : '—',
    r.ratio === null ? '—' : `${fmt(r.ratio)}×`,
    r.target,
    r.pass === null ? '—' : r.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const out = [
    render(header),
    `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`,
  ];
  for (const l of lines) out.push(render(l));
  for (const s of report.skipped) out.push(`skipped ${s.id}: ${s.reason}`);
  return out.join('\n');
}
