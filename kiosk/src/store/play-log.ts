/**
 * The display loop's play log (what was shown, when, for how long) in the
 * `playlog` store. Bounded: entries older than MAX_AGE_DAYS and all but the newest
 * MAX_ENTRIES are deleted, checked every PRUNE_EVERY writes and at start-up, in
 * one transaction, so the log never grows without limit on a screen that runs
 * for months. When the kiosk uploads to a hub, each entry is also written to the uplink's
 * outbox in the same transaction (bounded by LIMITS.kioskPlayLogQueue). The database is
 * passed in (opened once in main.tsx).
 */
import { LIMITS } from '../uplink/api.ts';
import type { KioskDatabase, PlayLogEntry } from './db.ts';

export const MAX_ENTRIES = 5000;
export const MAX_AGE_DAYS = 7;
export const PRUNE_EVERY = 200;

let writes = 0;

export interface LogOptions {
  /** Also queue the entry for upload (a hub is configured). */
  queue?: boolean;
  queueLimit?: number;
  uuid?: string;
}

/** Stores one entry; returns whether it was queued for upload (false when not asked or the queue is full). */
export async function logPlay(db: KioskDatabase, entry: Omit<PlayLogEntry, 'id'>, options: LogOptions = {}): Promise<boolean> {
  const tx = db.transaction(['playlog', 'outbox'], 'readwrite');
  await tx.objectStore('playlog').add(entry);
  let queued = false;
  if (options.queue) {
    const outbox = tx.objectStore('outbox');
    const pending = await outbox.index('pending').count(IDBKeyRange.bound(['playlog', -Infinity], ['playlog', Infinity]));
    if (pending < (options.queueLimit ?? LIMITS.kioskPlayLogQueue)) {
      const id = options.uuid ?? crypto.randomUUID();
      const { siteCode, slide, title, at, ms, contentVersion } = entry;
      await outbox.add({
        kind: 'playlog',
        id,
        queuedAt: at + ms,
        pendingAt: at,
        attempts: 0,
        body: { id, siteCode, slide, title, from: at, to: at + ms, contentVersion },
      });
      queued = true;
    }
  }
  await tx.done;
  if (++writes % PRUNE_EVERY === 1) await prunePlayLog(db, entry.at);
  return queued;
}

/** Deletes entries older than MAX_AGE_DAYS before `now` and beyond the newest MAX_ENTRIES. */
export async function prunePlayLog(db: KioskDatabase, now: number, maxEntries = MAX_ENTRIES): Promise<number> {
  const tx = db.transaction('playlog', 'readwrite');
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

export async function readPlayLog(db: KioskDatabase): Promise<PlayLogEntry[]> {
  return db.getAllFromIndex('playlog', 'at');
}

const csvCell = (v: unknown) => {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The whole log as JSON or CSV (UTF-8 with BOM so Excel opens Chinese text correctly). */
export async function exportPlayLog(db: KioskDatabase, format: 'json' | 'csv'): Promise<string> {
  const rows = await readPlayLog(db);
  if (format === 'json') return JSON.stringify(rows, null, 1);
  const head = ['时间', '站点', '内容', '标题', '显示毫秒', '内容版本'];
  const lines = rows.map((r) =>
    [new Date(r.at).toISOString(), r.siteCode, r.slide, r.title, r.ms, r.contentVersion].map(csvCell).join(','),
  );
  return '\ufeff' + [head.join(','), ...lines].join('\n');
}
