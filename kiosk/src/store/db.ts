/**
 * The kiosk's one IndexedDB database and every object store in it. Modules that
 * keep data (content, evaluations, play log) open it through openKioskDb() and
 * own their store; none creates stores of its own.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { EntryPayload, SiteBundle } from '../bundle/schema.ts';

/** One verified version of a site: its signed entry point and the SiteBundle assembled from its parts. */
export interface StoredVersion {
  entry: EntryPayload;
  /** Assembled once, when the version was stored (start-up reads it as it is). */
  bundle: SiteBundle;
  /** SHA-256 of every part of this version (entry point's own and its lists' members). */
  parts: string[];
  /** Epoch ms when this version was verified and stored. */
  storedAt: number;
}

/** What a kiosk holds for one site: the version shown and the last-known-good one before it. */
export interface StoredSite {
  siteCode: string;
  current: StoredVersion;
  /** The version shown before `current` (rollback target). */
  previous?: StoredVersion;
  /** Highest version ever made current: an entry point at or below it changes nothing. */
  highestVersion: number;
}

/** A verified part (parts/<hash>.json), parsed; shared by every version that lists its hash. */
export interface StoredPart {
  sha256: string;
  value: unknown;
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
  /** Since version 2: one record per site with its current and previous version. */
  sites: { key: string; value: StoredSite };
  parts: { key: string; value: StoredPart };
  assets: { key: string; value: StoredAsset };
  evaluations: { key: number; value: StoredEvaluation; indexes: { at: number } };
  playlog: { key: number; value: PlayLogEntry; indexes: { at: number } };
}

export type KioskDatabase = IDBPDatabase<KioskDb>;

export const DB_NAME = 'bianmin-kiosk';
const DB_VERSION = 2;

let opening: Promise<KioskDatabase> | null = null;

export function openKioskDb(): Promise<KioskDatabase> {
  opening ??= openDB<KioskDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('assets', { keyPath: 'path' });
        db.createObjectStore('evaluations', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
        db.createObjectStore('playlog', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
      }
      if (oldVersion < 2) {
        // Format 2 (split entry points and parts): the whole-bundle store of version 1 goes; the
        // first check after the upgrade downloads the site once. Assets keep their keys.
        const legacy = db as unknown as IDBPDatabase;
        if (legacy.objectStoreNames.contains('content')) legacy.deleteObjectStore('content');
        db.createObjectStore('sites', { keyPath: 'siteCode' });
        db.createObjectStore('parts', { keyPath: 'sha256' });
      }
    },
    blocking() {
      // A newer version of the app wants to upgrade: let it, and reopen on next use.
      void opening?.then((db) => db.close());
      opening = null;
    },
  });
  return opening;
}
