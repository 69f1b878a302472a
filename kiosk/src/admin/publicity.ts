/** 公示留痕 grouped for reading: one group per announcement, its sites with the worst share first. */
import type { PublicityRow } from '../uplink/api.ts';

/** Below this share of its 公示 period's days an announcement counts as not properly displayed. */
export const LOW_COVERAGE = 0.8;

export type Standing = 'never' | 'low' | 'ok' | 'unknown';

export function standing(r: PublicityRow): Standing {
  if (r.firstShownAt === null && (r.coverage === null || r.coverage === 0)) return 'never';
  if (r.coverage === null) return 'unknown';
  return r.coverage < LOW_COVERAGE ? 'low' : 'ok';
}

export interface AnnouncementGroup {
  id: string;
  title: string;
  validFrom: string | null;
  validTo: string | null;
  rows: PublicityRow[];
  /** Sites where it was displayed too little or never. */
  short: number;
}

const bad = (r: PublicityRow) => standing(r) === 'never' || standing(r) === 'low';

/** Groups by announcement; groups with the most short sites first; inside, worst share first. */
export function groupPublicity(rows: readonly PublicityRow[], onlyShort = false): AnnouncementGroup[] {
  const groups = new Map<string, AnnouncementGroup>();
  for (const r of rows) {
    if (onlyShort && !bad(r)) continue;
    let g = groups.get(r.announcementId);
    if (!g) {
      g = { id: r.announcementId, title: r.title, validFrom: r.validFrom, validTo: r.validTo, rows: [], short: 0 };
      groups.set(r.announcementId, g);
    }
    g.rows.push(r);
    if (bad(r)) g.short++;
  }
  for (const g of groups.values()) {
    g.rows.sort((a, b) => (a.coverage ?? -1) - (b.coverage ?? -1) || a.siteName.localeCompare(b.siteName, 'zh-CN'));
  }
  return [...groups.values()].sort(
    (a, b) => b.short - a.short || (b.validFrom ?? '').localeCompare(a.validFrom ?? '') || a.title.localeCompare(b.title, 'zh-CN'),
  );
}

export function standingCounts(rows: readonly PublicityRow[]): Record<Standing, number> {
  const out: Record<Standing, number> = { never: 0, low: 0, ok: 0, unknown: 0 };
  for (const r of rows) out[standing(r)]++;
  return out;
}
