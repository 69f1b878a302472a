/**
 * The dashboard over the hub's seeded 90 days of 示例数据 (the demo county, as under npm start):
 * every screen shows real numbers marked as demo data, the township account sees its township
 * only, and each screen is photographed at 1366×768 and 1920×1080 (landscape project) and as a
 * tablet in portrait (portrait project) — the screenshots a township director is shown.
 */
import type { Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upsertUser } from '../scripts/hub/accounts.ts';
import { createHub } from '../scripts/hub/app.ts';
import { loadCalendars } from '../scripts/hub/calendar.ts';
import { createCatalog } from '../scripts/hub/catalog.ts';
import { openDb } from '../scripts/hub/db.ts';
import { migrateToLatest } from '../scripts/hub/migrations.ts';
import { seedDemo } from '../scripts/hub/seed-demo.ts';
import { startServer, type RunningServer } from '../scripts/serve.ts';
import { DEMO_CONTENT_OUT, DIST, expect, REPO, shot, test } from './support/fixtures.ts';

const COUNTY = { username: 'demo-county', password: 'demo-county-pw-1', displayName: '县政务服务中心' };
const BAIHE = { username: 'demo-baihe', password: 'demo-baihe-pw-1', displayName: '白鹤镇便民服务中心' };

test.use({ serviceWorkers: 'block' });

let url = '';
let close: () => Promise<void> = async () => {};
test.beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dashboard-demo-'));
  const opened = openDb(join(dir, 'hub.sqlite'));
  await migrateToLatest(opened.db, opened.dialect);
  const publicKey = (await readFile(join(REPO, '.keys', 'dev.pub'), 'utf8')).trim();
  const catalog = createCatalog(DEMO_CONTENT_OUT, publicKey);
  const calendars = loadCalendars();
  await seedDemo(opened.db, await catalog.current(), calendars);
  await upsertUser(opened.db, { ...COUNTY, role: 'county', township: null }, 'e2e');
  await upsertUser(opened.db, { ...BAIHE, role: 'township', township: 'baihe' }, 'e2e');
  const hub = createHub({ db: opened.db, catalog, calendars });
  const server: RunningServer = await startServer({ root: DIST, port: 0, host: '127.0.0.1', handlers: [hub.nodeHandler] });
  url = server.url;
  close = async () => {
    await server.close();
    await opened.db.destroy();
    await rm(dir, { recursive: true, force: true });
  };
});
test.afterAll(() => close());

async function login(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.goto(`${url}/admin/#/devices`);
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).tap();
  await expect(page.getByRole('heading', { name: '设备状态' })).toBeVisible();
}

async function shots(page: Page, name: string): Promise<void> {
  if (test.info().project.name === 'landscape') {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(page, `dashboard-demo-${name}-1920`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await shot(page, `dashboard-demo-${name}-1366`);
  } else {
    await shot(page, `dashboard-demo-${name}-tablet`);
  }
}

test('county account: every screen over 示例数据', async ({ page }) => {
  if (test.info().project.name === 'landscape') await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, COUNTY);
  await expect(page.getByRole('note')).toHaveText('示例数据：当前显示的是演示县的模拟评价、心跳和播放记录，不是真实数据。');
  await expect(page.locator('.ad-device').first()).toBeVisible();
  await shots(page, 'devices');
  await page.getByRole('link', { name: '满意率测评' }).tap();
  await expect(page.getByTestId('satisfaction-rate')).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByRole('table', { name: '乡镇满意率排名' }).locator('tbody tr')).toHaveCount(3);
  await shots(page, 'satisfaction');
  await page.getByRole('link', { name: '差评整改' }).tap();
  await expect(page.locator('table.ad-cases tbody tr').first()).toBeVisible();
  await shots(page, 'cases');
  await page.getByRole('link', { name: '公示留痕' }).tap();
  await expect(page.locator('table.ad-publicity tbody tr').first()).toBeVisible();
  await shots(page, 'publicity');
});

test('township account: its township and villages only', async ({ page }) => {
  if (test.info().project.name === 'landscape') await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, BAIHE);
  await expect(page.locator('.ad-brand')).toContainText('白鹤镇便民服务中心');
  await expect(page.locator('.ad-group h2')).toHaveCount(1);
  await expect(page.locator('.ad-group h2')).toContainText('白鹤镇便民服务中心');
  await page.getByRole('link', { name: '满意率测评' }).tap();
  await expect(page.getByRole('combobox', { name: '乡镇' })).toHaveCount(0);
  const sites = await page.getByRole('combobox', { name: '站点' }).locator('option').allTextContents();
  expect(sites.map((s) => s.trim())).toEqual([
    '本乡镇全部站点',
    '白鹤镇便民服务中心',
    '解放社区便民服务代办站',
    '清水村便民服务代办站',
    '石桥村便民服务代办站',
  ]);
  await page.getByRole('link', { name: '差评整改' }).tap();
  await expect(page.locator('table.ad-cases tbody tr').first()).toBeVisible();
  const siteCells = await page.locator('table.ad-cases tbody tr td:nth-child(3)').allTextContents();
  expect(siteCells.length).toBeGreaterThan(0);
  for (const s of siteCells)
    expect(['白鹤镇便民服务中心', '解放社区便民服务代办站', '清水村便民服务代办站', '石桥村便民服务代办站']).toContain(s);
  await shots(page, 'township-cases');
});
