import { describe, expect, it } from 'vitest';
import type { PublicityRow } from '../uplink/api.ts';
import { groupPublicity, screenSitesOf, standing, standingCounts } from './publicity.ts';

const row = (a: string, site: string, coverage: number | null, shown = true): PublicityRow => ({
  announcementId: a,
  title: `公告${a}`,
  siteCode: site,
  siteName: site,
  validFrom: '2026-11-01',
  validTo: '2026-11-07',
  firstShownAt: shown ? 1 : null,
  lastShownAt: shown ? 2 : null,
  totalShownMs: shown ? 60_000 : 0,
  coverage,
});

describe('publicity', () => {
  it('names never shown, too little and enough', () => {
    expect(standing(row('a', 's', 0, false))).toBe('never');
    expect(standing(row('a', 's', 0.5))).toBe('low');
    expect(standing(row('a', 's', 0.8))).toBe('ok');
    expect(standing(row('a', 's', null))).toBe('unknown');
  });

  it('groups by announcement, most short sites first, worst share first inside', () => {
    const rows = [row('x', 'b', 1), row('y', 'a', 1), row('y', 'c', 0.2), row('y', 'd', 0, false), row('x', 'a', 0.9)];
    const g = groupPublicity(rows);
    expect(g.map((x) => [x.id, x.short, x.rows.map((r) => r.siteCode)])).toEqual([
      ['y', 2, ['d', 'c', 'a']],
      ['x', 0, ['a', 'b']],
    ]);
    expect(groupPublicity(rows, true).map((x) => [x.id, x.rows.length])).toEqual([['y', 2]]);
    expect(standingCounts(rows)).toEqual({ never: 1, noscreen: 0, low: 1, ok: 3, unknown: 0 });
  });

  it('tells a site without any screen from a screen that never showed it', () => {
    const screens = screenSitesOf([
      { siteCode: 'a', mode: 'display', revokedAt: null },
      { siteCode: 'd', mode: 'kiosk', revokedAt: null },
      { siteCode: 'e', mode: 'ticker', revokedAt: 5 },
    ]);
    expect([...screens]).toEqual(['a']);
    expect(standing(row('y', 'd', 0, false), screens)).toBe('noscreen');
    expect(standing(row('y', 'a', 0, false), screens)).toBe('never');
    const rows = [row('y', 'd', 0, false), row('y', 'c', 0.2), row('y', 'a', 1)];
    expect(groupPublicity(rows, false, screens)[0]).toMatchObject({ short: 1 });
    expect(groupPublicity(rows, false, screens)[0].rows.map((r) => r.siteCode)).toEqual(['c', 'a', 'd']);
    expect(standingCounts(rows, screens)).toMatchObject({ noscreen: 1, never: 0, low: 1 });
  });
});
