import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openKioskDb, type KioskDatabase, type StoredAsset, type StoredContent } from './db.ts';
import { loadAssets, loadContent, referencedAssets, saveContent, storedSiteCodes } from './content-store.ts';
import type { ManifestPayload, SiteBundle } from '../bundle/schema.ts';

const ref = (path: string, sha = path.length.toString(16).padStart(64, '0')) => ({ path, sha256: sha, bytes: 3 });

function content(siteCode: string, version: number, photos: string[]): StoredContent {
  const manifest = {
    format: 1,
    version,
    publishedAt: '2026-11-25T09:00:00+08:00',
    contentHash: '0'.repeat(64),
    county: { code: 'yx', name: '云溪县' },
    sites: [],
    assets: ['assets/aaaaaaaaaaaaaaaa.jpg', 'assets/bbbbbbbbbbbbbbbb.jpg', 'assets/cccccccccccccccc.jpg'].map((p) => ref(p)),
  } as unknown as ManifestPayload;
  const bundle = {
    format: 1,
    site: { code: siteCode, name: siteCode },
    items: [{ code: 'MZ-001', name: `版本${version}` }],
    staff: photos.map((photo, i) => ({ id: `s${i}`, photo })),
  } as unknown as SiteBundle;
  return { siteCode, manifest, bundle, storedAt: version };
}

const asset = (path: string): StoredAsset => ({ path, sha256: ref(path).sha256, blob: new Blob([path]) });

let db: KioskDatabase;
beforeEach(async () => {
  db = await openKioskDb();
  await db.clear('content');
  await db.clear('assets');
});
afterEach(() => vi.restoreAllMocks());

describe('content store', () => {
  it('stores content and its assets and reads them back', async () => {
    await saveContent(db, content('baihe', 1, ['assets/aaaaaaaaaaaaaaaa.jpg']), [asset('assets/aaaaaaaaaaaaaaaa.jpg')]);
    const got = await loadContent(db, 'baihe');
    expect(got?.manifest.version).toBe(1);
    expect(got?.bundle.items[0].name).toBe('版本1');
    expect(await storedSiteCodes(db)).toEqual(['baihe']);
    const assets = await loadAssets(db, [ref('assets/aaaaaaaaaaaaaaaa.jpg')]);
    expect(await assets.get('assets/aaaaaaaaaaaaaaaa.jpg')?.blob.text()).toBe('assets/aaaaaaaaaaaaaaaa.jpg');
  });

  it('writes content and assets in one readwrite transaction with strict durability', async () => {
    const spy = vi.spyOn(db, 'transaction');
    await saveContent(db, content('baihe', 1, ['assets/aaaaaaaaaaaaaaaa.jpg']), [asset('assets/aaaaaaaaaaaaaaaa.jpg')]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]).toEqual([['content', 'assets'], 'readwrite', { durability: 'strict' }]);
  });

  it('keeps the last good content and assets when a write fails', async () => {
    await saveContent(db, content('baihe', 1, ['assets/aaaaaaaaaaaaaaaa.jpg']), [asset('assets/aaaaaaaaaaaaaaaa.jpg')]);
    const broken = { sha256: 'x', blob: new Blob(['x']) } as unknown as StoredAsset; // no key: the put fails
    await expect(
      saveContent(db, content('baihe', 2, ['assets/bbbbbbbbbbbbbbbb.jpg']), [asset('assets/bbbbbbbbbbbbbbbb.jpg'), broken]),
    ).rejects.toThrow();
    const got = await loadContent(db, 'baihe');
    expect(got?.manifest.version).toBe(1);
    expect(got?.bundle.items[0].name).toBe('版本1');
    const assets = await loadAssets(db, [ref('assets/aaaaaaaaaaaaaaaa.jpg'), ref('assets/bbbbbbbbbbbbbbbb.jpg')]);
    expect([...assets.keys()]).toEqual(['assets/aaaaaaaaaaaaaaaa.jpg']);
  });

  it('deletes assets no stored site needs any more, keeps those another site uses', async () => {
    await saveContent(db, content('baihe', 1, ['assets/aaaaaaaaaaaaaaaa.jpg', 'assets/cccccccccccccccc.jpg']), [
      asset('assets/aaaaaaaaaaaaaaaa.jpg'),
      asset('assets/cccccccccccccccc.jpg'),
    ]);
    await saveContent(db, content('longshan', 1, ['assets/cccccccccccccccc.jpg']), []);
    await saveContent(db, content('baihe', 2, ['assets/bbbbbbbbbbbbbbbb.jpg']), [asset('assets/bbbbbbbbbbbbbbbb.jpg')]);
    expect((await db.getAllKeys('assets')).sort()).toEqual(['assets/bbbbbbbbbbbbbbbb.jpg', 'assets/cccccccccccccccc.jpg']);
  });

  it('ignores a stored asset whose hash differs from the one asked for', async () => {
    await saveContent(db, content('baihe', 1, ['assets/aaaaaaaaaaaaaaaa.jpg']), [asset('assets/aaaaaaaaaaaaaaaa.jpg')]);
    const assets = await loadAssets(db, [ref('assets/aaaaaaaaaaaaaaaa.jpg', 'f'.repeat(64))]);
    expect(assets.size).toBe(0);
  });

  it('finds the assets a bundle refers to', () => {
    const refs = ['assets/aaaaaaaaaaaaaaaa.jpg', 'assets/bbbbbbbbbbbbbbbb.jpg'].map((p) => ref(p));
    expect(referencedAssets('{"photo":"assets/bbbbbbbbbbbbbbbb.jpg"}', refs).map((r) => r.path)).toEqual(['assets/bbbbbbbbbbbbbbbb.jpg']);
  });
});
