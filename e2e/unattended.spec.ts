/**
 * A screen left alone: content updates wait for a natural boundary (kiosk: going home or the
 * idle return; display: the next slide), a waiting app version is applied by a wall display
 * between two slides, and the lockdown keeps a curious visitor inside the app.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Announcement } from '../kiosk/src/bundle/schema.ts';
import { startServer } from '../scripts/serve.ts';
import { homeTile, rowButton, tileButton } from './kiosk-helpers.ts';
import {
  copyPublished,
  DEMO_CONTENT_OUT,
  DIST,
  editPublished,
  expect,
  readSiteBundle,
  test,
  waitForServiceWorker,
} from './support/fixtures.ts';

const NEW_SITE_NAME = '白鹤镇便民服务中心（十二月新版）';
const NEW_ITEM_NAME = '最低生活保障（新版说明）';

function waitLog(page: Page, text: string, timeout = 20_000) {
  return page.waitForEvent('console', { predicate: (m) => m.text().includes(text), timeout });
}

/** Opens item MZ-001 through 按部门查询 (three taps from home). */
async function openItem(page: Page, deptName: string, itemName: string) {
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await homeTile(page, '按部门查询').tap();
  await tileButton(page, deptName).tap();
  await rowButton(page, itemName).tap();
  await expect(page.getByRole('heading', { level: 1, name: itemName })).toBeVisible();
}

test.describe('content updates at a natural boundary', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'portrait', 'behaviour, not layout: portrait only'));

  test('kiosk: a new version waits while a person reads an item, and is taken when they go home', async ({
    page,
    workDir,
    serveContent,
    shot,
  }) => {
    const dir = await copyPublished(join(workDir, 'content'));
    const server = await serveContent(dir);
    const bundle = await readSiteBundle(dir, 'baihe');
    const item = bundle.items.find((i) => i.code === 'MZ-001')!;
    const dept = bundle.departments.find((d) => d.id === item.departmentId)!;
    await page.goto(`${server.url}/?site=baihe&poll=1`);
    await openItem(page, dept.name, item.name);

    const held = waitLog(page, '等到无人使用时启用');
    await editPublished(dir, {
      editBundle: (b) => {
        b.site = { ...b.site, name: NEW_SITE_NAME };
        b.items = b.items.map((i) => (i.code === 'MZ-001' ? { ...i, name: NEW_ITEM_NAME } : i));
        return b;
      },
    });
    await held;
    // Verified and stored, but the screen the person reads does not change under them.
    await page.waitForTimeout(2500);
    await expect(page.getByRole('heading', { level: 1, name: item.name })).toBeVisible();
    await expect(page.getByText(NEW_ITEM_NAME)).toHaveCount(0);
    await expect(page.getByText(NEW_SITE_NAME)).toHaveCount(0);
    await shot('update-held-mid-query');

    await page.getByRole('button', { name: '首页' }).tap();
    await expect(page.getByText(NEW_SITE_NAME).first()).toBeVisible();
  });

  test('kiosk: a new version that arrives mid-query is taken at the idle return', async ({ page, workDir, serveContent }) => {
    const dir = await copyPublished(join(workDir, 'content'));
    const server = await serveContent(dir);
    const bundle = await readSiteBundle(dir, 'baihe');
    const item = bundle.items.find((i) => i.code === 'MZ-001')!;
    const dept = bundle.departments.find((d) => d.id === item.departmentId)!;
    await page.goto(`${server.url}/?site=baihe&poll=1&idle=4`);
    await openItem(page, dept.name, item.name);
    const held = waitLog(page, '等到无人使用时启用');
    await editPublished(dir, { editBundle: (b) => ({ ...b, site: { ...b.site, name: NEW_SITE_NAME } }) });
    await held;
    await expect(page.getByRole('heading', { level: 1, name: item.name })).toBeVisible();
    await expect(page.getByText(NEW_SITE_NAME)).toHaveCount(0);

    // Nobody touches the screen: the idle prompt, then the start screen with the new content.
    await expect(page.getByText('还在使用吗')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('heading', { name: NEW_SITE_NAME })).toBeVisible({ timeout: 30_000 });
  });

  test('kiosk: an urgent announcement is taken at once, even mid-query', async ({ page, workDir, serveContent }) => {
    const dir = await copyPublished(join(workDir, 'content'));
    const server = await serveContent(dir);
    const bundle = await readSiteBundle(dir, 'baihe');
    const item = bundle.items.find((i) => i.code === 'MZ-001')!;
    const dept = bundle.departments.find((d) => d.id === item.departmentId)!;
    await page.goto(`${server.url}/?site=baihe&poll=1`);
    await openItem(page, dept.name, item.name);
    const urgent = waitLog(page, '含新的紧急通知，立即启用');
    await editPublished(dir, {
      editBundle: (b) => {
        const a: Announcement = {
          id: 'stop-water',
          title: '今日下午停水紧急通知',
          html: '<p>今天14:00至18:00停水。</p>',
          text: '今天14:00至18:00停水。',
          publishAt: '2020-01-01T00:00+08:00',
          priority: 'urgent',
        };
        return { ...b, site: { ...b.site, name: NEW_SITE_NAME }, announcements: [a, ...b.announcements] };
      },
    });
    await urgent;
    await expect(page.getByText(NEW_SITE_NAME).first()).toBeVisible();
  });
});

test('display: a waiting app version is applied at a slide boundary', async ({ page, workDir }, info) => {
  test.skip(info.project.name !== 'portrait', 'behaviour, not layout: portrait only');
  test.setTimeout(120_000);
  const app = join(workDir, 'app');
  await cp(DIST, app, { recursive: true });
  await rm(join(app, 'content'), { recursive: true, force: true });
  const own = await startServer({ root: app, contentDir: DEMO_CONTENT_OUT, port: 0 });
  try {
    // Inside office hours (a Wednesday, 10:00 in Beijing), so the wall plays slides; timers run for real.
    await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+08:00'));
    await page.goto(`${own.url}/?site=baihe&mode=display`);
    await expect(page.locator('.dsp-layer.is-front [data-slide]').first()).toBeVisible({ timeout: 20_000 });
    await waitForServiceWorker(page);
    // Remember when the front slide last changed; on unload, how long the last slide had been up.
    await page.evaluate(() => {
      const w = window as unknown as { stillHere: boolean; changedAt: number };
      w.stillHere = true;
      w.changedAt = performance.now();
      new MutationObserver(() => (w.changedAt = performance.now())).observe(document.querySelector('.dsp-stage')!, {
        subtree: true,
        attributes: true,
        attributeFilter: ['class'],
      });
      addEventListener('pagehide', () => sessionStorage.setItem('shownMs', String(performance.now() - w.changedAt)));
    });
    const sw = join(app, 'sw.js');
    await writeFile(sw, `${await readFile(sw, 'utf8')}\n// 新版本 ${Date.now()}\n`);
    const waiting = waitLog(page, '[应用更新] 新版本已下载', 30_000);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await waiting;
    await page.waitForFunction(() => !(window as unknown as { stillHere?: boolean }).stillHere, undefined, { timeout: 90_000 });
    await expect(page.locator('.dsp-layer.is-front [data-slide]').first()).toBeVisible({ timeout: 20_000 });
    // The reload came when a slide had run its full time (at least 8 s per page), not mid-slide.
    const shownMs = Number(await page.evaluate(() => sessionStorage.getItem('shownMs')));
    expect(shownMs).toBeGreaterThan(5000);
    const after = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
    expect(after).toBe(false);
  } finally {
    await own.close();
  }
});

test.describe('lockdown', () => {
  test('no context menu, no selection, back stays in the app, an outside link is a QR code', async ({
    page,
    workDir,
    serveContent,
    shot,
  }) => {
    const dir = await copyPublished(join(workDir, 'content'));
    await editPublished(dir, {
      editBundle: (b) => {
        const a: Announcement = {
          id: 'link-test',
          title: '网上办事大厅开通公告',
          html: '<p>请访问<a href="https://zwfw.example.gov.cn/ban">县网上办事大厅</a>办理。</p>',
          text: '请访问县网上办事大厅办理。',
          publishAt: '2020-01-01T00:00+08:00',
          priority: 'normal',
        };
        return { ...b, announcements: [a, ...b.announcements] };
      },
    });
    const server = await serveContent(dir);
    await page.goto(`${server.url}/?site=baihe`);
    await page.getByRole('button', { name: '点这里开始查询' }).tap();
    await homeTile(page, '公示公告').tap();
    await rowButton(page, '网上办事大厅开通公告').tap();
    await expect(page.getByRole('heading', { name: '网上办事大厅开通公告' })).toBeVisible();

    // The link is text plus a QR code, nothing to tap that leaves the app.
    const rich = page.locator('.rich');
    await expect(rich.locator('a')).toHaveCount(0);
    await expect(rich.getByText('县网上办事大厅')).toBeVisible();
    await expect(rich.getByRole('img', { name: '二维码：https://zwfw.example.gov.cn/ban' })).toBeVisible();
    await expect(rich.getByText('用手机扫码打开')).toBeVisible();
    await shot('lockdown-link-qr');

    const events = await page.evaluate(() => {
      const fire = (type: string, init: EventInit = {}) => {
        const e = new Event(type, { bubbles: true, cancelable: true, ...init });
        document.querySelector('.rich p')!.dispatchEvent(e);
        return e.defaultPrevented;
      };
      const key = new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, bubbles: true, cancelable: true });
      window.dispatchEvent(key);
      return {
        contextmenu: fire('contextmenu'),
        selectstart: fire('selectstart'),
        drop: fire('drop'),
        ctrlP: key.defaultPrevented,
        userSelect: getComputedStyle(document.querySelector('.rich')!).userSelect,
      };
    });
    expect(events).toEqual({ contextmenu: true, selectstart: true, drop: true, ctrlP: true, userSelect: 'none' });

    // "Back" (swipe, mouse button) stays on the same screen of the app.
    const url = page.url();
    await page.goBack();
    await page.waitForTimeout(300);
    expect(page.url()).toBe(url);
    await expect(page.getByRole('heading', { name: '网上办事大厅开通公告' })).toBeVisible();
  });
});

test('ticker: a waiting app version is applied at the end of a scroll loop', async ({ page, workDir }, info) => {
  test.skip(info.project.name !== 'portrait', 'behaviour, not layout: portrait only');
  test.setTimeout(120_000);
  const app = join(workDir, 'app');
  await cp(DIST, app, { recursive: true });
  await rm(join(app, 'content'), { recursive: true, force: true });
  const own = await startServer({ root: app, contentDir: DEMO_CONTENT_OUT, port: 0 });
  try {
    // An LED strip, fast, so that one loop takes a few seconds.
    await page.setViewportSize({ width: 1920, height: 160 });
    await page.goto(`${own.url}/?site=baihe&mode=ticker&speed=1500`);
    await expect(page.locator('.marquee')).toBeVisible({ timeout: 20_000 });
    await waitForServiceWorker(page);
    await page.evaluate(() => {
      const w = window as unknown as { stillHere: boolean };
      w.stillHere = true;
      // Whether the reload came right at a loop's end: the track fires animationiteration there.
      let lastLoop = 0;
      document.addEventListener(
        'animationiteration',
        () => {
          lastLoop = performance.now();
          (window as unknown as { loops: number }).loops = ((window as unknown as { loops?: number }).loops ?? 0) + 1;
        },
        true,
      );
      addEventListener('pagehide', () => sessionStorage.setItem('sinceLoopMs', String(performance.now() - lastLoop)));
    });
    const sw = join(app, 'sw.js');
    await writeFile(sw, `${await readFile(sw, 'utf8')}\n// 新版本 ${Date.now()}\n`);
    const waiting = waitLog(page, '[应用更新] 新版本已下载', 30_000);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await waiting;
    await page.waitForFunction(() => !(window as unknown as { stillHere?: boolean }).stillHere, undefined, { timeout: 90_000 });
    await expect(page.locator('.marquee')).toBeVisible({ timeout: 20_000 });
    const sinceLoop = Number(await page.evaluate(() => sessionStorage.getItem('sinceLoopMs')));
    expect(sinceLoop).toBeLessThan(2000);
  } finally {
    await own.close();
  }
});
