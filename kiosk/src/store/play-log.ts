/**
 * The display loop's play log (what was shown, when, for how long) in the
 * `playlog` store. Bounded: entries older than MAX_AGE_DAYS and all but the newest
 * MAX_ENTRIES are deleted, checked every PRUNE_EVERY writes and at start-up, in
 * one transaction, so the log never grows without limit on a screen that runs
 * for months.
 */
import { openKioskDb, type KioskDatabase, type PlayLogEntry } from './db.ts';

export const MAX_ENTRIES = 5000;
export const MAX_AGE_DAYS = 7;
export const PRUNE_EVERY = 200;

let writes = 0;

export async function logPlay(entry: Omit<PlayLogEntry, 'id'>, db?: KioskDatabase): Promise<void> {
  const d = db ?? (await openKioskDb());
  await d.add('playlog', entry);
  if (++writes % PRUNE_EVERY === 1) await prunePlayLog(entry.at, d);
}

/** Deletes entries older than MAX_AGE_DAYS before `now` and beyond the newest MAX_ENTRIES. */
export async function prunePlayLog(now: number, db?: KioskDatabase, maxEntries = MAX_ENTRIES): Promise<number> {
  const d = db ?? (await openKioskDb());
  const tx = d.transaction('playlog', 'readwrite');
  const store = tx.store;
  let deleted = 0;
  const cutoff = now - MAX_AGE_DAYS * 86_400_000;
  let cursor = await store.index('at').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    await cursor.delete();
    deleted++;
    cursor = await cursor.continue();
  }
  const count = await store.count();
  if (count > maxEntries) {
    // Keys grow with time (autoIncrement): delete the oldest keys.
    let excess = count - maxEntries;
    let c = await store.openCursor();
    while (c && excess > 0) {
      await c.delete();
      deleted++;
      excess--;
      c = await c.continue();
    }
  }
  await tx.done;
  return deleted;
}

export async function readPlayLog(db?: KioskDatabase): Promise<PlayLogEntry[]> {
  const d = db ?? (await openKioskDb());
  return d.getAllFromIndex('playlog', 'at');
}

const csvCell = (v: unknown) => {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The whole log as JSON or CSV (UTF-8 with BOM so Excel opens Chinese text correctly). */
export async function exportPlayLog(format: 'json' | 'csv', db?: KioskDatabase): Promise<string> {
  const rows = await readPlayLog(db);
  if (format === 'json') return JSON.stringify(rows, null, 1);
  const head = ['时间', '站点', '内容', '标题', '显示毫秒', '内容版本'];
  const lines = rows.map((r) =>
    [new Date(r.at).toISOString(), r.siteCode, r.slide, r.title, r.ms, r.contentVersion].map(csvCell).join(','),
  );
  return '\ufeff' + [head.join(','), ...lines].join('\n');
}
