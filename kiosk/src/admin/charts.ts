/** Geometry of the dashboard's plain SVG charts (no chart library): numbers in, shapes out. */

export interface Bar {
  label: string;
  value: number;
  /** Share of the total, 0..1 (0 when the total is 0). */
  share: number;
  /** Bar length in chart units, 0..width. */
  length: number;
}

/** Horizontal bars scaled to the largest value (so small differences stay visible). */
export function bars(items: readonly { label: string; value: number }[], width: number): Bar[] {
  const total = items.reduce((s, i) => s + i.value, 0);
  const max = Math.max(0, ...items.map((i) => i.value));
  return items.map((i) => ({
    label: i.label,
    value: i.value,
    share: total > 0 ? i.value / total : 0,
    length: max > 0 ? (i.value / max) * width : 0,
  }));
}

export interface TrendPoint {
  label: string;
  /** 0..1 or null (no ratings that month: a gap in the line). */
  value: number | null;
  total: number;
  x: number;
  y: number | null;
}

/**
 * Points of a line chart of shares (0..1) over `width`×`height`, y from `floor` (bottom) to 1
 * (top). The floor is 50 %, or lower (rounded down to 10 %) when a month fell below it:
 * satisfaction lives near the top, a 0–100 % axis would flatten every change.
 */
export function trend(
  items: readonly { label: string; value: number | null; total: number }[],
  width: number,
  height: number,
): { points: TrendPoint[]; floor: number; path: string } {
  const values = items.map((i) => i.value).filter((v): v is number => v !== null);
  const low = values.length ? Math.min(...values) : 0.5;
  const floor = Math.max(0, Math.min(0.5, Math.floor(low * 10) / 10));
  const step = items.length > 1 ? width / (items.length - 1) : 0;
  const points = items.map((i, n) => ({
    label: i.label,
    value: i.value,
    total: i.total,
    x: items.length > 1 ? n * step : width / 2,
    y: i.value === null ? null : height - ((i.value - floor) / (1 - floor)) * height,
  }));
  let path = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
    pen = true;
  }
  return { points, floor, path };
}
