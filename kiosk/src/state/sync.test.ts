import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createAppState, type AppState } from './app-state.ts';
import { createContentSync, retryDelaySeconds, type ContentSync, type SyncDeps } from './sync.ts';
import { parseConfig, rememberSite, SITE_STORAGE_KEY } from '../config/config.ts';
import { openKioskDb } from '../store/db.ts';
import type { EntryPayload, IndexPayload, PartRef } from '../bundle/schema.ts';
import { entryPath, partPath } from '../bundle/schema.ts';

const BASE = 'https://content.example/c/';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const RAW = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'));
const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A tiny content server: files by URL; `down` makes every request fail like a dead network. */
class FakeServer {
  files = new Map<string, Uint8Array<ArrayBuffer>>();
  down = false;
  requests: string[] = [];
  version = 0;
  fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    this.requests.push(url.slice(BASE.length));
    if (this.down) throw new TypeError('Failed to fetch');
    const body = this.files.get(url);
    return body ? new Response(body) : new Response('not found', { status: 404 });
  }) as typeof fetch;

  put(path: string, data: string | Uint8Array<ArrayBuffer>): { path: string; sha256: string; bytes: number } {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.files.set(BASE + path, bytes);
    return { path, sha256: sha(bytes), bytes: bytes.length };
  }

  part(value: unknown): PartRef {
    const text = JSON.stringify(value);
    const { sha256, bytes } = this.put(partPath(sha(text)), text);
    return { sha256, bytes };
  }

  signed(format: 'bianmin-entry' | 'bianmin-index', payload: unknown, key = privateKey): string {
    const text = JSON.stringify(payload);
    return JSON.stringify({
      format,
      payload: text,
      signature: sign(null, Buffer.from(text), key).toString('base64'),
      keyId: sha(RAW).slice(0, 16),
    });
  }

  /**
   * Publishes a version: per site an entry point whose items are named `itemNames` (the first
   * one shared by both sites), one staff photo per version.
   */
  publish(
    itemName: string,
    opts: { version?: number; sites?: string[]; signWith?: typeof privateKey; more?: string[]; expiresAt?: string } = {},
  ): { index: IndexPayload; entries: Map<string, EntryPayload> } {
    this.version = opts.version ?? this.version + 1;
    const photo = this.put(`assets/${sha(`png:${itemName}`).slice(0, 16)}.png`, `png:${itemName}`);
    const head = {
      format: 2 as const,
      version: this.version,
      publishedAt: new Date(2026, 10, 25, 9, this.version).toISOString(),
      expiresAt: opts.expiresAt ?? new Date(2030, 0, 1).toISOString(),
      county: { code: 'yx', name: '云溪县' },
    };
    const codes = opts.sites ?? ['baihe', 'longshan'];
    const entries = new Map<string, EntryPayload>();
    const sites = codes.map((code) => ({ code, name: code === 'baihe' ? '白鹤镇' : '龙山镇', kind: 'township' as const }));
    for (const site of sites) {
      const item = (name: string, code: string) =>
        this.part({
          code,
          name,
          materials: [],
          departmentId: 'mz',
          level: '乡镇',
          keywords: [],
          search: [{ ref: code, text: name, readings: [] }],
        });
      const entry: EntryPayload = {
        ...head,
        site,
        parts: {
          site: this.part({
            county: { code: 'yx', name: '云溪县', timeZone: 'Asia/Shanghai' },
            site: {
              ...site,
              windows: [],
              phones: { consultation: { label: '咨询', number: '1' }, supervision: { label: '监督', number: '2' } },
            },
            staff: [{ id: 's1', photo: photo.path }],
            topics: [],
          }),
          departments: this.part({ departments: [] }),
          // one list per item: an edit changes the item and its list
          items: [item(itemName, 'MZ-001'), ...(opts.more ?? []).map((n, i) => item(n, `MZ-${100 + i}`))].map((r) =>
            this.part({ refs: [r] }),
          ),
          announcements: [this.part({ refs: [] })],
          documents: [],
        },
        assets: [photo],
      };
      entries.set(site.code, entry);
      this.put(entryPath(site.code), this.signed('bianmin-entry', entry, opts.signWith));
    }
    const index: IndexPayload = { ...head, sites };
    this.put('manifest.json', this.signed('bianmin-index', index, opts.signWith));
    return { index, entries };
  }
}

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
}

const quietLog = {
  messages: [] as string[],
  info(m: string) {
    this.messages.push(m);
  },
  warn(m: string) {
    this.messages.push(m);
  },
  error(m: string) {
    this.messages.push(m);
  },
};

let server: FakeServer;
let storage: MemoryStorage;
let running: ContentSync[] = [];

function boot(query = '', extra: Partial<SyncDeps> = {}): { state: AppState; sync: ContentSync } {
  const state = createAppState(parseConfig(new URL(`https://kiosk.example/?content=${encodeURIComponent(BASE)}${query}`), storage));
  const sync = createContentSync(state, {
    publicKey: RAW,
    contentBase: state.config.contentBase,
    pollSeconds: state.config.pollSeconds,
    openDb: openKioskDb,
    rememberSite: (code) => rememberSite(storage, code),
    fetchOptions: { fetch: server.fetch },
    log: quietLog,
    ...extra,
  });
  Object.assign(state.actions, { selectSite: sync.selectSite, checkNow: sync.checkNow, rollback: sync.rollback });
  running.push(sync);
  return { state, sync };
}

/**
 * Content stored by an earlier start, the server down, and a start whose first screen (`hook`:
 * what waits for it) is up only once `release()` is called; 50 ms into that start.
 */
async function startOfflineBefore(hook: 'searchDataAfter' | 'imagesAfter') {
  server.publish('最低生活保障');
  await boot().sync.start();
  server.down = true;
  let release = () => {};
  const firstScreen = new Promise<void>((resolve) => (release = resolve));
  const { state, sync } = boot('', { [hook]: () => firstScreen });
  const started = sync.start();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { state, started, release };
}

beforeEach(async () => {
  server = new FakeServer();
  storage = new MemoryStorage();
  quietLog.messages = [];
  const db = await openKioskDb();
  await db.clear('sites');
  await db.clear('siteSearch');
  await db.clear('siteItems');
  await db.clear('previousVersions');
  await db.clear('parts');
  await db.clear('assets');
});
afterEach(() => {
  running.forEach((s) => s.stop());
  running = [];
});

describe('content sync', () => {
  it('downloads, verifies, stores and shows the first township by default', async () => {
    server.publish('最低生活保障');
    const { state, sync } = boot();
    await sync.start();
    expect(state.status.value).toBe('ready');
    expect(state.siteCode.value).toBe('baihe');
    expect(state.bundle.value?.items[0].name).toBe('最低生活保障');
    expect(state.contentVersion.value).toBe(1);
    expect(state.sites.value.map((s) => s.code)).toEqual(['baihe', 'longshan']);
    expect(storage.getItem(SITE_STORAGE_KEY)).toBe('baihe');
    expect(state.syncStatus.value.lastError).toBeNull();
    expect(state.syncStatus.value.nextCheckAt).not.toBeNull();
    const db = await openKioskDb();
    expect((await db.get('sites', 'baihe'))?.current.entry.version).toBe(1);
    expect(state.assets.url(state.bundle.value!.staff[0].photo!)).toMatch(/^blob:/);
  });

  it('shows stored content with the server down (offline start)', async () => {
    server.publish('高龄津贴');
    await boot('&site=longshan').sync.start();
    server.down = true;
    const { state, sync } = boot(); // no ?site=: remembered in storage
    await sync.start();
    expect(state.status.value).toBe('ready');
    expect(state.siteCode.value).toBe('longshan');
    expect(state.bundle.value?.items[0].name).toBe('高龄津贴');
    expect(state.syncStatus.value.lastError).toMatch('无法连接');
    expect(state.assets.url(state.bundle.value!.staff[0].photo!)).toMatch(/^blob:/);
  });

  it('can show stored content before its search data, read after the first screen; the first check waits for it', async () => {
    const { state, started, release } = await startOfflineBefore('searchDataAfter');
    expect(state.status.value).toBe('ready');
    expect(state.bundle.value?.items[0].name).toBe('最低生活保障');
    expect(state.bundle.value?.search).toEqual([]);
    expect(state.syncStatus.value.lastCheckAt).toBeNull();
    const shown = state.bundle.value;
    release();
    await started;
    expect(state.bundle.value).toBe(shown);
    expect(state.bundle.value?.search.map((e) => e.text)).toEqual(['最低生活保障']);
    expect(state.bundle.value?.searchIndex?.entries).toBe(1);
    expect(state.syncStatus.value.lastError).toMatch('无法连接');
  });

  it('can show stored content before its images, read into the views after the first screen', async () => {
    const { state, started, release } = await startOfflineBefore('imagesAfter');
    expect(state.status.value).toBe('ready');
    const photo = state.bundle.value!.staff[0].photo!;
    // Not read yet: the content folder's address (what a view shows until the blob is there).
    expect(state.assets.url(photo)).toBe(new URL(photo, BASE).href);
    release();
    await started;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.assets.url(photo)).toMatch(/^blob:/);
  });

  it('does not hand the views the stored images once newer content is shown', async () => {
    server.publish('版本一');
    await boot().sync.start();
    let release = () => {};
    const firstScreen = new Promise<void>((resolve) => (release = resolve));
    server.publish('版本二');
    const { state, sync } = boot('', { imagesAfter: () => firstScreen });
    await sync.start();
    expect(state.bundle.value?.items[0].name).toBe('版本二');
    const photo = state.bundle.value!.staff[0].photo!;
    expect(state.assets.url(photo)).toMatch(/^blob:/);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Version one's images (another photo) did not replace version two's.
    expect(state.assets.url(photo)).toMatch(/^blob:/);
  });

  it('replaces content with a newer version and ignores equal and older ones', async () => {
    server.publish('版本一');
    const { state, sync } = boot();
    await sync.start();
    server.publish('版本二');
    await sync.start(); // start() re-runs a check; same as the poll timer firing
    expect(state.bundle.value?.items[0].name).toBe('版本二');
    expect(state.contentVersion.value).toBe(2);
    server.publish('旧版本', { version: 1 });
    await sync.start();
    expect(state.bundle.value?.items[0].name).toBe('版本二');
    expect(quietLog.messages.some((m) => m.includes('比本机已有的 2 旧'))).toBe(true);
  });

  it('refuses a badly signed version and keeps the last good content', async () => {
    server.publish('正确内容');
    const { state, sync } = boot();
    await sync.start();
    const stranger = generateKeyPairSync('ed25519').privateKey;
    server.publish('篡改内容', { signWith: stranger });
    await sync.start();
    expect(state.bundle.value?.items[0].name).toBe('正确内容');
    expect(state.status.value).toBe('ready');
    expect(state.syncStatus.value.lastError).toMatch('签名校验失败');
    const db = await openKioskDb();
    expect((await db.get('sites', 'baihe'))?.current.bundle.items[0].name).toBe('正确内容');
  });

  it('refuses a part whose bytes do not match the entry point', async () => {
    server.publish('正确内容');
    const { state, sync } = boot();
    await sync.start();
    const v2 = server.publish('新内容');
    const list = v2.entries.get('baihe')!.parts.items[0];
    const ref = (JSON.parse(new TextDecoder().decode(server.files.get(BASE + partPath(list.sha256))!)) as { refs: { sha256: string }[] })
      .refs[0];
    const url = BASE + partPath(ref.sha256);
    const bytes = server.files.get(url)!;
    server.files.set(url, new TextEncoder().encode(new TextDecoder().decode(bytes).replace('新内容', '假内容')));
    await sync.start();
    expect(state.bundle.value?.items[0].name).toBe('正确内容');
    expect(state.syncStatus.value.lastError).toMatch(/校验值不符|大小不符/);
  });

  it('says no-content and retries with a back-off when nothing was ever received', async () => {
    server.down = true;
    const { state, sync } = boot('&poll=300');
    const before = Date.now();
    await sync.start();
    expect(state.status.value).toBe('no-content');
    expect(state.bundle.value).toBeNull();
    expect(state.syncStatus.value.failures).toBe(1);
    expect(state.syncStatus.value.nextCheckAt! - before).toBeGreaterThanOrEqual(10_000);
    server.down = false;
    server.publish('恢复后的内容');
    await sync.start();
    expect(state.status.value).toBe('ready');
    expect(state.syncStatus.value.failures).toBe(0);
  });

  it('reports an unknown site with the list of valid sites, and switches when one is chosen', async () => {
    server.publish('内容');
    const { state, sync } = boot('&site=nowhere');
    await sync.start();
    expect(state.status.value).toBe('unknown-site');
    expect(state.sites.value.map((s) => s.code)).toEqual(['baihe', 'longshan']);
    expect(storage.getItem(SITE_STORAGE_KEY)).toBeNull();
    state.actions.selectSite('longshan');
    await new Promise((r) => setTimeout(r, 50));
    await sync.start();
    expect(state.status.value).toBe('ready');
    expect(state.bundle.value?.site.code).toBe('longshan');
    expect(storage.getItem(SITE_STORAGE_KEY)).toBe('longshan');
  });
});

describe('split format: only what changed travels', () => {
  it('after one item edit downloads the entry point and that one part only', async () => {
    server.publish('事项甲', { more: ['事项乙', '事项丙'] });
    const { state, sync } = boot();
    await sync.start();
    server.requests = [];
    const v2 = server.publish('事项甲', { more: ['事项乙（修改）', '事项丙'] });
    await sync.checkNow();
    expect(state.bundle.value?.items.map((i) => i.name)).toEqual(['事项甲', '事项乙（修改）', '事项丙']);
    // the photo is new per version (named after the first item): unchanged here
    const list = v2.entries.get('baihe')!.parts.items[1];
    const edited = (JSON.parse(new TextDecoder().decode(server.files.get(BASE + partPath(list.sha256))!)) as { refs: { sha256: string }[] })
      .refs[0];
    expect(server.requests).toEqual(['sites/baihe.json', partPath(list.sha256), partPath(edited.sha256)]);
  });

  it('a re-signed entry point with only a new expiry costs the entry point alone and keeps the bundle', async () => {
    server.publish('事项甲', { expiresAt: '2027-01-01T00:00:00+08:00' });
    const { state, sync } = boot();
    await sync.start();
    const bundle = state.bundle.value;
    server.requests = [];
    server.publish('事项甲', { expiresAt: '2027-02-01T00:00:00+08:00' });
    await sync.checkNow();
    expect(server.requests).toEqual(['sites/baihe.json']);
    expect(state.contentVersion.value).toBe(2);
    expect(state.expiresAt.value).toBe('2027-02-01T00:00:00+08:00');
    expect(state.bundle.value).toBe(bundle);
  });

  it('a validly signed older or equal entry point changes nothing at all', async () => {
    server.publish('版本一');
    server.publish('版本二');
    const { state, sync } = boot('&site=baihe');
    await sync.start();
    const before = { entry: state.entry.value, bundle: state.bundle.value, sites: state.sites.value };
    const db = await openKioskDb();
    const stored = await db.get('sites', 'baihe');
    server.publish('重放的旧版本', { version: 1, sites: ['baihe'] });
    await sync.checkNow();
    expect(state.entry.value).toBe(before.entry);
    expect(state.bundle.value).toBe(before.bundle);
    expect(state.sites.value).toBe(before.sites);
    expect(await db.get('sites', 'baihe')).toEqual(stored);
  });

  it('keeps the previous version as last-known-good, rolls back, and takes only a newer publish again', async () => {
    server.publish('版本一');
    const { state, sync } = boot();
    await sync.start();
    expect(state.hasPrevious.value).toBe(false);
    server.publish('版本二');
    await sync.checkNow();
    expect(state.hasPrevious.value).toBe(true);
    expect(await state.actions.rollback()).toBe(true);
    expect(state.bundle.value?.items[0].name).toBe('版本一');
    expect(state.contentVersion.value).toBe(1);
    expect(state.assets.url(state.bundle.value!.staff[0].photo!)).toMatch(/^blob:/);
    await sync.checkNow(); // the server still offers version 2: not taken again
    expect(state.bundle.value?.items[0].name).toBe('版本一');
    server.publish('版本三');
    await sync.checkNow();
    expect(state.bundle.value?.items[0].name).toBe('版本三');
  });

  it('garbage-collects parts and images that neither held version lists', async () => {
    const v1 = server.publish('版本一');
    const { sync } = boot();
    await sync.start();
    server.publish('版本二');
    await sync.checkNow();
    server.publish('版本三');
    await sync.checkNow();
    const db = await openKioskDb();
    const first = v1.entries.get('baihe')!;
    expect(await db.get('parts', first.parts.items[0].sha256)).toBeUndefined(); // v1's list (and its item)
    expect(await db.get('assets', first.assets[0].path)).toBeUndefined();
    // v2 and v3 held: their site parts (photo path differs), one departments part, one empty
    // announcement list, their first items and the lists of those
    expect(await db.count('parts')).toBe(8);
  });

  it('a full storage quota fails the update cleanly and keeps the held version', async () => {
    server.publish('版本一');
    const { state, sync } = boot();
    await sync.start();
    server.publish('版本二');
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'parts') throw new DOMException('quota', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      await sync.checkNow();
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(state.bundle.value?.items[0].name).toBe('版本一');
    expect(state.syncStatus.value.lastError).toMatch('存储空间已满');
    const db = await openKioskDb();
    expect((await db.get('sites', 'baihe'))?.current.entry.version).toBe(1);
    await sync.checkNow(); // room again: taken
    expect(state.bundle.value?.items[0].name).toBe('版本二');
  });
});

describe('content sync without storage', () => {
  it('works online when IndexedDB never opens (blocked by another tab)', async () => {
    server.publish('仅联网内容');
    const state = createAppState(parseConfig(new URL(`https://kiosk.example/?content=${encodeURIComponent(BASE)}`), storage));
    const sync = createContentSync(state, {
      publicKey: RAW,
      contentBase: state.config.contentBase,
      pollSeconds: state.config.pollSeconds,
      openDb: () => new Promise(() => {}),
      dbOpenTimeoutMs: 50,
      fetchOptions: { fetch: server.fetch },
      log: quietLog,
    });
    running.push(sync);
    await sync.start();
    expect(state.syncStatus.value.lastError).toBeNull();
    expect(state.status.value).toBe('ready');
    expect(state.bundle.value?.items[0].name).toBe('仅联网内容');
    expect(quietLog.messages.some((m) => m.includes('无法打开本机存储'))).toBe(true);
  });
});

describe('retryDelaySeconds', () => {
  it('starts at 10 s, doubles, stops at 5 min, and never waits longer than a short poll to start', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelaySeconds(n, 300))).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(retryDelaySeconds(1, 2)).toBe(2);
  });
});
