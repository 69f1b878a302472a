/** 公示留痕 grouped for reading: one group per announcement, its sites with the worst share first. */
import type { PublicityRow } from '../uplink/api.ts';

/** Below this share of its 公示 period's days an announcement counts as not properly displayed. */
export const LOW_COVERAGE = 0.8;

/** never: not once on a site that has a screen; noscreen: never, and the site has no display or ticker enrolled. */
export type Standing = 'never' | 'noscreen' | 'low' | 'ok' | 'unknown';

/** `screenSites`: sites with an enrolled display/ticker (null: unknown, every never counts as never). */
export function standing(r: PublicityRow, screenSites: ReadonlySet<string> | null = null): Standing {
  if (r.firstShownAt === null && (r.coverage === null || r.coverage === 0)) {
    return screenSites && !screenSites.has(r.siteCode) ? 'noscreen' : 'never';
  }
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

/** Groups by announcement; groups with the most short sites first; inside, worst share first. */
export function groupPublicity(
  rows: readonly PublicityRow[],
  onlyShort = false,
  screenSites: ReadonlySet<string> | null = null,
): AnnouncementGroup[] {
  const bad = (r: PublicityRow) => {
    const s = standing(r, screenSites);
    return s === 'never' || s === 'low';
  };
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
  // Short sites first (worst share first), sites without a screen last.
  const rank = (r: PublicityRow) => (standing(r, screenSites) === 'noscreen' ? 1 : 0);
  for (const g of groups.values()) {
    g.rows.sort((a, b) => rank(a) - rank(b) || (a.coverage ?? -1) - (b.coverage ?? -1) || a.siteName.localeCompare(b.siteName, 'zh-CN'));
  }
  return [...groups.values()].sort(
    (a, b) => b.short - a.short || (b.validFrom ?? '').localeCompare(a.validFrom ?? '') || a.title.localeCompare(b.title, 'zh-CN'),
  );
}

export function standingCounts(rows: readonly PublicityRow[], screenSites: ReadonlySet<string> | null = null): Record<Standing, number> {
  const out: Record<Standing, number> = { never: 0, noscreen: 0, low: 0, ok: 0, unknown: 0 };
  for (const r of rows) out[standing(r, screenSites)]++;
  return out;
}

/** Sites with an enrolled, not revoked display or ticker. */
export function screenSitesOf(devices: readonly { siteCode: string; mode: string; revokedAt: number | null }[]): Set<string> {
  return new Set(devices.filter((d) => d.mode !== 'kiosk' && d.revokedAt === null).map((d) => d.siteCode));
}
