/**
 * The platform under the views: first visit, offline reload, signed updates, refused tampering,
 * and the status screens a kiosk shows when it has nothing to show.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  copyPublished,
  DEMO_CONTENT_OUT,
  editPublished,
  expect,
  readManifest,
  readSiteBundle,
  startContentServer,
  test,
  waitForServiceWorker,
} from './support/fixtures.ts';
import { homeTile, openHome } from './kiosk-helpers.ts';

const SITE = 'baihe';

/** The app's state on <html> (set by the app shell from its state signals). */
const html = (page: Page) => page.locator('html');

/** Waits until the kiosk shows verified content of this version. */
async function showsVersion(page: Page, version: number) {
  await expect(html(page)).toHaveAttribute('data-content-version', String(version), { timeout: 20_000 });
}

/** Waits until the last update check failed (a refused version). */
async function checkFailed(page: Page) {
  await expect(html(page)).toHaveAttribute('data-sync', 'failed', { timeout: 20_000 });
}

/** A free TCP port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const s = await startContentServer({ contentDir: DEMO_CONTENT_OUT });
  await s.close();
  return s.port;
}

test.describe('first visit and offline', () => {
  test('first visit shows the site', async ({ page, shot }) => {
    const bundle = await readSiteBundle(DEMO_CONTENT_OUT, 'baihe');
    const { payload } = await readManifest(DEMO_CONTENT_OUT);
    await page.goto('/?site=baihe');
    await showsVersion(page, payload.version);
    await expect(html(page)).toHaveAttribute('data-status', 'ready');
    await expect(page.getByText(bundle.site.name).first()).toBeVisible();
    await expect(page.getByRole('heading', { name: '暂时无法获取办事信息' })).toHaveCount(0);
    await shot('skeleton-first-visit');
  });

  test('after one online visit the kiosk reloads and works with the network off, photos included', async ({ page, context, shot }) => {
    const bundle = await readSiteBundle(DEMO_CONTENT_OUT, SITE);
    await page.goto(`/?site=${SITE}`);
    await expect(page.getByText(bundle.site.name).first()).toBeVisible();
    await waitForServiceWorker(page);

    await context.setOffline(true);
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByText(bundle.site.name).first()).toBeVisible();
    await expect(page.getByRole('heading', { name: '暂时无法获取办事信息' })).toHaveCount(0);

    // Without the site parameter too: the site is remembered.
    await page.goto('/');
    await expect(page.getByText(bundle.site.name).first()).toBeVisible();

    // Staff photos come from IndexedDB (blob: URLs), not from the network.
    expect(
      bundle.staff.some((s) => s.photo),
      'the demo content has staff photos (content/staff/photos)',
    ).toBe(true);
    await openHome(page);
    await homeTile(page, '窗口人员').tap();
    const photos = page.getByRole('img', { name: /的照片$/ });
    await expect(photos.first()).toBeVisible();
    const loaded = await photos.evaluateAll((imgs) =>
      (imgs as HTMLImageElement[]).map((img) => ({ blob: img.src.startsWith('blob:'), ok: img.complete && img.naturalWidth > 0 })),
    );
    expect(loaded.length).toBeGreaterThan(0);
    expect(
      loaded.every((p) => p.blob && p.ok),
      JSON.stringify(loaded),
    ).toBe(true);
    await shot('skeleton-offline-staff');
  });

  test('every mode starts without Content-Security-Policy violations or page errors', async ({ page, consoleMessages }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const bundle = await readSiteBundle(DEMO_CONTENT_OUT, SITE);
    const { payload } = await readManifest(DEMO_CONTENT_OUT);
    for (const mode of ['kiosk', 'display', 'ticker']) {
      // The first start downloads the content; the next ones start from the stored copy.
      await page.goto(`/?site=${SITE}&mode=${mode}`);
      await showsVersion(page, payload.version);
      await expect(page.locator('#app')).not.toBeEmpty();
      if (mode !== 'ticker') await expect(page.getByText(bundle.site.name).first()).toBeVisible();
    }
    expect(consoleMessages.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test.describe('content updates', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'portrait', 'behaviour, not layout: portrait only'));

  test('a newer published version is picked up by polling and kept', async ({ page, workDir, serveContent }) => {
    const dir = await copyPublished(join(workDir, 'content'));
    const server = await serveContent(dir);
    const before = (await readSiteBundle(dir, 'baihe')).site.name;
    await page.goto(`${server.url}/?site=baihe&poll=1`);
    await expect(page.getByText(before).first()).toBeVisible();

    const newName = `${before}（新版本）`;
    const { payload } = await readManifest(dir);
    await showsVersion(page, payload.version);
    await editPublished(dir, { editBundle: (b) => ({ ...b, site: { ...b.site, name: newName } }) });
    await showsVersion(page, payload.version + 1);
    await expect(page.getByText(newName).first()).toBeVisible();

    await page.reload();
    await expect(page.getByText(newName).first()).toBeVisible();
  });

  for (const how of ['break-signature', 'break-hash'] as const) {
    test(`a tampered version is refused and the last good content stays (${how})`, async ({ page, workDir, serveContent }) => {
      const dir = await copyPublished(join(workDir, 'content'));
      const server = await serveContent(dir);
      const good = (await readSiteBundle(dir, 'baihe')).site.name;
      const { payload } = await readManifest(dir);
      await page.goto(`${server.url}/?site=baihe&poll=1`);
      await expect(page.getByText(good).first()).toBeVisible();
      await expect(html(page)).toHaveAttribute('data-sync', 'ok');

      await editPublished(dir, { how, editBundle: (b) => ({ ...b, site: { ...b.site, name: '篡改后的站点名称' } }) });
      await checkFailed(page);
      await expect(html(page)).toHaveAttribute('data-content-version', String(payload.version));
      await expect(page.getByText(good).first()).toBeVisible();
      await expect(page.getByText('篡改后的站点名称')).toHaveCount(0);

      // Still refused after a reload: nothing of the tampered version was stored.
      await page.reload();
      await checkFailed(page);
      await expect(html(page)).toHaveAttribute('data-content-version', String(payload.version));
      await expect(page.getByText(good).first()).toBeVisible();
      await expect(page.getByText('篡改后的站点名称')).toHaveCount(0);
    });
  }
});

test.describe('status screens', () => {
  test('never received content and no server: says so in Chinese, counts down, keeps retrying', async ({ page, shot }) => {
    const port = await closedPort();
    await page.goto(`/?site=baihe&poll=2&content=${encodeURIComponent(`http://127.0.0.1:${port}/`)}`);
    await expect(page.getByRole('heading', { name: '暂时无法获取办事信息' })).toBeVisible();
    await expect(page.getByText('请联系大厅工作人员')).toBeVisible();
    await expect(page.getByText('12345')).toBeVisible();
    await expect(page.getByText(/\d+ 秒后自动重试|正在重新连接/)).toBeVisible();
    await expect(page.getByRole('button', { name: '立即重试' })).toBeVisible();
    await shot('status-no-content');

    // The server comes back: the kiosk retries by itself and shows the content.
    const server = await startContentServer({ contentDir: DEMO_CONTENT_OUT, contentOnly: true, port });
    try {
      const bundle = await readSiteBundle(DEMO_CONTENT_OUT, 'baihe');
      await expect(page.getByText(bundle.site.name).first()).toBeVisible({ timeout: 20_000 });
    } finally {
      await server.close();
    }
  });

  test('unknown site code: clear message with the valid sites as buttons', async ({ page, shot }) => {
    const { payload } = await readManifest(DEMO_CONTENT_OUT);
    await page.goto('/?site=no-such-site');
    await expect(page.getByRole('heading', { name: '站点设置有误' })).toBeVisible();
    await expect(page.getByText('no-such-site')).toBeVisible();
    for (const s of payload.sites) await expect(page.getByRole('button', { name: s.name, exact: true })).toBeVisible();
    await shot('status-unknown-site');

    const longshan = payload.sites.find((s) => s.code === 'longshan')!;
    await page.getByRole('button', { name: longshan.name, exact: true }).tap();
    const bundle = await readSiteBundle(DEMO_CONTENT_OUT, 'longshan');
    await expect(page.getByText(bundle.site.name).first()).toBeVisible();
    expect(new URL(page.url()).searchParams.get('site')).toBe('longshan');
  });
});
