/**
 * The report filter every screen shares (date range + township / site / target), its default and
 * its query string (the names GET /api/admin/reports/…, /cases and the .xlsx exports read).
 */
import type { RatingTarget, ReportFilter } from '../uplink/api.ts';
import { addDays, zonedParts } from '../time/zoned.ts';

export type Filter = ReportFilter;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Preset ranges offered beside the date inputs. */
export const PRESETS = [
  { id: 'month', label: '本月' },
  { id: '30', label: '近30天' },
  { id: '90', label: '近90天' },
  { id: 'year', label: '本年' },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];

export function presetRange(id: PresetId, now: number, timeZone: string): { fromDate: string; toDate: string } {
  const today = zonedParts(now, timeZone).isoDate;
  if (id === 'month') return { fromDate: `${today.slice(0, 7)}-01`, toDate: today };
  if (id === 'year') return { fromDate: `${today.slice(0, 4)}-01-01`, toDate: today };
  return { fromDate: addDays(today, -(Number(id) - 1)), toDate: today };
}

export function defaultFilter(now: number, timeZone: string): Filter {
  return presetRange('90', now, timeZone);
}

/** Chinese problem with a range typed by hand, or null when it can be asked for. */
export function rangeProblem(f: Pick<Filter, 'fromDate' | 'toDate'>): string | null {
  if (!ISO_DATE.test(f.fromDate) || !ISO_DATE.test(f.toDate)) return '请选择完整的开始日期和结束日期。';
  if (f.fromDate > f.toDate) return '开始日期不能晚于结束日期。';
  return null;
}

export const TARGET_LABELS: Record<RatingTarget, string> = {
  centre: '整个中心',
  item: '办理事项',
  window: '窗口',
  staff: '工作人员',
  terminal: '查询机本身',
};

/** Query string of a filter (and extra parameters), empty fields left out. */
export function filterQuery(f: Filter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  p.set('from', f.fromDate);
  p.set('to', f.toDate);
  if (f.township) p.set('township', f.township);
  if (f.site) p.set('site', f.site);
  if (f.targetKind) p.set('target', f.targetKind);
  if (f.targetKind && f.targetId) p.set('targetId', f.targetId);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
