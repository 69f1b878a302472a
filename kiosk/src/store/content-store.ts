/**
 * The verified content of each site, kept in IndexedDB (stores `sites`, `siteSearch`,
 * `previousVersions`, `parts` and `assets` of db.ts). Parts and assets are stored once, keyed by
 * hash, and shared by every version that lists them. A site holds the version shown and the
 * last-known-good one before it, in three records (db.ts StoredSite: the start-up reads the
 * current version and its search data in two requests, never the previous version). A new
 * version is made current in ONE readwrite transaction with strict durability, together with its
 * new parts and assets and the removal of whatever neither version of any site still lists:
 * either the new version is complete on disk or nothing changed.
 */
import { unwrap } from 'idb';
import type { AssetRef, SiteBundle } from '../bundle/schema.ts';
import {
  splitVersion,
  withNotices,
  type KioskDatabase,
  type SiteRecord,
  type StoredAsset,
  type StoredPart,
  type StoredItems,
  type StoredSearch,
  type StoredSite,
  type StoredVersion,
} from './db.ts';

export type SearchData = Pick<SiteBundle, 'search' | 'searchIndex'>;

/** The record's current version with its search data put back. */
function joinVersion(record: StoredVersion, search: SearchData | undefined): StoredVersion {
  if (!search) return record;
  return { ...record, bundle: withSearch(record.bundle, search) };
}

function withSearch(bundle: SiteBundle, search: SearchData): SiteBundle {
  const out = { ...bundle, search: search.search };
  if (search.searchIndex) out.searchIndex = search.searchIndex;
  return out;
}

type Get<T> = (key: [string, number]) => Promise<T | undefined>;

/**
 * The record's version with all its items (the first ones are in the record, the others read
 * chunk by chunk, one task each) and its announcements and documents (parsed when first read).
 */
async function withAllItems(get: Get<StoredItems>, record: SiteRecord): Promise<StoredVersion> {
  const v = record.current;
  let bundle = v.bundle;
  if (record.itemChunks) {
    const items = [...bundle.items];
    for (let i = 1; i <= record.itemChunks; i++) {
      const c = await get([record.siteCode, i]);
      if (!c || c.version !== v.entry.version) throw new Error(`本机保存的内容不完整（事项 ${i}）`);
      for (const item of c.items) items.push(item);
    }
    bundle = { ...bundle, items };
  }
  return { ...v, bundle: withNotices(bundle, record.notices) };
}

/** Reads the search data of `version` chunk by chunk (one request, one task each); undefined when another version's is stored. */
async function readSearch(get: Get<StoredSearch>, siteCode: string, version: number): Promise<SearchData | undefined> {
  const first = await get([siteCode, 0]);
  if (!first || first.version !== version) return undefined;
  const search = [...first.search];
  for (let i = 1; i < (first.chunks ?? 1); i++) {
    const c = await get([siteCode, i]);
    if (!c || c.version !== version) return undefined;
    for (const e of c.search) search.push(e);
  }
  return first.searchIndex ? { search, searchIndex: first.searchIndex } : { search };
}

/** The search data of the current version of a site (`version`), read in tasks of moderate size. */
export function loadSearch(db: KioskDatabase, siteCode: string, version: number): Promise<SearchData | undefined> {
  return readSearch((key) => getRaw<StoredSearch>(db, 'siteSearch', key), siteCode, version);
}

/**
 * What a start shows: the current version of a site (and whether a previous one is held, not
 * the previous version itself). The record in one request; its search data (unless
 * `withSearchData` is false: then `bundle.search` is empty, see loadSearch) chunk by chunk after it.
 */
export async function loadCurrent(db: KioskDatabase, siteCode: string, withSearchData = true): Promise<StoredSite | undefined> {
  const record = await getRaw<SiteRecord>(db, 'sites', siteCode);
  if (!record) return undefined;
  const current = await withAllItems((key) => getRaw<StoredItems>(db, 'siteItems', key), record);
  const search = withSearchData ? await loadSearch(db, siteCode, record.current.entry.version) : undefined;
  return { siteCode, current: joinVersion(current, search), hasPrevious: record.hasPrevious, highestVersion: record.highestVersion };
}

/**
 * One record by key with the plain IndexedDB request: the start's large reads skip idb's promise
 * wrapper, which inspects every result (measured: ~100 ms of a 4× throttled start at s500).
 */
function getRaw<T>(db: KioskDatabase, store: 'sites' | 'siteSearch' | 'siteItems', key: IDBValidKey): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const request = unwrap(db).transaction(store, 'readonly').objectStore(store).get(key);
    request.onsuccess = () => resolve(request.result as T | undefined);
    request.onerror = () => reject(request.error);
  });
}

/** The whole current version of a site record, inside a transaction over `siteItems` and `siteSearch`. */
async function readCurrent(
  tx: { objectStore(name: 'siteItems'): { get: Get<StoredItems> }; objectStore(name: 'siteSearch'): { get: Get<StoredSearch> } },
  record: SiteRecord,
): Promise<StoredVersion> {
  const v = await withAllItems((k) => tx.objectStore('siteItems').get(k), record);
  return joinVersion(v, await readSearch((k) => tx.objectStore('siteSearch').get(k), record.siteCode, v.entry.version));
}

/** Puts search data read later into a bundle already shown (the same object: views read it when they search). */
export function fillSearch(bundle: SiteBundle, search: SearchData): void {
  bundle.search = search.search;
  if (search.searchIndex) bundle.searchIndex = search.searchIndex;
}

/** Everything held for a site: the current version and the previous one. */
export async function loadSite(db: KioskDatabase, siteCode: string): Promise<StoredSite | undefined> {
  const tx = db.transaction(['sites', 'siteSearch', 'siteItems', 'previousVersions'], 'readonly');
  const [record, previous] = await Promise.all([tx.objectStore('sites').get(siteCode), tx.objectStore('previousVersions').get(siteCode)]);
  const current = record && (await readCurrent(tx, record));
  await tx.done;
  if (!record || !current) return undefined;
  return {
    siteCode,
    current,
    previous: previous?.version,
    hasPrevious: !!previous,
    highestVersion: record.highestVersion,
  };
}

/** Codes of all sites with stored content (to start offline without a remembered site). */
export async function storedSiteCodes(db: KioskDatabase): Promise<string[]> {
  return db.getAllKeys('sites');
}

/** Which of these part hashes are held. */
export async function heldPartHashes(db: KioskDatabase, hashes: readonly string[]): Promise<Set<string>> {
  const tx = db.transaction('parts', 'readonly');
  const keys = await Promise.all(hashes.map((h) => tx.store.getKey(h)));
  await tx.done;
  return new Set(keys.filter((k): k is string => k !== undefined));
}

/** Stored parts by hash. */
export async function loadParts(db: KioskDatabase, hashes: readonly string[]): Promise<Map<string, unknown>> {
  const tx = db.transaction('parts', 'readonly');
  const found = await Promise.all(hashes.map((h) => tx.store.get(h)));
  await tx.done;
  const out = new Map<string, unknown>();
  for (const p of found) if (p) out.set(p.sha256, p.value);
  return out;
}

/** Stored assets among `refs` whose hash still matches, keyed by path. */
export async function loadAssets(db: KioskDatabase, refs: readonly AssetRef[]): Promise<Map<string, StoredAsset>> {
  const tx = db.transaction('assets', 'readonly');
  const found = await Promise.all(refs.map((r) => tx.store.get(r.path)));
  await tx.done;
  const out = new Map<string, StoredAsset>();
  found.forEach((a, i) => {
    if (a && a.sha256 === refs[i].sha256) out.set(a.path, a);
  });
  return out;
}

async function inOneTransaction<T>(db: KioskDatabase, body: (tx: SwapTx) => Promise<T>): Promise<T> {
  const tx = db.transaction(SWAP_STORES, 'readwrite', { durability: 'strict' });
  let result: T;
  try {
    result = await body(tx);
  } catch (err) {
    try {
      tx.abort();
    } catch {
      /* already aborted */
    }
    await tx.done.catch(() => {});
    throw err;
  }
  await tx.done;
  return result;
}

const SWAP_STORES = ['sites', 'siteSearch', 'siteItems', 'previousVersions', 'parts', 'assets'] as const;
type SwapTx = ReturnType<typeof swapTx>;
// Only for its type: a readwrite transaction over the content stores.
const swapTx = (db: KioskDatabase) => db.transaction(SWAP_STORES, 'readwrite');

/** Deletes parts and assets that no version of any site lists (inside the caller's transaction). */
async function collectGarbage(tx: SwapTx): Promise<void> {
  const keepParts = new Set<string>();
  const keepAssets = new Set<string>();
  const keep = (v: StoredVersion) => {
    for (const h of v.parts) keepParts.add(h);
    for (const a of v.entry.assets) keepAssets.add(a.path);
  };
  for (const s of await tx.objectStore('sites').getAll()) keep(s.current);
  for (const p of await tx.objectStore('previousVersions').getAll()) keep(p.version);
  const parts = tx.objectStore('parts');
  for (const key of await parts.getAllKeys()) if (!keepParts.has(key)) await parts.delete(key);
  const assets = tx.objectStore('assets');
  for (const key of await assets.getAllKeys()) if (!keepAssets.has(key)) await assets.delete(key);
}

/**
 * Makes `version` the current version of its site, keeping the one it replaces as previous
 * (last-known-good), adding `newParts` and `newAssets`, in one transaction. A version at or
 * below the highest one ever made current changes nothing. Resolves with the site record
 * when the transaction has committed; rejects (and changes nothing) when it aborts.
 */
export async function saveVersion(
  db: KioskDatabase,
  version: StoredVersion,
  newParts: readonly StoredPart[],
  newAssets: readonly StoredAsset[],
): Promise<StoredSite> {
  const code = version.entry.site.code;
  return inOneTransaction(db, async (tx) => {
    const sites = tx.objectStore('sites');
    const old = await sites.get(code);
    const oldCurrent = old && (await readCurrent(tx, old));
    if (old && oldCurrent && old.highestVersion >= version.entry.version) {
      const previous = (await tx.objectStore('previousVersions').get(code))?.version;
      return { siteCode: code, current: oldCurrent, previous, hasPrevious: !!previous, highestVersion: old.highestVersion };
    }
    const parts = tx.objectStore('parts');
    for (const p of newParts) await parts.put(p);
    const assets = tx.objectStore('assets');
    for (const a of newAssets) await assets.put(a);
    if (oldCurrent) await tx.objectStore('previousVersions').put({ siteCode: code, version: oldCurrent });
    await putCurrent(tx, code, version, !!oldCurrent, version.entry.version);
    await collectGarbage(tx);
    return { siteCode: code, current: version, previous: oldCurrent, hasPrevious: !!oldCurrent, highestVersion: version.entry.version };
  });
}

/** Writes `version` as the current version of `code` (record + search data). */
async function putCurrent(tx: SwapTx, code: string, version: StoredVersion, hasPrevious: boolean, highestVersion: number): Promise<void> {
  const { record, search, items } = splitVersion(code, version);
  await tx.objectStore('sites').put({ ...record, hasPrevious, highestVersion });
  const all = IDBKeyRange.bound([code, 0], [code, Number.MAX_SAFE_INTEGER]);
  const searchStore = tx.objectStore('siteSearch');
  await searchStore.delete(all);
  for (const c of search) await searchStore.put(c);
  const itemStore = tx.objectStore('siteItems');
  await itemStore.delete(all);
  for (const c of items) await itemStore.put(c);
}

/**
 * Swaps the current and the previous version of a site (one transaction). The highest version
 * stays, so the version rolled back from is not taken again; the next publish is.
 * Resolves with the new record, or undefined when there is no previous version.
 */
export async function rollbackSite(db: KioskDatabase, siteCode: string): Promise<StoredSite | undefined> {
  return inOneTransaction(db, async (tx) => {
    const old = await tx.objectStore('sites').get(siteCode);
    const previous = await tx.objectStore('previousVersions').get(siteCode);
    if (!old || !previous) return undefined;
    const current = await readCurrent(tx, old);
    await tx.objectStore('previousVersions').put({ siteCode, version: current });
    await putCurrent(tx, siteCode, previous.version, true, old.highestVersion);
    return { siteCode, current: previous.version, previous: current, hasPrevious: true, highestVersion: old.highestVersion };
  });
}
