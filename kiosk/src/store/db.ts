/**
 * The kiosk's one IndexedDB database and every object store in it. Modules that
 * keep data (content, evaluations, play log) open it through openKioskDb() and
 * own their store; none creates stores of its own.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ManifestPayload, SiteBundle } from '../bundle/schema.ts';

/** The last good, verified content of one site. */
export interface StoredContent {
  siteCode: string;
  manifest: ManifestPayload;
  bundle: SiteBundle;
  /** Epoch ms when this content was verified and stored. */
  storedAt: number;
}

export interface StoredAsset {
  path: string;
  sha256: string;
  blob: Blob;
}

/** One 好差评 rating, no personal data. */
export interface StoredEvaluation {
  id?: number;
  siteCode: string;
  /** Epoch ms */
  at: number;
  /** 5 非常满意 … 1 非常不满意 */
  level: 1 | 2 | 3 | 4 | 5;
  reasons: string[];
  comment?: string;
  /** What was rated: the centre, an item, a window or a staff member. */
  target: { kind: 'centre' | 'item' | 'window' | 'staff' | 'terminal'; id?: string; name?: string };
  /** Set once the rating has been exported or uploaded. */
  exportedAt?: number;
}

/** One entry of the display loop's play log. */
export interface PlayLogEntry {
  id?: number;
  siteCode: string;
  /** Epoch ms when the slide became visible. */
  at: number;
  /** Milliseconds it stayed visible. */
  ms: number;
  /** Slide kind and id, e.g. "announcement:a-2026-11-01", "item:MZ-001#2/3" */
  slide: string;
  title: string;
  contentVersion: number;
}

interface KioskDb extends DBSchema {
  content: { key: string; value: StoredContent };
  assets: { key: string; value: StoredAsset };
  evaluations: { key: number; value: StoredEvaluation; indexes: { at: number } };
  playlog: { key: number; value: PlayLogEntry; indexes: { at: number } };
}

export type KioskDatabase = IDBPDatabase<KioskDb>;

export const DB_NAME = 'bianmin-kiosk';
const DB_VERSION = 1;

let opening: Promise<KioskDatabase> | null = null;

export function openKioskDb(): Promise<KioskDatabase> {
  opening ??= openDB<KioskDb>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('content', { keyPath: 'siteCode' });
      db.createObjectStore('assets', { keyPath: 'path' });
      db.createObjectStore('evaluations', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
      db.createObjectStore('playlog', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
    },
    blocking() {
      // A newer version of the app wants to upgrade: let it, and reopen on next use.
      void opening?.then((db) => db.close());
      opening = null;
    },
  });
  return opening;
}
