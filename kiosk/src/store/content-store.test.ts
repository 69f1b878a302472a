import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ITEM_CHUNK, openKioskDb, SEARCH_CHUNK, type KioskDatabase, type StoredAsset, type StoredVersion } from './db.ts';
import { openDB } from 'idb';
import {
  fillSearch,
  heldPartHashes,
  loadAssets,
  loadCurrent,
  loadParts,
  loadSearch,
  loadSite,
  rollbackSite,
  saveVersion,
  storedSiteCodes,
} from './content-store.ts';
import type { EntryPayload, SiteBundle } from '../bundle/schema.ts';

const h = (n: string) => n.repeat(64).slice(0, 64);
const ref = (n: string) => ({ sha256: h(n), bytes: 3 });
const assetRef = (n: string) => ({ path: `assets/${h(n).slice(0, 16)}.jpg`, sha256: h(n), bytes: 3 });

/** A version of `site` made of item parts `items` (one-letter hashes) and images `photos`. */
function version(site: string, v: number, items: string[], photos: string[] = []): StoredVersion {
  const entry = {
    format: 2,
    version: v,
    publishedAt: '2026-11-25T09:00:00+08:00',
    expiresAt: '2026-12-25T09:00:00+08:00',
    county: { code: 'yx', name: '云溪县' },
    site: { code: site, name: site, kind: 'township' },
    parts: { site: ref('s'), departments: ref('d'), items: items.map(ref), announcements: [], documents: [] },
    assets: photos.map(assetRef),
  } as EntryPayload;
  const parts = ['s', 'd', ...items].map((n) => h(n));
  return { entry, bundle: { items: [{ name: `版本${v}` }] } as unknown as SiteBundle, parts, storedAt: v };
}
const parts = (...names: string[]) => names.map((n) => ({ sha256: h(n), value: { n } }));
const assets = (...names: string[]): StoredAsset[] => names.map((n) => ({ ...assetRef(n), blob: new Blob([n]) }));

let db: KioskDatabase;
beforeEach(async () => {
  db = await openKioskDb();
  for (const s of ['sites', 'siteSearch', 'siteItems', 'previousVersions', 'parts', 'assets'] as const) await db.clear(s);
});
afterEach(() => vi.restoreAllMocks());

describe('content store', () => {
  it('stores a version with its parts and images and reads them back', async () => {
    await saveVersion(db, version('baihe', 1, ['a', 'b'], ['p']), parts('s', 'd', 'a', 'b'), assets('p'));
    expect((await loadSite(db, 'baihe'))?.current.entry.version).toBe(1);
    expect(await storedSiteCodes(db)).toEqual(['baihe']);
    expect([...(await heldPartHashes(db, [h('a'), h('z')]))]).toEqual([h('a')]);
    expect((await loadParts(db, [h('b')])).get(h('b'))).toEqual({ n: 'b' });
    expect([...(await loadAssets(db, [assetRef('p')])).keys()]).toEqual([assetRef('p').path]);
  });

  it('keeps the replaced version as previous and deletes what neither version of any site lists', async () => {
    await saveVersion(db, version('baihe', 1, ['a'], ['p']), parts('s', 'd', 'a'), assets('p'));
    await saveVersion(db, version('longshan', 1, ['c']), parts('c'), []);
    await saveVersion(db, version('baihe', 2, ['b']), parts('b'), []);
    expect((await loadSite(db, 'baihe'))?.previous?.entry.version).toBe(1);
    expect([...(await heldPartHashes(db, [h('a'), h('b'), h('c')]))].sort()).toEqual([h('a'), h('b'), h('c')]);
    await saveVersion(db, version('baihe', 3, ['c']), [], []);
    expect([...(await heldPartHashes(db, [h('a'), h('b'), h('c')]))].sort()).toEqual([h('b'), h('c')]);
    expect(await db.count('assets')).toBe(0);
  });

  it('ignores a version at or below the highest one made current', async () => {
    await saveVersion(db, version('baihe', 2, ['a']), parts('s', 'd', 'a'), []);
    const before = await loadSite(db, 'baihe');
    await saveVersion(db, version('baihe', 2, ['z']), parts('z'), []);
    await saveVersion(db, version('baihe', 1, ['z']), parts('z'), []);
    expect(await loadSite(db, 'baihe')).toEqual(before);
    expect((await heldPartHashes(db, [h('z')])).size).toBe(0);
  });

  it('changes nothing when the transaction fails half-way (e.g. quota)', async () => {
    await saveVersion(db, version('baihe', 1, ['a']), parts('s', 'd', 'a'), []);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'assets') throw new DOMException('full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(saveVersion(db, version('baihe', 2, ['b'], ['p']), parts('b'), assets('p'))).rejects.toThrow();
    vi.restoreAllMocks();
    expect((await loadSite(db, 'baihe'))?.current.entry.version).toBe(1);
    expect((await heldPartHashes(db, [h('b')])).size).toBe(0);
  });

  it('rolls back by swapping current and previous, keeping the highest version', async () => {
    expect(await rollbackSite(db, 'baihe')).toBeUndefined();
    await saveVersion(db, version('baihe', 1, ['a']), parts('s', 'd', 'a'), []);
    await saveVersion(db, version('baihe', 2, ['b']), parts('b'), []);
    const rolled = await rollbackSite(db, 'baihe');
    expect(rolled?.current.entry.version).toBe(1);
    expect(rolled?.previous?.entry.version).toBe(2);
    expect(rolled?.highestVersion).toBe(2);
    expect(await loadSite(db, 'baihe')).toEqual(rolled);
  });
});

describe('site records (database version 4)', () => {
  const withSearch = (v: StoredVersion, word: string): StoredVersion => ({
    ...v,
    bundle: { ...v.bundle, search: [{ word }], searchIndex: { keys: [word] } } as unknown as SiteBundle,
  });

  it('a start reads the current version with its search data and only whether a previous one is held', async () => {
    await saveVersion(db, withSearch(version('baihe', 1, ['a']), '一'), parts('s', 'd', 'a'), []);
    await saveVersion(db, withSearch(version('baihe', 2, ['b']), '二'), parts('b'), []);
    const start = await loadCurrent(db, 'baihe');
    expect(start?.current.entry.version).toBe(2);
    expect(start?.current.bundle.search).toEqual([{ word: '二' }]);
    expect(start?.current.bundle.searchIndex).toEqual({ keys: ['二'] });
    expect(start?.previous).toBeUndefined();
    expect(start?.hasPrevious).toBe(true);
    // The site record itself holds no search data and no previous version.
    const record = await db.get('sites', 'baihe');
    expect(record?.current.bundle.search).toEqual([]);
    expect(record?.current.bundle.searchIndex).toBeUndefined();
    expect(record).not.toHaveProperty('previous');
    // Rolling back brings the previous version's search data back with it.
    const rolled = await rollbackSite(db, 'baihe');
    expect(rolled?.current.bundle.search).toEqual([{ word: '一' }]);
    expect((await loadCurrent(db, 'baihe'))?.current.bundle.searchIndex).toEqual({ keys: ['一'] });
    expect((await loadSite(db, 'baihe'))?.previous?.bundle.search).toEqual([{ word: '二' }]);
  });

  it('keeps search data in chunks, read in order, and leaves no chunk of a replaced version behind', async () => {
    const many = (v: StoredVersion, n: number): StoredVersion => ({
      ...v,
      bundle: { ...v.bundle, search: Array.from({ length: n }, (_, i) => ({ ref: `x${i}` })), searchIndex: { n } } as unknown as SiteBundle,
    });
    await saveVersion(db, many(version('baihe', 1, ['a']), SEARCH_CHUNK * 2 + 3), parts('s', 'd', 'a'), []);
    expect(await db.count('siteSearch')).toBe(3);
    const full = await loadCurrent(db, 'baihe');
    expect(full?.current.bundle.search.map((e) => e.ref)).toEqual(Array.from({ length: SEARCH_CHUNK * 2 + 3 }, (_, i) => `x${i}`));
    expect(full?.current.bundle.searchIndex).toEqual({ n: SEARCH_CHUNK * 2 + 3 });
    // Without the search data, then the search data alone (what a start does after the first screen).
    const shown = await loadCurrent(db, 'baihe', false);
    expect(shown?.current.bundle.search).toEqual([]);
    const later = await loadSearch(db, 'baihe', 1);
    fillSearch(shown!.current.bundle, later!);
    expect(shown?.current.bundle).toEqual(full?.current.bundle);
    expect(await loadSearch(db, 'baihe', 2)).toBeUndefined();
    await saveVersion(db, many(version('baihe', 2, ['b']), 4), parts('b'), []);
    expect(await db.count('siteSearch')).toBe(1);
    expect((await loadCurrent(db, 'baihe'))?.current.bundle.search).toHaveLength(4);
    expect((await loadSite(db, 'baihe'))?.previous?.bundle.search).toHaveLength(SEARCH_CHUNK * 2 + 3);
  });

  it('keeps the items after the first ITEM_CHUNK in chunks, read back in order before the version is returned', async () => {
    const withItems = (v: StoredVersion, n: number): StoredVersion => ({
      ...v,
      bundle: { ...v.bundle, items: Array.from({ length: n }, (_, i) => ({ name: `事项${i}` })) } as unknown as SiteBundle,
    });
    const n = ITEM_CHUNK * 2 + 1;
    const names = Array.from({ length: n }, (_, i) => `事项${i}`);
    await saveVersion(db, withItems(version('baihe', 1, ['a']), n), parts('s', 'd', 'a'), []);
    expect(await db.count('siteItems')).toBe(2);
    expect((await db.get('sites', 'baihe'))?.current.bundle.items).toHaveLength(ITEM_CHUNK);
    expect((await loadCurrent(db, 'baihe'))?.current.bundle.items.map((i) => i.name)).toEqual(names);
    await saveVersion(db, withItems(version('baihe', 2, ['b']), 3), parts('b'), []);
    expect(await db.count('siteItems')).toBe(0);
    expect((await loadCurrent(db, 'baihe'))?.current.bundle.items).toHaveLength(3);
    expect((await loadSite(db, 'baihe'))?.previous?.bundle.items.map((i) => i.name)).toEqual(names);
    const rolled = await rollbackSite(db, 'baihe');
    expect(rolled?.current.bundle.items.map((i) => i.name)).toEqual(names);
    expect((await loadCurrent(db, 'baihe'))?.current.bundle.items.map((i) => i.name)).toEqual(names);
    expect((await loadSite(db, 'baihe'))?.previous?.bundle.items).toHaveLength(3);
  });

  it('keeps announcements and documents as one text, read back when first used, also through a later save', async () => {
    const v1 = version('baihe', 1, ['a']);
    const notice = {
      id: 'n1',
      title: '停水通知',
      html: '<p>明天停水</p>',
      text: '明天停水',
      publishAt: '2026-11-25T09:00:00+08:00',
      priority: 'normal' as const,
    };
    const doc = { id: 'd1', title: '政策文件', issuer: '县政府', date: '2026-11-01', html: '<p>正文</p>', text: '正文' };
    Object.assign(v1.bundle, { announcements: [notice], documents: [doc] });
    await saveVersion(db, v1, parts('s', 'd', 'a'), []);
    const raw = await db.get('sites', 'baihe');
    expect(raw?.current.bundle.announcements).toEqual([]);
    expect(JSON.parse(raw!.notices!)).toEqual({ announcements: [notice], documents: [doc] });
    const shown = (await loadCurrent(db, 'baihe', false))!.current.bundle;
    expect(shown.announcements).toEqual([notice]);
    expect(shown.documents).toEqual([doc]);
    expect({ ...shown }.announcements[0].title).toBe('停水通知');
    // Shown, then kept as the previous version when the next one is saved: still whole.
    await saveVersion(db, version('baihe', 2, ['b']), parts('b'), []);
    await rollbackSite(db, 'baihe');
    expect((await loadCurrent(db, 'baihe'))!.current.bundle.announcements).toEqual([notice]);
    // A record written before (arrays in the bundle, no text) reads as it is.
    await db.put('sites', {
      ...raw!,
      notices: undefined,
      current: { ...raw!.current, bundle: { ...raw!.current.bundle, announcements: [notice] } },
    });
    expect((await loadCurrent(db, 'baihe', false))!.current.bundle.announcements).toEqual([notice]);
  });

  it('a database of version 3 keeps its content: each site record is split, nothing is lost', async () => {
    const name = `v3-${Math.random()}`;
    const v1 = withSearch(version('baihe', 1, ['a']), '一');
    const v2big = withSearch(version('baihe', 2, ['b']), '二');
    const v2 = {
      ...v2big,
      bundle: { ...v2big.bundle, items: Array.from({ length: ITEM_CHUNK + 7 }, (_, i) => ({ name: `${i}` })) } as SiteBundle,
    };
    const old = await openDB(name, 3, {
      upgrade(d) {
        d.createObjectStore('sites', { keyPath: 'siteCode' });
      },
    });
    await old.put('sites', { siteCode: 'baihe', current: v2, previous: v1, highestVersion: 2 });
    old.close();
    const upgraded = await openKioskDb(name);
    const site = await loadSite(upgraded, 'baihe');
    expect(site?.current).toEqual(v2);
    expect(site?.previous).toEqual(v1);
    expect(site?.highestVersion).toBe(2);
    expect((await upgraded.get('sites', 'baihe'))?.current.bundle.search).toEqual([]);
    upgraded.close();
  });
});
