/**
 * The whole loop against the REAL county hub (scripts/hub, SQLite in a temporary folder, no demo
 * data), served with the built app on one origin like `npm start`: a county officer enrols a
 * kiosk from the dashboard, the kiosk is opened with the address the dashboard shows, a resident
 * rates 非常不满意 with a reason and a callback phone on the on-screen keypad, the case shows up in
 * 差评整改, is handled to 已办结, and the reports are exported and read back with exceljs. A
 * township account of another township sees nothing of it, on screen and on the API.
 */
import type { Browser, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upsertUser } from '../scripts/hub/accounts.ts';
import { createHub } from '../scripts/hub/app.ts';
import { loadCalendars } from '../scripts/hub/calendar.ts';
import { createCatalog } from '../scripts/hub/catalog.ts';
import { openDb, type OpenDb } from '../scripts/hub/db.ts';
import { migrateToLatest } from '../scripts/hub/migrations.ts';
import { startServer, type RunningServer } from '../scripts/serve.ts';
import { homeTile } from './kiosk-helpers.ts';
import { DEMO_CONTENT_OUT, DIST, expect, REPO, shot, test } from './support/fixtures.ts';

const COUNTY = { username: 'loop-county', password: 'loop-county-pw-1', displayName: '县政务服务中心 张科长' };
const BAIHE = { username: 'loop-baihe', password: 'loop-baihe-pw-1', displayName: '白鹤镇 刘站长' };
const LONGSHAN = { username: 'loop-longshan', password: 'loop-longshan-pw-1', displayName: '龙山镇 陈站长' };
const DEVICE_NAME = '白鹤大厅查询机 E2E';

// /api/ calls go straight to the hub (no service worker in between), as in uplink.spec.ts.
test.use({ serviceWorkers: 'block' });

interface Rig {
  url: string;
  db: OpenDb['db'];
  close(): Promise<void>;
}

async function startHub(): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'dashboard-e2e-'));
  const opened = openDb(join(dir, 'hub.sqlite'));
  await migrateToLatest(opened.db, opened.dialect);
  const publicKey = (await readFile(join(REPO, '.keys', 'dev.pub'), 'utf8')).trim();
  const hub = createHub({ db: opened.db, catalog: createCatalog(DEMO_CONTENT_OUT, publicKey), calendars: loadCalendars() });
  await upsertUser(opened.db, { ...COUNTY, role: 'county', township: null }, 'e2e');
  await upsertUser(opened.db, { ...BAIHE, role: 'township', township: 'baihe' }, 'e2e');
  await upsertUser(opened.db, { ...LONGSHAN, role: 'township', township: 'longshan' }, 'e2e');
  const server: RunningServer = await startServer({ root: DIST, port: 0, host: '127.0.0.1', handlers: [hub.nodeHandler] });
  return {
    url: server.url,
    db: opened.db,
    close: async () => {
      await server.close();
      await opened.db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function login(page: Page, url: string, who: { username: string; password: string }, screen = 'devices'): Promise<void> {
  await page.goto(`${url}/admin/#/${screen}`);
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).tap();
}

/** Cookie of an API login (for the township checks on the API itself). */
async function apiLogin(url: string, who: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

async function readXlsx(path: string): Promise<Record<string, (string | number | null)[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: Record<string, (string | number | null)[][]> = {};
  wb.eachSheet((ws) => {
    const rows: (string | number | null)[][] = [];
    ws.eachRow((row) => rows.push((row.values as (string | number | null)[]).slice(1)));
    out[ws.name] = rows;
  });
  return out;
}

/** Value of a two-column summary row ("项目" → "数值"). */
function cell(rows: (string | number | null)[][], key: string): string | number | null | undefined {
  return rows.find((r) => r[0] === key)?.[1];
}

async function newPage(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  return ctx.newPage();
}

let rig: Rig;
test.beforeEach(async () => {
  rig = await startHub();
});
test.afterEach(async () => {
  await rig.close();
});

test('enrol from the dashboard, 差评 with callback phone on the kiosk, handled to 已办结, exported; other townships see nothing', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  // The dashboard: a county officer on a 1366×768 laptop.
  const desk = await newPage(browser);
  await login(desk, rig.url, COUNTY);
  await expect(desk.getByRole('heading', { name: '设备状态' })).toBeVisible();
  await expect(desk.getByText('还没有登记任何设备')).toBeVisible();
  await expect(desk.getByRole('note')).toHaveCount(0); // no 示例数据 banner: this hub holds none

  await desk.getByRole('button', { name: '新增设备' }).tap();
  const add = desk.getByRole('dialog', { name: '新增设备' });
  await add.getByLabel('所在站点').selectOption('baihe');
  await add.getByLabel('设备名称（可不填）').fill(DEVICE_NAME);
  await add.getByRole('button', { name: '生成登记码' }).tap();
  const shown = desk.getByRole('dialog', { name: '设备登记码' });
  await expect(shown.getByLabel('登记码')).toHaveText(/^[A-Z2-9]{8}$/);
  const code = (await shown.getByLabel('登记码').textContent())!;
  const address = (await shown.locator('code').textContent())!;
  expect(address).toBe(`${rig.url}/?site=baihe&enrol=${code}`);
  await shot(desk, 'dashboard-loop-enrol');
  await shown.getByRole('button', { name: '完成' }).tap();

  // The kiosk, opened once with the address the dashboard showed; it loads nothing of the dashboard.
  const kioskRequests: string[] = [];
  page.on('request', (r) => kioskRequests.push(new URL(r.url()).pathname));
  await page.goto(address);
  await expect(page.locator('html')).toHaveAttribute('data-uplink', 'ok', { timeout: 20_000 });
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await homeTile(page, '意见与评价').tap();
  await page.getByRole('radio', { name: /^非常不满意/ }).tap();
  await page.getByRole('button', { name: '让我跑了多次' }).tap();
  await page.getByRole('button', { name: '需要回访，留下电话' }).tap();
  const pad = page.getByRole('group', { name: '电话号码数字键' });
  for (const d of '13900001111') await pad.getByRole('button', { name: d, exact: true }).tap();
  await expect(page.getByTestId('callback-phone')).toHaveText('139 0000 1111');
  await page.getByRole('button', { name: '提交评价' }).tap();
  await expect(page.getByRole('heading', { name: '谢谢您的评价！' })).toBeVisible();
  expect(kioskRequests.filter((p) => p.startsWith('/admin/') || p.startsWith('/api/admin/'))).toEqual([]);
  expect(kioskRequests.filter((p) => p.startsWith('/api/device/')).length).toBeGreaterThan(0);

  // The dashboard: the device is online, and the case arrives by itself or on 刷新.
  await expect(async () => {
    await desk.getByRole('button', { name: '刷新' }).tap();
    await expect(desk.locator('.ad-device .ad-health')).toHaveText(['正常'], { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(desk.locator('.ad-device h3')).toHaveText([DEVICE_NAME]);
  await shot(desk, 'dashboard-loop-devices');
  await desk.getByRole('link', { name: '差评整改' }).tap();
  const row = desk.locator('table.ad-cases tbody tr');
  await expect(async () => {
    await desk.getByRole('button', { name: '刷新' }).tap();
    await expect(row).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('待核实');
  await expect(row).toContainText('白鹤镇便民服务中心');
  await expect(row).toContainText('非常不满意');
  await expect(row).toContainText('让我跑了多次');
  await expect(desk.getByLabel('整改指标')).toContainText('差评案件1');

  await row.getByRole('button', { name: '处理' }).tap();
  let detail = desk.getByRole('dialog', { name: /^差评案件 #/ });
  await expect(detail).toContainText('13900001111');
  await detail.getByLabel('改为“整改中”').check();
  await detail.getByLabel('处理情况（必填）').fill('已核实：材料清单未一次告知');
  await detail.getByRole('button', { name: '保存' }).tap();
  await expect(detail.locator('.ad-timeline')).toContainText('已核实：材料清单未一次告知');
  await expect(detail.locator('.ad-timeline')).toContainText(COUNTY.username);
  await detail.getByLabel('改为“已办结”').check();
  await detail.getByLabel('处理情况（必填）').fill('已电话回访，群众表示满意');
  await detail.getByLabel('已回访群众').check();
  await detail.getByRole('button', { name: '保存' }).tap();
  await expect(detail.locator('.ad-timeline li')).toHaveCount(2);
  await expect(detail).toContainText('已办结');
  await shot(desk, 'dashboard-loop-case');
  await detail.getByRole('button', { name: '关闭' }).first().tap();
  await expect(row).toContainText('已办结');
  const kpis = desk.getByLabel('整改指标');
  await expect(kpis).toContainText('回访率100.0%');
  await expect(kpis).toContainText('整改率100.0%');
  await expect(kpis).toContainText('按时办结率100.0%');

  // 导出 Excel of 差评整改 and of 满意率测评, read back.
  const [casesDl] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('link', { name: '导出 Excel' }).tap()]);
  const casesPath = testInfo.outputPath('cases.xlsx');
  await casesDl.saveAs(casesPath);
  const cases = await readXlsx(casesPath);
  expect(cell(cases['汇总'], '差评工单')).toBe(1);
  expect(cell(cases['汇总'], '已办结')).toBe(1);
  expect(cell(cases['汇总'], '回访率（%）')).toBe(100);
  expect(cell(cases['汇总'], '整改率（%）')).toBe(100);
  expect(cell(cases['汇总'], '按时办结率（%）')).toBe(100);
  expect(cases['工单']).toHaveLength(2);
  const [, caseRow] = cases['工单'];
  expect(caseRow.slice(1, 4)).toEqual(['白鹤镇便民服务中心', '非常不满意', '让我跑了多次']);
  expect(caseRow[7]).toBe('已办结');
  expect(caseRow[9]).toBe('13900001111');

  await desk.getByRole('link', { name: '满意率测评' }).tap();
  await expect(desk.getByTestId('satisfaction-rate')).toHaveText('0.0%');
  await expect(desk.getByRole('table', { name: '五级评价分布' }).locator('td.num')).toHaveText(['0', '0', '0', '0', '1']);
  await shot(desk, 'dashboard-loop-satisfaction');
  const [satDl] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('link', { name: '导出 Excel' }).tap()]);
  const satPath = testInfo.outputPath('satisfaction.xlsx');
  await satDl.saveAs(satPath);
  const sat = await readXlsx(satPath);
  expect(cell(sat['汇总'], '评价总数')).toBe(1);
  expect(cell(sat['汇总'], '非常不满意')).toBe(1);
  expect(cell(sat['汇总'], '非常满意')).toBe(0);
  expect(cell(sat['汇总'], '满意率（%）')).toBe(0);
  expect(sat['差评原因'].slice(1)).toEqual([['让我跑了多次', 1]]);

  // 操作记录: the officer's login, the enrolment code and the two case changes.
  await desk.getByRole('link', { name: '操作记录' }).tap();
  const audit = desk.locator('table.ad-audit tbody tr');
  await expect(audit.filter({ hasText: '处理差评工单' })).toHaveCount(2);
  await expect(audit.filter({ hasText: '登录' }).first()).toContainText(COUNTY.username);
  await shot(desk, 'dashboard-loop-audit');

  // 龙山镇's account sees nothing of 白鹤镇, on screen …
  const other = await newPage(browser);
  await login(other, rig.url, LONGSHAN, 'cases');
  await expect(other.getByRole('heading', { name: '差评整改' })).toBeVisible();
  await expect(other.getByText('所选范围内没有差评案件。')).toBeVisible();
  await other.getByRole('link', { name: '设备状态' }).tap();
  await expect(other.getByText('还没有登记任何设备')).toBeVisible();
  await other.getByRole('link', { name: '满意率测评' }).tap();
  await expect(other.getByText('所选时间和范围内没有评价。')).toBeVisible();
  await other.getByRole('link', { name: '操作记录' }).tap();
  await expect(other.locator('table.ad-audit tbody tr').first()).toContainText(LONGSHAN.username);
  await expect(other.locator('table.ad-audit')).not.toContainText('处理差评工单');
  // … and on the API, even when it asks for 白鹤镇 by name.
  const cookie = await apiLogin(rig.url, LONGSHAN);
  const get = (path: string) => fetch(`${rig.url}${path}`, { headers: { cookie } });
  const listed = await get('/api/admin/cases');
  expect(listed.status).toBe(200);
  expect(await listed.json()).toEqual([]);
  for (const path of ['/api/admin/cases?township=baihe', '/api/admin/reports/satisfaction?from=2026-01-01&to=2026-12-31&township=baihe']) {
    const res = await get(path);
    if (res.status === 200) {
      const body = (await res.json()) as unknown[] | { total: number };
      expect(Array.isArray(body) ? body.length : body.total, path).toBe(0);
    } else {
      expect(res.status, path).toBe(403);
    }
  }
  const devices = await get('/api/admin/devices');
  expect(await devices.json()).toEqual([]);

  // 白鹤镇's own account sees the case with the callback phone.
  const own = await newPage(browser);
  await login(own, rig.url, BAIHE, 'cases');
  await expect(own.locator('table.ad-cases tbody tr')).toHaveCount(1);
  await own.locator('table.ad-cases tbody tr').getByRole('button', { name: '查看' }).tap();
  detail = own.getByRole('dialog', { name: /^差评案件 #/ });
  await expect(detail).toContainText('13900001111');
});
