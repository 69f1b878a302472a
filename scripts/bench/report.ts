/**
 * Bench results: rows with a numeric value and, where there is one, the baseline measured in
 * the same run; printed as a Markdown table and written as JSON for comparing runs.
 */
export interface Row {
  /** Figure id (figures.ts). */
  figure: string;
  tier: string;
  name: string;
  value: number;
  unit: Unit;
  /** The baseline measured in the same run; the table shows value / baseline. */
  baseline?: { name: string; value: number };
  /** Repeats the value is the median of. */
  runs?: number;
  note?: string;
}

export type Unit = 'ms' | 'B' | 'MB' | 'count' | 'µs' | '/s';

export interface BenchResult {
  startedAt: string;
  durationS: number;
  machine: { cpus: number; cpuModel: string; memGb: number; node: string; loadAverage?: number[]; chromium?: string };
  rows: Row[];
}

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'ms':
      return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
    case 'µs':
      return `${value.toFixed(0)} µs`;
    case 'B':
      return value >= 1024 * 1024
        ? `${(value / 1048576).toFixed(2)} MB`
        : value >= 1024
          ? `${(value / 1024).toFixed(1)} kB`
          : `${value.toFixed(0)} B`;
    case 'MB':
      return value >= 100 ? `${value.toFixed(0)} MB` : `${value.toFixed(1)} MB`;
    case '/s':
      return `${value.toFixed(0)} /s`;
    case 'count':
      return String(Math.round(value));
  }
}

export function ratioText(row: Row): string {
  if (!row.baseline) return '';
  if (row.baseline.value === 0) return `— (${row.baseline.name} = 0)`;
  const r = row.value / row.baseline.value;
  const shown = r >= 100 ? r.toFixed(0) : r >= 0.01 ? r.toFixed(2) : r.toExponential(1);
  return `${shown}× ${row.baseline.name} (${formatValue(row.baseline.value, row.unit)})`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| figure | tier | measure | value | vs baseline (same run) | runs |', '|---|---|---|---:|---|---:|'];
  for (const r of rows) {
    lines.push(
      `| ${cell(r.figure)} | ${cell(r.tier)} | ${cell(r.name + (r.note ? ` (${r.note})` : ''))} | ${formatValue(r.value, r.unit)} | ${cell(ratioText(r))} | ${r.runs ?? ''} |`,
    );
  }
  return lines.join('\n');
}
