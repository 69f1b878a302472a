import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openKioskDb } from './db.ts';
import { exportPlayLog, logPlay, prunePlayLog, readPlayLog } from './play-log.ts';

const entry = (at: number, slide = 'item:MZ-001#1/2') => ({
  siteCode: 'baihe',
  at,
  ms: 12000,
  slide,
  title: '标题,含"逗号"',
  contentVersion: 3,
});

describe('play log', () => {
  it('keeps entries, drops those older than 7 days and beyond the bound', async () => {
    const db = await openKioskDb();
    await db.clear('playlog');
    const now = Date.parse('2026-11-25T10:00:00+08:00');
    for (let i = 0; i < 30; i++) await db.add('playlog', entry(now - 8 * 86_400_000 + i));
    for (let i = 0; i < 30; i++) await db.add('playlog', entry(now - 1000 * (30 - i)));
    expect(await prunePlayLog(db, now, 20)).toBe(40);
    const left = await readPlayLog(db);
    expect(left).toHaveLength(20);
    // the newest ones stay
    expect(left[left.length - 1].at).toBe(now - 1000);
    expect(left[0].at).toBe(now - 1000 * 20);
  });

  it('exports CSV with quoting and JSON', async () => {
    const db = await openKioskDb();
    await db.clear('playlog');
    await logPlay(db, entry(Date.parse('2026-11-25T02:00:00Z')));
    const csv = await exportPlayLog(db, 'csv');
    expect(csv.split('\n')[1]).toBe('2026-11-25T02:00:00.000Z,baihe,item:MZ-001#1/2,"标题,含""逗号""",12000,3');
    expect(JSON.parse(await exportPlayLog(db, 'json'))[0]).toMatchObject({ slide: 'item:MZ-001#1/2', ms: 12000 });
  });
});
