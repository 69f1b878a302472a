/**
 * The last good content of each site, kept in IndexedDB (stores `content` and `assets` of
 * db.ts). Content and the assets it needs are written in ONE readwrite transaction with strict
 * durability: either the new version is complete on disk or the old one stays untouched.
 */
import type { KioskDatabase, StoredAsset, StoredContent } from './db.ts';
import type { PartRef } from '../bundle/schema.ts';
import { referencedAssets } from '../bundle/assets.ts';

export async function loadContent(db: KioskDatabase, siteCode: string): Promise<StoredContent | undefined> {
  return db.get('content', siteCode);
}

/** Codes of all sites with stored content (to start offline without a remembered site). */
export async function storedSiteCodes(db: KioskDatabase): Promise<string[]> {
  return db.getAllKeys('content');
}

/** Stored assets among `refs` whose hash still matches, keyed by path. */
export async function loadAssets(db: KioskDatabase, refs: readonly PartRef[]): Promise<Map<string, StoredAsset>> {
  const tx = db.transaction('assets', 'readonly');
  const found = await Promise.all(refs.map((r) => tx.store.get(r.path)));
  await tx.done;
  const out = new Map<string, StoredAsset>();
  found.forEach((a, i) => {
    if (a && a.sha256 === refs[i].sha256) out.set(a.path, a);
  });
  return out;
}

export { referencedAssets };

function assetPathsOf(content: StoredContent): string[] {
  return referencedAssets(JSON.stringify(content.bundle), content.manifest.assets).map((a) => a.path);
}

/**
 * Replaces the stored content of `content.siteCode` and adds `newAssets`, in one transaction.
 * Assets no longer needed by any stored site are deleted in the same transaction.
 * Resolves when the transaction has committed; rejects (and changes nothing) when it aborts.
 */
export async function saveContent(db: KioskDatabase, content: StoredContent, newAssets: readonly StoredAsset[]): Promise<void> {
  const tx = db.transaction(['content', 'assets'], 'readwrite', { durability: 'strict' });
  const contents = tx.objectStore('content');
  const assets = tx.objectStore('assets');
  try {
    await contents.put(content);
    for (const a of newAssets) await assets.put(a);
    const keep = new Set<string>();
    for (const c of await contents.getAll()) for (const p of assetPathsOf(c)) keep.add(p);
    for (const path of await assets.getAllKeys()) {
      if (!keep.has(path)) await assets.delete(path);
    }
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
}

export type { StoredContent, StoredAsset };
