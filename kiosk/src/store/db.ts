/**
 * The kiosk's one IndexedDB database and every object store in it. main.tsx opens it once
 * (openKioskDb) and passes it down; modules that keep data (content, evaluations, play log,
 * the uplink's device record and outbox) take it as a parameter and own their store; none
 * creates stores of its own.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { EntryPayload, SearchEntry, SearchIndex, ServiceItem, SiteBundle } from '../bundle/schema.ts';
import type { HeartbeatRequest, PlayLogUpload, RatingUpload } from '../uplink/api.ts';

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

/**
 * What a kiosk holds for one site: the version shown and the last-known-good one before it. In
 * the database (DB_VERSION 4) it is three records, so that a start reads only what it shows, in
 * tasks of moderate size: `sites` (SiteRecord: the current version without its search data),
 * `siteSearch` (that search data) and `previousVersions` (the last-known-good version, whole; read
 * only to roll back or to collect garbage). content-store.ts joins and splits them.
 */
export interface StoredSite {
  siteCode: string;
  current: StoredVersion;
  /** The version shown before `current` (rollback target); absent when only `hasPrevious` was read. */
  previous?: StoredVersion;
  /** True when a previous version is held (also when it was not read). */
  hasPrevious?: boolean;
  /** Highest version ever made current: an entry point at or below it changes nothing. */
  highestVersion: number;
}

/**
 * A site's record in `sites`: its current version with `bundle.search` empty and no
 * `searchIndex` (both in `siteSearch`), and only the first ITEM_CHUNK items of `bundle.items`
 * (the others in `siteItems`, `itemChunks` records). Its announcements and documents are kept
 * as one JSON text (`notices`; the bundle's arrays empty): a string is read back without
 * building an object per field, and the text is parsed when they are first read (withNotices),
 * not by every start, whose attract screen shows none. Records without `notices` (written
 * before) hold the arrays themselves; both read alike.
 */
export interface SiteRecord {
  siteCode: string;
  current: StoredVersion;
  hasPrevious: boolean;
  highestVersion: number;
  /** Records in `siteItems` with the items after the first ITEM_CHUNK (absent = none). */
  itemChunks?: number;
  /** JSON of { announcements, documents } of the current version (absent: in the bundle). */
  notices?: string;
}

type Notices = Pick<SiteBundle, 'announcements' | 'documents'>;

/**
 * `bundle` with the announcements and documents of a record's `notices` text, parsed on first
 * read (own enumerable accessors: spreading, cloning and storing the bundle read them as values).
 */
export function withNotices(bundle: SiteBundle, notices: string | undefined): SiteBundle {
  if (notices === undefined) return bundle;
  let parsed: Notices | undefined;
  const read = () => (parsed ??= JSON.parse(notices) as Notices);
  const out = { ...bundle };
  for (const key of ['announcements', 'documents'] as const)
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get: () => read()[key],
      set(value: unknown) {
        Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
      },
    });
  return out;
}

/** Items per record (`sites` holds the first ones, `siteItems` the others): each is read in a task of its own. */
export const ITEM_CHUNK = 500;

/** Items ITEM_CHUNK × chunk … of a site's current version (`siteItems`, key [siteCode, chunk], chunk ≥ 1). */
export interface StoredItems {
  siteCode: string;
  chunk: number;
  version: number;
  items: ServiceItem[];
}

/** Search entries per `siteSearch` record: each is read in a task of its own. */
export const SEARCH_CHUNK = 500;

/**
 * The search entries and start-key lookup of a site's current version (`siteSearch`, key
 * [siteCode, chunk]): SEARCH_CHUNK entries per record, the lookup and the number of records in
 * chunk 0.
 */
export interface StoredSearch {
  siteCode: string;
  chunk: number;
  /** Content version they belong to (the current version of the site record). */
  version: number;
  search: SearchEntry[];
  /** Chunk 0 only: how many chunks there are. */
  chunks?: number;
  /** Chunk 0 only. */
  searchIndex?: SearchIndex;
}

/** A site's last-known-good version, whole (`previousVersions`). */
export interface StoredPrevious {
  siteCode: string;
  version: StoredVersion;
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
  /** Random UUID given when the rating was made (DB_VERSION 3; older ratings got one in the upgrade). */
  uuid?: string;
  /** Set when the hub acknowledged the rating. */
  uploadedAt?: number;
  /**
   * Set while the rating waits for room in a full upload queue (kioskRatingQueue): the uplink
   * moves it into the outbox, oldest first, as soon as the queue has room. Never dropped.
   */
  overflowAt?: number;
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

/** This device's enrolment with the county hub (one record, key "device"). */
export interface DeviceRecord {
  key: 'device';
  deviceId: string;
  token: string;
  siteCode: string;
  /** Name given in the dashboard, shown by the identify command. */
  name: string;
  heartbeatSeconds: number;
  /** Base URL of the hub that issued the token. */
  hub: string;
  enrolledAt: number;
  /** Set when the hub answered 401: the token is wrong or revoked (shown to staff); nothing is sent until re-enrolled. */
  invalidAt?: number;
  /** Ids of hub commands carried out and not yet reported in a heartbeat the hub received. */
  doneCommands: string[];
  /** Ids of the last commands carried out (a command repeated by the hub is not carried out twice). */
  seenCommands: string[];
  /** Reloads done for the hub (reload command) not yet reported in a heartbeat the hub received. */
  reloads?: { at: number; reason: string }[];
  /** Newest time of a watchdog reload (the device's event log) the hub has received. */
  reloadsReportedUntil?: number;
}

export type OutboxKind = 'rating' | 'playlog' | 'heartbeat';

interface OutboxBase {
  /** The upload's UUID (the hub stores each id once). */
  id: string;
  /** Epoch ms when it was queued. */
  queuedAt: number;
  /** Present while waiting to be sent (the value orders the queue: oldest first). */
  pendingAt?: number;
  /** Present when the hub refused it for good, with its reason: kept for staff, never sent again. */
  rejectedAt?: number;
  reason?: string;
  attempts: number;
}

/** A rating waiting for the hub. The callback phone is NOT here: it lives in `callbackPhones`. */
export interface RatingOutboxRow extends OutboxBase {
  kind: 'rating';
  body: Omit<RatingUpload, 'callbackPhone'>;
  /** Key of the rating in `evaluations`. */
  evaluationKey: number;
}
export interface PlayLogOutboxRow extends OutboxBase {
  kind: 'playlog';
  body: PlayLogUpload;
}
export interface HeartbeatOutboxRow extends OutboxBase {
  kind: 'heartbeat';
  body: HeartbeatRequest;
}
export type OutboxRow = RatingOutboxRow | PlayLogOutboxRow | HeartbeatOutboxRow;

/** A 差评's callback phone, kept apart from the rating and deleted once the hub has it. */
export interface CallbackPhone {
  ratingId: string;
  phone: string;
}

interface KioskDb extends DBSchema {
  /** Since version 2: one record per site; since version 4 without its search data and previous version. */
  sites: { key: string; value: SiteRecord };
  /** Since version 4: the search data of each site's current version. */
  siteSearch: { key: [string, number]; value: StoredSearch };
  /** Since version 4: the items of each site's current version after the first ITEM_CHUNK. */
  siteItems: { key: [string, number]; value: StoredItems };
  /** Since version 4: each site's previous (last-known-good) version. */
  previousVersions: { key: string; value: StoredPrevious };
  parts: { key: string; value: StoredPart };
  assets: { key: string; value: StoredAsset };
  evaluations: { key: number; value: StoredEvaluation; indexes: { at: number; uuid: string; overflow: number } };
  playlog: { key: number; value: PlayLogEntry; indexes: { at: number } };
  device: { key: string; value: DeviceRecord };
  /** Uploads waiting for the hub; index `pending` = [kind, pendingAt] (only rows still to send). */
  outbox: {
    key: string;
    value: OutboxRow;
    indexes: { pending: [OutboxKind, number]; rejected: [OutboxKind, number] };
  };
  callbackPhones: { key: string; value: CallbackPhone };
}

export type KioskDatabase = IDBPDatabase<KioskDb>;

export const DB_NAME = 'bianmin-kiosk';
const DB_VERSION = 4;

export type KioskUpgradeTx = IDBPTransaction<KioskDb, StoreNames<KioskDb>[], 'versionchange'>;

/**
 * Version 3: the uplink's stores. Existing ratings keep their keys and get a UUID; those not yet
 * exported wait in the outbox (sent once a hub is configured and the device enrolled). The play
 * log stays as it is (only new entries are uploaded).
 */
function upgradeToV3(db: IDBPDatabase<KioskDb>, tx: KioskUpgradeTx): void {
  db.createObjectStore('device', { keyPath: 'key' });
  const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
  outbox.createIndex('pending', ['kind', 'pendingAt']);
  outbox.createIndex('rejected', ['kind', 'rejectedAt']);
  db.createObjectStore('callbackPhones', { keyPath: 'ratingId' });
  const evaluations = tx.objectStore('evaluations');
  evaluations.createIndex('uuid', 'uuid', { unique: true });
  evaluations.createIndex('overflow', 'overflowAt');
  void (async () => {
    let cursor = await evaluations.openCursor();
    while (cursor) {
      const e = cursor.value;
      if (!e.uuid) {
        const uuid = crypto.randomUUID();
        await cursor.update({ ...e, uuid });
        if (e.exportedAt === undefined && e.uploadedAt === undefined) {
          await tx.objectStore('outbox').put(ratingOutboxRow({ ...e, uuid }, cursor.primaryKey, null, Date.now()));
        }
      }
      cursor = await cursor.continue();
    }
  })();
}

/** Splits a version into its record (search data emptied, first items only), its search data and its other items, in chunks. */
export function splitVersion(siteCode: string, v: StoredVersion): { record: SiteRecord; search: StoredSearch[]; items: StoredItems[] } {
  const { search = [], searchIndex, ...rest } = v.bundle;
  const version = v.entry.version;
  const chunks = Math.max(1, Math.ceil(search.length / SEARCH_CHUNK));
  const out: StoredSearch[] = [];
  for (let i = 0; i < chunks; i++)
    out.push({ siteCode, chunk: i, version, search: search.slice(i * SEARCH_CHUNK, (i + 1) * SEARCH_CHUNK) });
  out[0].chunks = chunks;
  if (searchIndex) out[0].searchIndex = searchIndex;
  const all = rest.items ?? [];
  const items: StoredItems[] = [];
  for (let i = 1; i * ITEM_CHUNK < all.length; i++)
    items.push({ siteCode, chunk: i, version, items: all.slice(i * ITEM_CHUNK, (i + 1) * ITEM_CHUNK) });
  const bundle = { ...rest, search: [], announcements: [], documents: [] };
  if (rest.items) bundle.items = all.slice(0, ITEM_CHUNK);
  const record: SiteRecord = { siteCode, current: { ...v, bundle }, hasPrevious: false, highestVersion: version };
  if (items.length) record.itemChunks = items.length;
  record.notices = JSON.stringify({ announcements: rest.announcements, documents: rest.documents } satisfies Notices);
  return { record, search: out, items };
}

/**
 * Version 4: each site record is split in three (see StoredSite): its search data goes to
 * `siteSearch`, its previous version to `previousVersions`. Nothing is downloaded again.
 */
function upgradeToV4(db: IDBPDatabase<KioskDb>, tx: KioskUpgradeTx): void {
  db.createObjectStore('siteSearch', { keyPath: ['siteCode', 'chunk'] });
  db.createObjectStore('siteItems', { keyPath: ['siteCode', 'chunk'] });
  db.createObjectStore('previousVersions', { keyPath: 'siteCode' });
  void (async () => {
    let cursor = await tx.objectStore('sites').openCursor();
    while (cursor) {
      const old = cursor.value as SiteRecord & { previous?: StoredVersion };
      const { record, search, items } = splitVersion(old.siteCode, old.current);
      for (const c of search) await tx.objectStore('siteSearch').put(c);
      for (const c of items) await tx.objectStore('siteItems').put(c);
      if (old.previous) await tx.objectStore('previousVersions').put({ siteCode: old.siteCode, version: old.previous });
      await cursor.update({ ...record, hasPrevious: !!old.previous, highestVersion: old.highestVersion });
      cursor = await cursor.continue();
    }
  })();
}

/** The outbox row of a stored rating (no callback phone: that is kept in `callbackPhones`). */
export function ratingOutboxRow(
  e: StoredEvaluation & { uuid: string },
  evaluationKey: number,
  contentVersion: number | null,
  now: number,
): RatingOutboxRow {
  return {
    kind: 'rating',
    id: e.uuid,
    queuedAt: now,
    pendingAt: e.at,
    attempts: 0,
    evaluationKey,
    body: {
      id: e.uuid,
      at: e.at,
      siteCode: e.siteCode,
      level: e.level,
      target: { ...e.target },
      reasons: [...e.reasons],
      ...(e.comment ? { comment: e.comment } : {}),
      contentVersion,
    },
  };
}

let opening: Promise<KioskDatabase> | null = null;

/** Opens the kiosk database (once: later calls share the connection). `name` is for tests. */
export function openKioskDb(name = DB_NAME): Promise<KioskDatabase> {
  if (name !== DB_NAME) return open(name, () => {});
  opening ??= open(name, () => {
    opening = null;
  });
  return opening;
}

function open(name: string, onBlocking: () => void): Promise<KioskDatabase> {
  const p: Promise<KioskDatabase> = openDB<KioskDb>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
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
      if (oldVersion < 3) upgradeToV3(db, tx);
      if (oldVersion < 4) upgradeToV4(db, tx);
    },
    blocking() {
      // A newer version of the app wants to upgrade: let it, and reopen on next use.
      void p.then((db) => db.close());
      onBlocking();
    },
  });
  return p;
}
