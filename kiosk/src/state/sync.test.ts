import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createAppState, type AppState } from './app-state.ts';
import { createContentSync, retryDelaySeconds, type ContentSync } from './sync.ts';
import { parseConfig, SITE_STORAGE_KEY } from '../app/config.ts';
import { openKioskDb } from '../store/db.ts';
import { assetUrl } from '../bundle/assets.ts';
import type { ManifestPayload, ManifestSite, SiteBundle } from '../bundle/schema.ts';

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
    this.requests.push(url);
    if (this.down) throw new TypeError('Failed to fetch');
    const body = this.files.get(url);
    return body ? new Response(body) : new Response('not found', { status: 404 });
  }) as typeof fetch;

  put(path: string, data: string | Uint8Array<ArrayBuffer>): { path: string; sha256: string; bytes: number } {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.files.set(BASE + path, bytes);
    return { path, sha256: sha(bytes), bytes: bytes.length };
  }

  /** Publishes a version: one bundle per site whose first item is named `itemName`. */
  publish(itemName: string, opts: { version?: number; sites?: string[]; signWith?: typeof privateKey } = {}): ManifestPayload {
    this.version = opts.version ?? this.version + 1;
    const photo = this.put(`assets/${sha(itemName).slice(0, 16)}.png`, `png:${itemName}`);
    const sites: ManifestSite[] = (opts.sites ?? ['baihe', 'longshan']).map((code, i) => {
      const bundle = {
        format: 1,
        site: { code, name: code === 'baihe' ? '白鹤镇' : '龙山镇' },
        items: [{ code: 'MZ-001', name: itemName }],
        staff: [{ id: 's1', photo: photo.path }],
      } as unknown as SiteBundle;
      const text = JSON.stringify(bundle);
      const part = this.put(`sites/${code}.${sha(text).slice(0, 16)}.json`, text);
      return { ...part, code, name: bundle.site.name, kind: i === 0 ? 'township' : 'township' };
    });
    const payload: ManifestPayload = {
      format: 1,
      version: this.version,
      publishedAt: new Date(2026, 10, 25, 9, this.version).toISOString(),
      contentHash: sha(sites.map((s) => s.sha256).join('')),
      county: { code: 'yx', name: '云溪县' },
      sites,
      assets: [photo],
    };
    const text = JSON.stringify(payload);
    this.put(
      'manifest.json',
      JSON.stringify({
        format: 'bianmin-manifest',
        payload: text,
        signature: sign(null, Buffer.from(text), opts.signWith ?? privateKey).toString('base64'),
        keyId: sha(RAW).slice(0, 16),
      }),
    );
    return payload;
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

function boot(query = ''): { state: AppState; sync: ContentSync } {
  const state = createAppState(parseConfig(new URL(`https://kiosk.example/?content=${encodeURIComponent(BASE)}${query}`), storage));
  const sync = createContentSync(state, {
    publicKey: RAW,
    openDb: openKioskDb,
    storage,
    fetchOptions: { fetch: server.fetch },
    log: quietLog,
  });
  Object.assign(state.actions, { selectSite: sync.selectSite, checkNow: sync.checkNow });
  running.push(sync);
  return { state, sync };
}

beforeEach(async () => {
  server = new FakeServer();
  storage = new MemoryStorage();
  quietLog.messages = [];
  const db = await openKioskDb();
  await db.clear('content');
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
    expect((await db.get('content', 'baihe'))?.manifest.version).toBe(1);
    expect(assetUrl(state.bundle.value!.staff[0].photo!)).toMatch(/^blob:/);
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
    expect(assetUrl(state.bundle.value!.staff[0].photo!)).toMatch(/^blob:/);
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
    expect(quietLog.messages.some((m) => m.includes('比本机的 2 旧'))).toBe(true);
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
    expect((await db.get('content', 'baihe'))?.bundle.items[0].name).toBe('正确内容');
  });

  it('refuses a site file whose bytes do not match the manifest', async () => {
    server.publish('正确内容');
    const { state, sync } = boot();
    await sync.start();
    const v2 = server.publish('新内容');
    const site = v2.sites.find((s) => s.code === 'baihe')!;
    const bytes = server.files.get(BASE + site.path)!;
    server.files.set(BASE + site.path, new TextEncoder().encode(new TextDecoder().decode(bytes).replace('新内容', '假内容')));
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

describe('content sync without storage', () => {
  it('works online when IndexedDB never opens (blocked by another tab)', async () => {
    server.publish('仅联网内容');
    const state = createAppState(parseConfig(new URL(`https://kiosk.example/?content=${encodeURIComponent(BASE)}`), storage));
    const sync = createContentSync(state, {
      publicKey: RAW,
      openDb: () => new Promise(() => {}),
      dbOpenTimeoutMs: 50,
      storage,
      fetchOptions: { fetch: server.fetch },
      log: quietLog,
    });
    running.push(sync);
    await sync.start();
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
