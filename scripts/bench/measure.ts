/** Small timing helpers for the benchmarks: medians of repeated runs, never assertions. */
import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time in ms of `runs` calls of fn (after one warm-up call). */
export async function timeMs(fn: () => unknown | Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export interface Row {
  group: string;
  name: string;
  value: string;
  /** "x.xx× <baseline>" */
  ratio?: string;
}

export function ratio(value: number, baseline: number, baselineName: string): string {
  return `${(value / baseline).toFixed(2)}× ${baselineName}`;
}

export function printRows(rows: Row[]): void {
  const w = [0, 0, 0].map((_, i) => Math.max(...rows.map((r) => [r.group, r.name, r.value][i].length)));
  for (const r of rows) {
    console.log(`${r.group.padEnd(w[0])}  ${r.name.padEnd(w[1])}  ${r.value.padStart(w[2])}  ${r.ratio ?? ''}`);
  }
}
