/**
 * The uplink's outbox in IndexedDB (`outbox` and `callbackPhones` stores, kiosk/src/store/db.ts):
 * what waits to be sent, oldest first, and what happens to it once the hub answered. Every
 * function takes the database; each change is one transaction.
 *
 * Ratings and play-log entries are written to the outbox by store/evaluations.ts and
 * store/play-log.ts in the same transaction as the record itself; heartbeats are queued here.
 */
import { ratingOutboxRow, type KioskDatabase, type OutboxKind, type OutboxRow } from '../store/db.ts';
import { LIMITS, type HeartbeatRequest, type RatingUpload } from './api.ts';
import type { QueueCounts } from '../state/uplink-status.ts';

/** Heartbeats kept while offline (5 min apart: a bit over 8 hours); the oldest go first. */
export const MAX_QUEUED_HEARTBEATS = 100;

const pendingRange = (kind: OutboxKind) => IDBKeyRange.bound([kind, -Infinity], [kind, Infinity]);

/** Up to `limit` rows of one queue still to send, oldest first. */
export async function pendingRows(db: KioskDatabase, kind: OutboxKind, limit: number): Promise<OutboxRow[]> {
  return db.getAllFromIndex('outbox', 'pending', pendingRange(kind), limit);
}

/** The ratings of `rows` as uploads, each with its callback phone when the resident left one. */
export async function ratingUploads(db: KioskDatabase, rows: OutboxRow[]): Promise<RatingUpload[]> {
  const tx = db.transaction('callbackPhones', 'readonly');
  const out = await Promise.all(
    rows.map(async (r) => {
      if (r.kind !== 'rating') throw new Error(`not a rating: ${r.id}`);
      const phone = await tx.store.get(r.id);
      return phone ? { ...r.body, callbackPhone: phone.phone } : { ...r.body };
    }),
  );
  await tx.done;
  return out;
}

export interface Settlement {
  accepted: readonly string[];
  rejected: readonly { id: string; reason: string }[];
}

/**
 * Applies the hub's answer: acknowledged rows leave the queue (a rating is marked uploaded in
 * `evaluations`, its phone deleted); refused rows stay in the outbox with their reason, out of
 * the queue (kept for staff, never silently dropped). Ids the hub did not mention stay queued.
 */
export async function settle(db: KioskDatabase, answer: Settlement, now: number): Promise<void> {
  const tx = db.transaction(['outbox', 'evaluations', 'callbackPhones'], 'readwrite', { durability: 'strict' });
  const outbox = tx.objectStore('outbox');
  for (const id of answer.accepted) {
    const row = await outbox.get(id);
    if (!row) continue;
    if (row.kind === 'rating') {
      const e = await tx.objectStore('evaluations').get(row.evaluationKey);
      if (e) await tx.objectStore('evaluations').put({ ...e, uploadedAt: now });
      await tx.objectStore('callbackPhones').delete(id);
    }
    await outbox.delete(id);
  }
  for (const { id, reason } of answer.rejected) {
    const row = await outbox.get(id);
    if (!row) continue;
    const { pendingAt: _drop, ...rest } = row;
    await outbox.put({ ...rest, rejectedAt: now, reason: String(reason).slice(0, 300) } as OutboxRow);
    if (row.kind === 'rating') await tx.objectStore('callbackPhones').delete(id);
  }
  await tx.done;
}

/** Counts one more attempt on rows that were sent and not answered. */
export async function countAttempt(db: KioskDatabase, ids: readonly string[]): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  for (const id of ids) {
    const row = await tx.store.get(id);
    if (row?.pendingAt !== undefined) await tx.store.put({ ...row, attempts: row.attempts + 1 });
  }
  await tx.done;
}

/** Queues a heartbeat; beyond MAX_QUEUED_HEARTBEATS the oldest queued heartbeats are dropped. */
export async function queueHeartbeat(db: KioskDatabase, hb: HeartbeatRequest, max = MAX_QUEUED_HEARTBEATS): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  await tx.store.put({ kind: 'heartbeat', id: hb.id, queuedAt: hb.at, pendingAt: hb.at, attempts: 0, body: hb });
  let excess = (await tx.store.index('pending').count(pendingRange('heartbeat'))) - max;
  let cursor = excess > 0 ? await tx.store.index('pending').openCursor(pendingRange('heartbeat')) : null;
  while (cursor && excess > 0) {
    await cursor.delete();
    excess--;
    cursor = await cursor.continue();
  }
  await tx.done;
}

/** Removes one queued heartbeat (sent, or refused as malformed: heartbeats are not kept for staff). */
export async function dropRow(db: KioskDatabase, id: string): Promise<void> {
  await db.delete('outbox', id);
}

/**
 * Moves ratings kept while the queue was full into the outbox, oldest first, as far as there is
 * room. Returns how many moved.
 */
export async function refillRatings(db: KioskDatabase, now: number, limit: number = LIMITS.kioskRatingQueue): Promise<number> {
  const tx = db.transaction(['outbox', 'evaluations'], 'readwrite', { durability: 'strict' });
  const outbox = tx.objectStore('outbox');
  let room = limit - (await outbox.index('pending').count(pendingRange('rating')));
  let moved = 0;
  let cursor = room > 0 ? await tx.objectStore('evaluations').index('overflow').openCursor() : null;
  while (cursor && room > 0) {
    const { overflowAt: _drop, ...e } = cursor.value;
    if (e.uuid && e.id !== undefined) {
      await outbox.put(ratingOutboxRow({ ...e, uuid: e.uuid }, e.id, null, now));
      await cursor.update(e);
      room--;
      moved++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return moved;
}

export async function queueCounts(db: KioskDatabase): Promise<QueueCounts> {
  const tx = db.transaction(['outbox', 'evaluations'], 'readonly');
  const pending = tx.objectStore('outbox').index('pending');
  const rejected = tx.objectStore('outbox').index('rejected');
  const [ratings, playLog, heartbeats, overflow, rejectedCount] = await Promise.all([
    pending.count(pendingRange('rating')),
    pending.count(pendingRange('playlog')),
    pending.count(pendingRange('heartbeat')),
    tx.objectStore('evaluations').index('overflow').count(),
    rejected.count(),
  ]);
  await tx.done;
  return { ratings, playLog, heartbeats, overflow, rejected: rejectedCount };
}

/** Uploads the hub refused, newest first, with their reasons (for the maintenance panel). */
export async function rejectedRows(db: KioskDatabase, limit = 50): Promise<OutboxRow[]> {
  const rows = await db.getAllFromIndex('outbox', 'rejected');
  return rows.sort((a, b) => (b.rejectedAt ?? 0) - (a.rejectedAt ?? 0)).slice(0, limit);
}
