/**
 * App (service worker) updates: the first install does not reload the page, and a new app
 * version waits (appUpdateReady) instead of reloading a kiosk in the middle of a session.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from '../scripts/serve.ts';
import { DEMO_CONTENT_OUT, DIST, expect, readSiteBundle, test, waitForServiceWorker } from './support/fixtures.ts';

test.beforeEach(({}, info) => test.skip(info.project.name !== 'portrait', 'behaviour, not layout: portrait only'));

test('a new app version installs in the background and waits; the page is never reloaded by itself', async ({ page, workDir }) => {
  const app = join(workDir, 'app');
  await cp(DIST, app, { recursive: true });
  await rm(join(app, 'content'), { recursive: true, force: true });
  // The app from a copy we can change, the demo content beside it.
  const own = await startServer({ root: app, contentDir: DEMO_CONTENT_OUT, port: 0 });
  try {
    const bundle = await readSiteBundle(DEMO_CONTENT_OUT, 'baihe');
    await page.goto(`${own.url}/?site=baihe`);
    await expect(page.getByText(bundle.site.name).first()).toBeVisible();
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await waitForServiceWorker(page);

    // A new app build: any byte change of sw.js makes a new service worker version.
    const sw = join(app, 'sw.js');
    await writeFile(sw, `${await readFile(sw, 'utf8')}\n// 新版本 ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.locator('html')).toHaveAttribute('data-app-update', 'waiting', { timeout: 30_000 });
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);

    // Neither the first install (clientsClaim) nor the waiting update reloaded the page.
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await expect(page.getByText(bundle.site.name).first()).toBeVisible();
  } finally {
    await own.close();
  }
});

test('a waiting app version is applied when the kiosk returns to its start screen unused', async ({ page, workDir }) => {
  const app = join(workDir, 'app');
  await cp(DIST, app, { recursive: true });
  await rm(join(app, 'content'), { recursive: true, force: true });
  const own = await startServer({ root: app, contentDir: DEMO_CONTENT_OUT, port: 0 });
  try {
    await page.goto(`${own.url}/?site=baihe&idle=2`);
    await waitForServiceWorker(page);
    const firstScript = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);

    const sw = join(app, 'sw.js');
    await writeFile(sw, `${await readFile(sw, 'utf8')}\n// 新版本 ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.locator('html')).toHaveAttribute('data-app-update', 'waiting', { timeout: 30_000 });

    // Someone uses the kiosk, then walks away: after the idle prompt it resets, and only then
    // the new version takes over (one reload).
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await page.getByRole('button', { name: '点这里开始查询' }).tap();
    await page.waitForFunction(() => !(window as unknown as { stillHere?: boolean }).stillHere, undefined, { timeout: 60_000 });
    await waitForServiceWorker(page);
    const after = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: !!reg?.waiting, script: navigator.serviceWorker.controller?.scriptURL };
    });
    expect(after).toEqual({ waiting: false, script: firstScript });
    await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible();
  } finally {
    await own.close();
  }
});
