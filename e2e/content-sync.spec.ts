/**
 * The split content format under attack and under power cuts, in real Chromium: every tampered
 * or replayed update is refused and the held version stays; a browser killed in the middle of
 * an update and restarted offline shows the old or the new version, never a mix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { EntryPayload, SignedEnvelope } from '../kiosk/src/bundle/schema.ts';
import { entryPath, partPath } from '../kiosk/src/bundle/schema.ts';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.ts';
import { startServer, type RequestHandler } from '../scripts/serve.ts';
import {
  copyPublished,
  DIST,
  expect,
  readSiteBundle,
  readSiteEntry,
  signPayload,
  test,
  waitForServiceWorker,
  writeBundleParts,
  writeEntry,
  writeServed,
} from './support/fixtures.ts';

const SITE = 'baihe';
const TAMPERED = '篡改后的站点名称';

test.beforeEach(({}, info) => test.skip(info.project.name !== 'portrait', 'behaviour, not layout: portrait only'));

/** The next version of SITE's entry point with its site renamed to `siteName` (parts written, not signed). */
async function nextEntry(dir: string, siteName: string, itemName?: string): Promise<EntryPayload> {
  const entry = await readSiteEntry(dir, SITE);
  const bundle = await readSiteBundle(dir, SITE);
  bundle.site = { ...bundle.site, name: siteName };
  if (itemName) bundle.items[0] = { ...bundle.items[0], name: itemName };
  return { ...entry, version: entry.version + 1, publishedAt: new Date().toISOString(), parts: await writeBundleParts(dir, bundle) };
}

const html = (page: Page) => page.locator('html');

test('every tampered, foreign or replayed entry point or part is refused and the held version stays', async ({ page, workDir }) => {
  const dir = await copyPublished(join(workDir, 'content'));
  const server = await startServer({ root: DIST, contentDir: dir, port: 0 });
  try {
    const good = await readSiteBundle(dir, SITE);
    const v1 = (await readSiteEntry(dir, SITE)).version;
    const entryFile = join(dir, entryPath(SITE));
    const goodEntry = await readFile(entryFile);
    await page.goto(`${server.url}/?site=${SITE}&poll=1`);
    await expect(page.getByText(good.site.name).first()).toBeVisible();
    await expect(html(page)).toHaveAttribute('data-content-version', String(v1));

    const refused = async (name: string, error: RegExp, tamper: () => Promise<void>) => {
      await tamper();
      await expect(html(page), name).toHaveAttribute('data-sync-error', error, { timeout: 20_000 });
      await expect(html(page), name).toHaveAttribute('data-content-version', String(v1));
      await expect(page.getByText(good.site.name).first(), name).toBeVisible();
      await expect(page.getByText(TAMPERED), name).toHaveCount(0);
      // The genuine entry point back: the next check succeeds and changes nothing.
      await writeServed(dir, entryPath(SITE), goodEntry);
      await expect(html(page), name).toHaveAttribute('data-sync-error', '', { timeout: 20_000 });
    };
    const signedNext = async () => {
      const next = await nextEntry(dir, TAMPERED);
      return { next, env: await signPayload('bianmin-entry', next) };
    };
    const sitePartFile = (e: EntryPayload) => join(dir, partPath(e.parts.site.sha256));

    await refused('changed byte in a part', /校验值不符/, async () => {
      const { next, env } = await signedNext();
      const bytes = await readFile(sitePartFile(next));
      bytes[bytes.indexOf(Buffer.from('篡改'))] ^= 1;
      await writeServed(dir, partPath(next.parts.site.sha256), bytes);
      await writeEntry(dir, next, env);
    });
    await refused('swapped part', /大小不符|校验值不符/, async () => {
      const { next, env } = await signedNext();
      await writeServed(dir, partPath(next.parts.site.sha256), await readFile(join(dir, partPath(next.parts.departments.sha256))));
      await writeEntry(dir, next, env);
    });
    await refused('changed entry-point field after signing', /签名校验失败/, async () => {
      const { next, env } = await signedNext();
      await writeEntry(dir, next, { ...env, payload: env.payload.replace(`"version":${next.version}`, `"version":${next.version + 5}`) });
    });
    await refused('missing signature', /格式不正确/, async () => {
      const { next, env } = await signedNext();
      const { signature: _, ...unsigned } = env;
      await writeEntry(dir, next, unsigned as SignedEnvelope);
    });
    await refused('wrong signature', /签名校验失败/, async () => {
      const { next, env } = await signedNext();
      const other = await signPayload('bianmin-entry', { ...next, version: 999 });
      await writeEntry(dir, next, { ...env, signature: other.signature });
    });
    await refused("another county's key", /其他密钥/, async () => {
      const { next } = await signedNext();
      const keyFile = join(workDir, 'other.key');
      await writeFile(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
      await writeEntry(dir, next, await signPayload('bianmin-entry', next, keyFile));
    });
    await refused('truncated part', /大小不符/, async () => {
      const { next, env } = await signedNext();
      const bytes = await readFile(sitePartFile(next));
      await writeServed(dir, partPath(next.parts.site.sha256), bytes.subarray(0, bytes.length >> 1));
      await writeEntry(dir, next, env);
    });
    await refused('oversized part', /比签名记录的大|大小不符/, async () => {
      const { next, env } = await signedNext();
      const bytes = await readFile(sitePartFile(next));
      await writeServed(dir, partPath(next.parts.site.sha256), Buffer.concat([bytes, Buffer.alloc(2 * 1024 * 1024, 32)]));
      await writeEntry(dir, next, env);
    });
    await refused('HTML instead of the entry point', /不是有效的 JSON/, async () => {
      await writeServed(dir, entryPath(SITE), '<!doctype html><html><body>维护中</body></html>');
    });
    await refused('HTML instead of a part', /大小不符|校验值不符/, async () => {
      const { next, env } = await signedNext();
      await writeServed(dir, partPath(next.parts.site.sha256), '<!doctype html><html><body>维护中</body></html>');
      await writeEntry(dir, next, env);
    });

    // A genuine newer version is taken; replaying the older (validly signed) one changes nothing.
    const newer = await nextEntry(dir, `${good.site.name}（第二版）`);
    await writeEntry(dir, newer);
    await expect(html(page)).toHaveAttribute('data-content-version', String(newer.version), { timeout: 20_000 });
    await expect(page.getByText(`${good.site.name}（第二版）`).first()).toBeVisible();
    const checks = Number(await html(page).getAttribute('data-sync-checks'));
    await writeServed(dir, entryPath(SITE), goodEntry);
    await expect
      .poll(async () => Number(await html(page).getAttribute('data-sync-checks')), { timeout: 20_000 })
      .toBeGreaterThan(checks + 1000);
    await expect(html(page)).toHaveAttribute('data-content-version', String(newer.version));
    await expect(html(page)).toHaveAttribute('data-sync-error', '');
    await expect(page.getByText(`${good.site.name}（第二版）`).first()).toBeVisible();
  } finally {
    await server.close();
  }
});

test('a full storage quota fails the update cleanly: the held version stays, and the update arrives once there is room', async ({
  page,
  workDir,
}) => {
  const dir = await copyPublished(join(workDir, 'content'));
  const server = await startServer({ root: DIST, contentDir: dir, port: 0 });
  try {
    const good = await readSiteBundle(dir, SITE);
    const v1 = (await readSiteEntry(dir, SITE)).version;
    await page.goto(`${server.url}/?site=${SITE}&poll=1`);
    await expect(page.getByText(good.site.name).first()).toBeVisible();
    await expect(html(page)).toHaveAttribute('data-content-version', String(v1));
    // The disk is full: every IndexedDB write fails with the QuotaExceededError Chromium raises then
    // (Chromium's CDP quota override does not bind the in-memory storage of a test context).
    await page.evaluate(() => {
      const w = window as unknown as { __full: boolean; __put: typeof IDBObjectStore.prototype.put };
      w.__full = true;
      w.__put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (w.__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return w.__put.apply(this, args);
      };
    });
    const next = await nextEntry(dir, '存储已满时发布的站点名称', `新事项${'长'.repeat(4000)}`);
    await writeEntry(dir, next);
    await expect(html(page)).toHaveAttribute('data-sync-error', '本机存储空间已满，新内容未能保存，继续显示原有内容', { timeout: 20_000 });
    await expect(html(page)).toHaveAttribute('data-content-version', String(v1));
    await expect(page.getByText(good.site.name).first()).toBeVisible();
    await expect(page.getByText('存储已满时发布的站点名称')).toHaveCount(0);
    // Room again: the next check stores and shows the new version.
    await page.evaluate(() => {
      (window as unknown as { __full: boolean }).__full = false;
    });
    await expect(html(page)).toHaveAttribute('data-content-version', String(next.version), { timeout: 20_000 });
    await expect(page.getByText('存储已满时发布的站点名称').first()).toBeVisible();
  } finally {
    await server.close();
  }
});

test('polling revalidates the entry point: nothing new costs a 304 and no part is fetched again', async ({ page, workDir }) => {
  const dir = await copyPublished(join(workDir, 'content'));
  const seen: { url: string; ifNoneMatch: boolean }[] = [];
  const record: RequestHandler = (req) => {
    if (req.url?.startsWith('/content/')) seen.push({ url: req.url, ifNoneMatch: !!req.headers['if-none-match'] });
    return false;
  };
  const server = await startServer({ root: DIST, contentDir: dir, port: 0, handlers: [record] });
  try {
    await page.goto(`${server.url}/?site=${SITE}&poll=1`);
    await expect(html(page)).toHaveAttribute('data-content-version', /^\d+$/);
    const polls = () => seen.filter((r) => r.url === `/content/${entryPath(SITE)}`);
    await expect.poll(() => polls().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const later = polls().slice(1);
    expect(later.every((r) => r.ifNoneMatch)).toBe(true);
    // after the first download, only the entry point is asked for
    const first = seen.findIndex((r, i) => i > 0 && r.url === `/content/${entryPath(SITE)}`);
    expect(
      seen
        .slice(first)
        .map((r) => r.url)
        .filter((u) => u !== `/content/${entryPath(SITE)}`),
    ).toEqual([]);
  } finally {
    await server.close();
  }
});

/** A Chromium of our own (so it can be killed like a power cut), driven over CDP. */
async function launchKillable(userDataDir: string): Promise<{ browser: Browser; proc: ChildProcess }> {
  const proc = spawn(
    findChromium() ?? '/usr/bin/chromium',
    [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', '--lang=zh-CN', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const ws = await new Promise<string>((ok, fail) => {
    let text = '';
    const timer = setTimeout(() => fail(new Error(`chromium did not start: ${text}`)), 30_000);
    proc.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    proc.once('exit', () => fail(new Error(`chromium exited: ${text}`)));
  });
  const browser = await chromium.connectOverCDP(ws);
  return { browser, proc };
}

async function kill({ proc, browser }: { proc: ChildProcess; browser: Browser }): Promise<void> {
  const exited = new Promise((ok) => proc.once('exit', ok));
  proc.kill('SIGKILL');
  await exited;
  await browser.close().catch(() => undefined);
}

/** What the restarted kiosk holds and shows: version attribute, site name on screen, stored first item. */
async function shown(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('bianmin-kiosk');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const rec = await new Promise<{
      current: { entry: { version: number }; bundle: { site: { name: string }; items: { name: string }[] } };
    }>((ok, fail) => {
      const r = db.transaction('sites').objectStore('sites').get('baihe');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    db.close();
    return {
      version: document.documentElement.dataset.contentVersion,
      storedVersion: String(rec.current.entry.version),
      storedSite: rec.current.bundle.site.name,
      storedItem: rec.current.bundle.items[0].name,
    };
  });
}

for (const point of ['while a part downloads', 'while an image downloads', 'right after the update'] as const) {
  test(`browser killed ${point}, restarted offline: the old or the new version, never a mix`, async ({ workDir }) => {
    test.setTimeout(120_000);
    const dir = await copyPublished(join(workDir, 'content'));
    const old = await readSiteBundle(dir, SITE);
    const v1 = (await readSiteEntry(dir, SITE)).version;
    let stallPath: string | null = null;
    let stalled: () => void = () => {};
    const hit = new Promise<void>((ok) => (stalled = ok));
    const stall: RequestHandler = (req) => {
      if (!stallPath || req.url !== `/content/${stallPath}`) return false;
      stalled(); // never answered: the download hangs until the browser dies
      return true;
    };
    const server = await startServer({ root: DIST, contentDir: dir, port: 0, handlers: [stall] });
    const url = `${server.url}/?site=${SITE}&poll=1`;
    const userDataDir = join(workDir, 'profile');
    await mkdir(userDataDir, { recursive: true });
    try {
      let run = await launchKillable(userDataDir);
      let page = await run.browser.contexts()[0].newPage();
      await page.goto(url);
      await expect(page.getByText(old.site.name).first()).toBeVisible();
      await expect(html(page)).toHaveAttribute('data-content-version', String(v1));
      await waitForServiceWorker(page);

      // Version 2 renames the site (site part) and the first item (item part), and for the image
      // case adds a new staff photo.
      const next = await nextEntry(dir, `${old.site.name}（新版）`, '新版第一个事项');
      if (point === 'while an image downloads') {
        const photo = next.assets[0];
        const bytes = Buffer.concat([await readFile(join(dir, photo.path)), Buffer.from('新')]);
        const { createHash } = await import('node:crypto');
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const path = `assets/${sha256.slice(0, 16)}.${photo.path.split('.').pop()}`;
        await writeServed(dir, path, bytes);
        next.assets = [...next.assets, { path, sha256, bytes: bytes.length }];
        stallPath = path;
      } else if (point === 'while a part downloads') {
        stallPath = partPath(next.parts.items[0].sha256);
      }
      await writeEntry(dir, next);
      if (stallPath) await hit;
      else await expect(html(page)).toHaveAttribute('data-content-version', String(next.version), { timeout: 20_000 });
      await kill(run);

      // Power back, network gone (the content server is down): start from what was stored.
      await server.close();
      run = await launchKillable(userDataDir);
      page = await run.browser.contexts()[0].newPage();
      await page.goto(url);
      await expect(html(page)).toHaveAttribute('data-content-version', /^\d+$/, { timeout: 20_000 });
      const s = await shown(page);
      const expected = stallPath
        ? { version: String(v1), storedVersion: String(v1), storedSite: old.site.name, storedItem: old.items[0].name }
        : {
            version: String(next.version),
            storedVersion: String(next.version),
            storedSite: `${old.site.name}（新版）`,
            storedItem: '新版第一个事项',
          };
      expect(s).toEqual(expected);
      await expect(page.getByText(expected.storedSite).first()).toBeVisible();
      await kill(run);
    } finally {
      await server.close().catch(() => undefined);
    }
  });
}
