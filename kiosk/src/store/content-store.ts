/**
 * The verified content of each site, kept in IndexedDB (stores `sites`, `parts` and `assets` of
 * db.ts). Parts and assets are stored once, keyed by hash, and shared by every version that
 * lists them. A site record holds the version shown and the last-known-good one before it; a
 * new version is made current in ONE readwrite transaction with strict durability, together
 * with its new parts and assets and the removal of whatever neither version of any site still
 * lists: either the new version is complete on disk or nothing changed.
 */
import type { AssetRef } from '../bundle/schema.ts';
import type { KioskDatabase, StoredAsset, StoredPart, StoredSite, StoredVersion } from './db.ts';

export async function loadSite(db: KioskDatabase, siteCode: string): Promise<StoredSite | undefined> {
  return db.get('sites', siteCode);
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

function listed(site: StoredSite): StoredVersion[] {
  return site.previous ? [site.current, site.previous] : [site.current];
}

async function inOneTransaction<T>(db: KioskDatabase, body: (tx: SwapTx) => Promise<T>): Promise<T> {
  const tx = db.transaction(['sites', 'parts', 'assets'], 'readwrite', { durability: 'strict' });
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

type SwapTx = ReturnType<typeof swapTx>;
// Only for its type: a readwrite transaction over the three content stores.
const swapTx = (db: KioskDatabase) => db.transaction(['sites', 'parts', 'assets'], 'readwrite');

/** Deletes parts and assets that no version of any site lists (inside the caller's transaction). */
async function collectGarbage(tx: SwapTx): Promise<void> {
  const keepParts = new Set<string>();
  const keepAssets = new Set<string>();
  for (const s of await tx.objectStore('sites').getAll()) {
    for (const v of listed(s)) {
      for (const h of v.parts) keepParts.add(h);
      for (const a of v.entry.assets) keepAssets.add(a.path);
    }
  }
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
    if (old && old.highestVersion >= version.entry.version) return old;
    const parts = tx.objectStore('parts');
    for (const p of newParts) await parts.put(p);
    const assets = tx.objectStore('assets');
    for (const a of newAssets) await assets.put(a);
    const record: StoredSite = { siteCode: code, current: version, previous: old?.current, highestVersion: version.entry.version };
    await sites.put(record);
    await collectGarbage(tx);
    return record;
  });
}

/**
 * Swaps the current and the previous version of a site (one transaction). The highest version
 * stays, so the version rolled back from is not taken again; the next publish is.
 * Resolves with the new record, or undefined when there is no previous version.
 */
export async function rollbackSite(db: KioskDatabase, siteCode: string): Promise<StoredSite | undefined> {
  return inOneTransaction(db, async (tx) => {
    const sites = tx.objectStore('sites');
    const old = await sites.get(siteCode);
    if (!old?.previous) return undefined;
    const record: StoredSite = { ...old, current: old.previous, previous: old.current };
    await sites.put(record);
    return record;
  });
}
