/**
 * 好差评 ratings kept durably in the `evaluations` store of the kiosk database, and exported as
 * JSON. Each rating gets a random UUID when it is given; when the kiosk uploads to a hub, the
 * rating is written to the uplink's outbox in the SAME transaction (so a crash can never keep one
 * without the other), and a 差评's optional callback phone goes to its own store (never into the
 * rating, never into an export). The database is passed in (opened once in main.tsx).
 */
import { LIMITS } from '../uplink/api.ts';
import { ratingOutboxRow, type KioskDatabase, type StoredEvaluation } from './db.ts';

export type NewEvaluation = Omit<StoredEvaluation, 'id' | 'exportedAt' | 'uuid' | 'uploadedAt' | 'overflowAt'>;

export interface SaveOptions {
  /** Queue the rating for upload (a hub is configured). Without it the rating is only kept here. */
  queue?: boolean;
  contentVersion?: number | null;
  /** 差评 only: digits of the phone the resident asked to be called back on. */
  callbackPhone?: string;
  /** Ratings waiting in the outbox before the queue counts as full (default LIMITS.kioskRatingQueue). */
  queueLimit?: number;
  now?: number;
  /** Defaults to crypto.randomUUID(). */
  uuid?: string;
}

export interface SavedEvaluation {
  key: number;
  uuid: string;
  /** in the outbox | waiting for room in a full queue (kept, sent later) | not for upload */
  queue: 'queued' | 'overflow' | 'none';
}

export async function addEvaluation(db: KioskDatabase, e: NewEvaluation, options: SaveOptions = {}): Promise<SavedEvaluation> {
  const uuid = options.uuid ?? crypto.randomUUID();
  const now = options.now ?? Date.now();
  const limit = options.queueLimit ?? LIMITS.kioskRatingQueue;
  const tx = db.transaction(['evaluations', 'outbox', 'callbackPhones'], 'readwrite', { durability: 'strict' });
  const record: StoredEvaluation = { ...e, reasons: [...e.reasons], target: { ...e.target }, uuid };
  let queue: SavedEvaluation['queue'] = 'none';
  if (options.queue) {
    const pending = await tx
      .objectStore('outbox')
      .index('pending')
      .count(IDBKeyRange.bound(['rating', -Infinity], ['rating', Infinity]));
    queue = pending < limit ? 'queued' : 'overflow';
    if (queue === 'overflow') record.overflowAt = e.at;
  }
  const key = await tx.objectStore('evaluations').add(record);
  if (queue === 'queued') {
    await tx.objectStore('outbox').add(ratingOutboxRow({ ...record, uuid }, key, options.contentVersion ?? null, now));
  }
  if (options.queue && options.callbackPhone && e.level <= 2) {
    await tx.objectStore('callbackPhones').put({ ratingId: uuid, phone: options.callbackPhone });
  }
  await tx.done;
  return { key, uuid, queue };
}

/** All ratings, oldest first. */
export async function listEvaluations(db: KioskDatabase): Promise<StoredEvaluation[]> {
  return db.getAllFromIndex('evaluations', 'at');
}

export interface EvaluationExport {
  format: 'bianmin-evaluations';
  version: 1;
  /** Epoch ms of the export. */
  exportedAt: number;
  evaluations: StoredEvaluation[];
}

/**
 * The ratings not yet exported (or all of them) as an export document. Call markExported with
 * the ids once it has been handed over. Callback phones are never part of it.
 */
export async function exportEvaluations(db: KioskDatabase, options: { all?: boolean; now?: number } = {}): Promise<EvaluationExport> {
  const list = await listEvaluations(db);
  return {
    format: 'bianmin-evaluations',
    version: 1,
    exportedAt: options.now ?? Date.now(),
    evaluations: options.all ? list : list.filter((e) => e.exportedAt === undefined),
  };
}

export async function markExported(db: KioskDatabase, ids: readonly number[], at = Date.now()): Promise<void> {
  const tx = db.transaction('evaluations', 'readwrite', { durability: 'strict' });
  const rows = await Promise.all(ids.map((id) => tx.store.get(id)));
  await Promise.all(rows.filter((r) => r !== undefined).map((r) => tx.store.put({ ...r, exportedAt: at })));
  await tx.done;
}
