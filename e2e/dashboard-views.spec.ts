/**
 * The dashboard's screens against fixed hub answers (the API routed to this test's own data, so
 * every health state, an overdue case and a badly displayed 公示 are present): what stands out,
 * the words beside the colours, the requests the screens make, and a screenshot of each screen
 * at 1366×768 and 1920×1080 (landscape project) and as a tablet in portrait (portrait project).
 * The whole loop against the real hub is in dashboard-loop.spec.ts.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page, Route } from '@playwright/test';
import type { AdminSite, CaseFigures, CaseRow, DeviceRow, PublicityRow, SatisfactionReport, SessionUser } from '../kiosk/src/uplink/api.ts';
import { expect, shot, test } from './support/fixtures.ts';

/** 2026-11-30 10:00 in Shanghai. */
const NOW = Date.UTC(2026, 10, 30, 2, 0);
const MIN = 60_000;

const USER: SessionUser = { username: 'county', displayName: '王主任', role: 'county', township: null };
const SITES: AdminSite[] = [
  { code: 'baihe', name: '白鹤镇便民服务中心', kind: 'township', parent: null },
  { code: 'baihe-qingshui', name: '清水村便民服务代办站', kind: 'village', parent: 'baihe' },
  { code: 'longshan', name: '龙山镇便民服务中心', kind: 'township', parent: null },
];

function device(id: string, name: string, over: Partial<DeviceRow>): DeviceRow {
  return {
    id,
    name,
    siteCode: 'baihe',
    siteName: '白鹤镇便民服务中心',
    township: 'baihe',
    mode: 'kiosk',
    enrolledAt: NOW - 30 * 86400_000,
    revokedAt: null,
    lastSeenAt: NOW - 2 * MIN,
    health: 'online',
    appBuild: '2026.11.28-a1b2',
    contentVersion: 12,
    latestContentVersion: 12,
    lastError: null,
    onScreen: '首页',
    flags: [],
    pendingCommands: [],
    demo: false,
    ...over,
  };
}

const DEVICES: DeviceRow[] = [
  device('d-ok', '白鹤大厅查询机 1', {}),
  device('d-stale', '白鹤大厅显示屏', { mode: 'display', health: 'stale', contentVersion: 10, onScreen: '轮播：公告 3/12' }),
  device('d-fail', '白鹤二楼查询机', { health: 'failing', lastError: '内容签名校验失败', lastSeenAt: NOW - 4 * MIN }),
  device('d-new', '清水村代办站查询机', {
    siteCode: 'baihe-qingshui',
    siteName: '清水村便民服务代办站',
    health: 'never',
    lastSeenAt: null,
    appBuild: null,
    contentVersion: null,
    onScreen: null,
  }),
  device('d-off', '龙山大厅查询机', {
    siteCode: 'longshan',
    siteName: '龙山镇便民服务中心',
    township: 'longshan',
    health: 'offline',
    lastSeenAt: NOW - 3 * 3600_000,
  }),
];

const REPORT: SatisfactionReport = {
  filter: { fromDate: '2026-09-02', toDate: '2026-11-30' },
  total: 400,
  levels: [12, 18, 40, 130, 200],
  satisfaction: 0.925,
  byMonth: [
    { month: '2026-09', total: 120, satisfaction: 0.9 },
    { month: '2026-10', total: 140, satisfaction: 0.95 },
    { month: '2026-11', total: 140, satisfaction: 0.92 },
  ],
  reasons: [
    { reason: '让我跑了多次', count: 9 },
    { reason: '等候时间太长', count: 14 },
    { reason: '工作人员态度不好', count: 4 },
  ],
  townships: [
    { code: 'longshan', name: '龙山镇', total: 150, satisfaction: 0.88 },
    { code: 'baihe', name: '白鹤镇', total: 250, satisfaction: 0.952 },
  ],
  demoRatings: 0,
};

const CASES: CaseRow[] = [
  {
    id: 41,
    ratingId: 'r-41',
    siteCode: 'baihe',
    siteName: '白鹤镇便民服务中心',
    township: 'baihe',
    level: 2,
    reasons: ['等候时间太长'],
    comment: null,
    target: { kind: 'window', id: '3', name: '3号窗口 社保医保' },
    givenAt: NOW - 2 * 86400_000,
    dueDate: '2026-12-07',
    state: '整改中',
    overdue: false,
    callbackPhone: null,
    notes: [{ at: NOW - 86400_000, by: '李干事', text: '已核实，排队叫号系统故障', state: '整改中' }],
    demo: false,
  },
  {
    id: 37,
    ratingId: 'r-37',
    siteCode: 'longshan',
    siteName: '龙山镇便民服务中心',
    township: 'longshan',
    level: 1,
    reasons: ['让我跑了多次', '材料要求没讲清楚'],
    comment: '第三次来了还说缺材料',
    target: { kind: 'item', id: 'MZ-001', name: '最低生活保障申请' },
    givenAt: NOW - 12 * 86400_000,
    dueDate: '2026-11-25',
    state: '待核实',
    overdue: true,
    callbackPhone: '13800001234',
    notes: [],
    demo: false,
  },
];

const FIGURES: CaseFigures = {
  total: 30,
  byState: { 待核实: 4, 整改中: 6, 已办结: 18, 申诉: 1, 无效: 1 },
  overdue: 2,
  callbackRate: 0.8,
  fixRate: 0.6,
  onTimeRate: 0.85,
  demoCases: 0,
};

const PUBLICITY: PublicityRow[] = [
  {
    announcementId: 'a-dibao',
    title: '2026年第四季度低保对象公示',
    siteCode: 'baihe',
    siteName: '白鹤镇便民服务中心',
    validFrom: '2026-11-01',
    validTo: '2026-11-07',
    firstShownAt: Date.UTC(2026, 10, 1, 1, 0),
    lastShownAt: Date.UTC(2026, 10, 7, 9, 0),
    totalShownMs: 200 * MIN,
    coverage: 1,
  },
  {
    announcementId: 'a-dibao',
    title: '2026年第四季度低保对象公示',
    siteCode: 'longshan',
    siteName: '龙山镇便民服务中心',
    validFrom: '2026-11-01',
    validTo: '2026-11-07',
    firstShownAt: Date.UTC(2026, 10, 3, 1, 0),
    lastShownAt: Date.UTC(2026, 10, 4, 9, 0),
    totalShownMs: 45 * MIN,
    coverage: 2 / 7,
  },
];

interface Hub {
  requests: { method: string; path: string; body: unknown }[];
  loggedIn: boolean;
  demo: boolean;
}

/** What ratings at a site can be about (GET /api/admin/sites/:code/targets). */
const TARGETS = {
  targets: {
    window: [
      { id: '1', label: '1号窗口 综合受理' },
      { id: '3', label: '3号窗口 社会保障' },
    ],
    staff: [{ id: 's-1', label: '王芳' }],
    item: [{ id: 'MZ-001', label: '最低生活保障申请' }],
  },
  timeZone: 'Asia/Shanghai',
  demo: false,
};

/** Answers /api/ from this test's data; records what the dashboard asked. */
async function fakeHub(page: Page, opts: { loggedIn?: boolean; demo?: boolean } = {}): Promise<Hub> {
  const hub: Hub = { requests: [], loggedIn: opts.loggedIn ?? true, demo: opts.demo ?? false };
  let wrong = 0;
  await page.route('**/api/**', async (route: Route) => {
    const req = route.request();
    const url = new URL(req.url());
    const path = url.pathname.replace(/^.*\/api\//, '') + url.search;
    const body = req.postData() ? JSON.parse(req.postData()!) : null;
    hub.requests.push({ method: req.method(), path, body });
    const json = (status: number, data: unknown) =>
      route.fulfill({
        status,
        contentType: 'application/json',
        body: JSON.stringify(data),
      });
    const p = url.pathname.replace(/^.*\/api\//, '');
    if (p === 'admin/login') {
      if (body.password === 'right') {
        hub.loggedIn = true;
        return json(200, USER);
      }
      wrong++;
      if (wrong >= 5) return json(429, { error: 'locked', message: '密码错误次数过多，账号已锁定 5 分钟' });
      return json(401, { error: 'bad_credentials', message: '用户名或密码错误' });
    }
    if (!hub.loggedIn) return json(401, { error: 'unauthorized', message: '请先登录' });
    if (p === 'admin/me') return json(200, USER);
    if (p === 'admin/sites') return json(200, SITES);
    if (/^admin\/sites\/[^/]+\/targets$/.test(p)) return json(200, TARGETS);
    if (p === 'admin/devices' && req.method() === 'GET')
      return json(
        200,
        DEVICES.map((d) => ({ ...d, demo: hub.demo })),
      );
    if (p === 'admin/enrolments') return json(200, { code: 'K7M2QX9P', siteCode: body.siteCode, expiresAt: NOW + 24 * 3600_000 });
    if (p.startsWith('admin/devices/')) return json(200, {});
    if (p === 'admin/reports/satisfaction') return json(200, REPORT);
    if (p === 'admin/reports/cases') return json(200, FIGURES);
    if (p === 'admin/reports/publicity') return json(200, PUBLICITY);
    if (p === 'admin/cases') return json(200, CASES);
    if (p.startsWith('admin/cases/'))
      return json(
        200,
        CASES.find((c) => `admin/cases/${c.id}` === p),
      );
    if (p === 'admin/logout') return json(200, {});
    return json(404, { error: 'not_found', message: '没有这个接口' });
  });
  return hub;
}

async function open(page: Page, screen = 'devices'): Promise<void> {
  await page.clock.setFixedTime(NOW);
  await page.goto(`/admin/#/${screen}`);
}

/** 1366×768 in the landscape project (the director's laptop); the project's own size otherwise. */
async function laptop(page: Page): Promise<void> {
  if (test.info().project.name === 'landscape') await page.setViewportSize({ width: 1366, height: 768 });
}

async function shots(page: Page, name: string): Promise<void> {
  if (test.info().project.name === 'landscape') {
    await page.setViewportSize({ width: 1366, height: 768 });
    await shot(page, `dashboard-${name}-1366`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(page, `dashboard-${name}-1920`);
    await page.setViewportSize({ width: 1366, height: 768 });
  } else {
    await shot(page, `dashboard-${name}-tablet`);
  }
}

test.describe('dashboard screens', () => {
  test('login: wrong password, lockout, then in', async ({ page }) => {
    await fakeHub(page, { loggedIn: false });
    await laptop(page);
    await open(page);
    await expect(page.getByRole('heading', { name: /县级管理平台/ })).toBeVisible();
    await page.getByLabel('用户名').fill('county');
    await page.getByLabel('密码').fill('wrong');
    await page.getByRole('button', { name: '登录' }).tap();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
    await expect(page.getByLabel('密码')).toHaveValue('');
    await shots(page, 'login');
    for (let i = 0; i < 4; i++) {
      await page.getByLabel('密码').fill('wrong');
      await page.getByRole('button', { name: '登录' }).tap();
      // Each answer clears the password field: wait for it before the next try.
      await expect(page.getByLabel('密码')).toHaveValue('');
    }
    await expect(page.getByRole('alert')).toHaveText('密码错误次数过多，账号已锁定 5 分钟');
    await page.getByLabel('密码').fill('right');
    await page.getByRole('button', { name: '登录' }).tap();
    await expect(page.getByRole('heading', { name: '设备状态' })).toBeVisible();
    await expect(page.getByText('王主任')).toBeVisible();
  });

  test('设备状态: troubles first, words beside colours, commands, rename, revoke, enrol', async ({ page }) => {
    const hub = await fakeHub(page, { demo: true });
    await laptop(page);
    await open(page);
    await expect(page.getByRole('note')).toContainText('示例数据');
    const cards = page.locator('.ad-device');
    await expect(cards).toHaveCount(5);
    // 白鹤镇 has two troubled devices, 龙山镇 one: 白鹤镇 first, failing before stale, never before online.
    await expect(cards.locator('h3')).toHaveText([
      '白鹤二楼查询机',
      '白鹤大厅显示屏',
      '清水村代办站查询机',
      '白鹤大厅查询机 1',
      '龙山大厅查询机',
    ]);
    await expect(cards.locator('.ad-health')).toHaveText(['故障', '内容过期', '未上线', '正常', '离线']);
    await expect(cards.nth(0)).toContainText('内容签名校验失败');
    await expect(cards.nth(0)).toContainText('4 分钟前');
    await expect(cards.nth(1)).toContainText('落后 2 版');
    await expect(cards.nth(4)).toContainText('3 小时前');
    await expect(page.getByRole('list', { name: '设备概况' })).toContainText('故障1台');
    await shots(page, 'devices');

    await cards.nth(1).getByRole('button', { name: '立即检查更新' }).tap();
    await expect(page.getByRole('status')).toContainText('白鹤大厅显示屏：已发送“立即检查更新”');
    expect(hub.requests).toContainEqual({ method: 'POST', path: 'admin/devices/d-stale/commands', body: { kind: 'check-content' } });
    await cards.nth(0).getByRole('button', { name: '显示设备名称' }).tap();
    await expect
      .poll(() => hub.requests.some((r) => r.path === 'admin/devices/d-fail/commands' && (r.body as { kind: string }).kind === 'identify'))
      .toBe(true);

    await cards.nth(3).getByRole('button', { name: '改名' }).tap();
    await page.getByLabel('新名称').fill('白鹤大厅查询机 A');
    await page.getByRole('button', { name: '保存' }).tap();
    await expect(page.getByRole('status')).toContainText('已改名为“白鹤大厅查询机 A”');
    expect(hub.requests).toContainEqual({ method: 'PATCH', path: 'admin/devices/d-ok', body: { name: '白鹤大厅查询机 A' } });

    await cards.nth(4).getByRole('button', { name: '停用' }).tap();
    const confirm = page.getByRole('dialog', { name: '停用设备' });
    await expect(confirm).toContainText('确定停用 龙山大厅查询机');
    await confirm.getByRole('button', { name: '取消' }).tap();
    expect(hub.requests.some((r) => r.path.endsWith('/revoke'))).toBe(false);
    await cards.nth(4).getByRole('button', { name: '停用' }).tap();
    await confirm.getByRole('button', { name: '确定停用' }).tap();
    await expect.poll(() => hub.requests.some((r) => r.method === 'POST' && r.path === 'admin/devices/d-off/revoke')).toBe(true);

    await page.getByRole('button', { name: '新增设备' }).tap();
    const dlg = page.getByRole('dialog', { name: '新增设备' });
    await dlg.getByLabel('所在站点').selectOption('baihe-qingshui');
    await dlg.getByLabel('设备名称（可不填）').fill('清水村查询机');
    await dlg.getByRole('button', { name: '生成登记码' }).tap();
    const code = page.getByRole('dialog', { name: '设备登记码' });
    await expect(code.getByLabel('登记码')).toHaveText('K7M2QX9P');
    await expect(code).toContainText('有效期至 2026-12-01 10:00');
    await expect(code).toContainText('清水村便民服务代办站');
    await expect(code.locator('code')).toHaveText(/\/\?site=baihe-qingshui&enrol=K7M2QX9P$/);
    await expect(code.getByRole('img', { name: '登记地址二维码' })).toBeVisible();
    expect(hub.requests).toContainEqual({
      method: 'POST',
      path: 'admin/enrolments',
      body: { siteCode: 'baihe-qingshui', name: '清水村查询机' },
    });
    await shots(page, 'enrol');
  });

  test('满意率测评: big rate, five levels, trend, reasons ranked, townships ranked, export', async ({ page }) => {
    const hub = await fakeHub(page);
    await laptop(page);
    await open(page, 'satisfaction');
    await expect(page.getByTestId('satisfaction-rate')).toHaveText('92.5%');
    expect(hub.requests.map((r) => r.path)).toContain('admin/reports/satisfaction?from=2026-09-02&to=2026-11-30');
    const levels = page.getByRole('table', { name: '五级评价分布' });
    await expect(levels.locator('th')).toHaveText(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    await expect(levels.locator('td.num')).toHaveText(['200', '130', '40', '18', '12']);
    await expect(levels.locator('td.pct')).toHaveText(['50.0%', '32.5%', '10.0%', '4.5%', '3.0%']);
    await expect(page.getByRole('table', { name: '差评原因排行' }).locator('th')).toHaveText([
      '等候时间太长',
      '让我跑了多次',
      '工作人员态度不好',
    ]);
    const rank = page.getByRole('table', { name: '乡镇满意率排名' }).locator('tbody tr');
    await expect(rank).toHaveText([/1白鹤镇250/, /2龙山镇150/]);
    await expect(page.getByRole('img', { name: '满意率月度趋势' })).toContainText('95%');
    await expect(page.getByRole('link', { name: '导出 Excel' })).toHaveAttribute(
      'href',
      /\/api\/admin\/reports\/satisfaction\.xlsx\?from=2026-09-02&to=2026-11-30$/,
    );
    await shots(page, 'satisfaction');

    await page.getByRole('button', { name: '本月' }).tap();
    await page.getByRole('combobox', { name: '乡镇' }).selectOption('longshan');
    await expect
      .poll(() => hub.requests.map((r) => r.path))
      .toContain('admin/reports/satisfaction?from=2026-11-01&to=2026-11-30&township=longshan');
    // What a rating was about: the site's windows, as the hub lists them from the published content.
    await page.getByRole('combobox', { name: '乡镇' }).selectOption('baihe');
    await page.getByRole('combobox', { name: '站点' }).selectOption('baihe');
    await page.getByRole('combobox', { name: '评价对象' }).selectOption('window');
    await page.getByRole('combobox', { name: '窗口' }).selectOption({ label: '3号窗口 社会保障' });
    await expect
      .poll(() => hub.requests.map((r) => r.path))
      .toContain(`admin/reports/satisfaction?from=2026-11-01&to=2026-11-30&township=baihe&site=baihe&target=window&targetId=3`);
    await page.getByLabel('开始日期').fill('2026-12-05');
    await expect(page.getByRole('alert')).toHaveText('开始日期不能晚于结束日期。');
  });

  test('差评整改: overdue first and marked, detail with phone and notes, reasons required', async ({ page }) => {
    const hub = await fakeHub(page);
    await laptop(page);
    await open(page, 'cases');
    const rows = page.locator('table.ad-cases tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveClass(/overdue/);
    await expect(rows.nth(0)).toContainText('已超期');
    await expect(rows.nth(0)).toContainText('2026-11-25');
    await expect(rows.nth(1)).not.toContainText('已超期');
    const kpis = page.getByLabel('整改指标');
    await expect(kpis).toContainText('回访率80.0%');
    await expect(kpis).toContainText('整改率60.0%');
    await expect(kpis).toContainText('按时办结率85.0%');
    await shots(page, 'cases');

    await rows.nth(0).getByRole('button', { name: '处理' }).tap();
    const d = page.getByRole('dialog', { name: '差评案件 #37' });
    await expect(d).toContainText('13800001234');
    await expect(d).toContainText('第三次来了还说缺材料');
    await expect(d).toContainText('让我跑了多次、材料要求没讲清楚');
    await expect(d).toContainText('办理事项：最低生活保障申请');
    await d.getByLabel('改为“无效”').check();
    await d.getByRole('button', { name: '保存' }).tap();
    await expect(d.getByRole('alert')).toHaveText('改为“无效”必须填写理由。');
    expect(hub.requests.some((r) => r.path === 'admin/cases/37')).toBe(false);
    await d.getByLabel('改为“整改中”').check();
    await d.getByLabel('处理情况（必填）').fill('已核实，窗口未一次告知材料');
    await d.getByLabel('已回访群众').check();
    await shots(page, 'case-detail');
    await d.getByRole('button', { name: '保存' }).tap();
    await expect
      .poll(() => hub.requests.find((r) => r.path === 'admin/cases/37')?.body)
      .toEqual({ state: '整改中', note: '已核实，窗口未一次告知材料', calledBack: true });
    await d.getByRole('button', { name: '关闭' }).first().tap();

    await rows.nth(1).getByRole('button', { name: '处理' }).tap();
    const d41 = page.getByRole('dialog', { name: '差评案件 #41' });
    await expect(d41.locator('.ad-timeline')).toContainText('李干事');
    await expect(d41.locator('.ad-timeline')).toContainText('已核实，排队叫号系统故障');
    await expect(d41).not.toContainText('回访电话');
  });

  test('公示留痕: grouped by announcement, low shares stand out', async ({ page }) => {
    await fakeHub(page);
    await laptop(page);
    await open(page, 'publicity');
    await expect(page.getByRole('list', { name: '公示概况' })).toContainText('从未展示0');
    await expect(page.getByRole('list', { name: '公示概况' })).toContainText('展示不足1');
    await expect(page.getByRole('list', { name: '公示概况' })).toContainText('达标1');
    const group = page.locator('table.ad-publicity tbody[data-announcement="a-dibao"]');
    await expect(group.locator('tr.ad-group-row')).toContainText('2026年第四季度低保对象公示');
    await expect(group.locator('tr.ad-group-row')).toContainText('公示期 2026-11-01 至 2026-11-07');
    await expect(group.locator('tr.ad-group-row')).toContainText('1 个站点未达标');
    const rows = group.locator('tr:not(.ad-group-row)');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveClass(/overdue/);
    await expect(rows.nth(0)).toContainText('龙山镇便民服务中心');
    await expect(rows.nth(0)).toContainText('不足');
    await expect(rows.nth(0)).toContainText('29%');
    await expect(rows.nth(0)).toContainText('45 分');
    await expect(rows.nth(1)).not.toHaveClass(/overdue/);
    await expect(rows.nth(1)).toContainText('100%');
    await expect(rows.nth(1)).toContainText('3 小时 20 分');
    await expect(rows.nth(1)).toContainText('2026-11-01 09:00');
    await page.getByLabel('只看从未展示或展示不足的（1 处）').check();
    await expect(rows).toHaveCount(1);
    await shots(page, 'publicity');
  });

  test('no serious or critical accessibility problem on any screen (axe-core)', async ({ page }) => {
    await fakeHub(page, { loggedIn: false, demo: true });
    await laptop(page);
    const problems = async (where: string) => {
      const r = await new AxeBuilder({ page }).analyze();
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    const found: string[] = [];
    await open(page);
    await expect(page.getByLabel('用户名')).toBeVisible();
    found.push(...(await problems('登录')));
    await page.getByLabel('用户名').fill('county');
    await page.getByLabel('密码').fill('right');
    await page.getByRole('button', { name: '登录' }).tap();
    await expect(page.locator('.ad-device')).toHaveCount(5);
    found.push(...(await problems('设备状态')));
    await page.getByRole('button', { name: '新增设备' }).tap();
    await page.getByRole('button', { name: '生成登记码' }).tap();
    await expect(page.getByLabel('登记码', { exact: true })).toBeVisible();
    found.push(...(await problems('登记码')));
    await page.getByRole('button', { name: '完成' }).tap();
    for (const [link, ready] of [
      ['满意率测评', 'satisfaction-rate'],
      ['公示留痕', null],
      ['差评整改', null],
    ] as const) {
      await page.getByRole('link', { name: link }).tap();
      if (ready) await expect(page.getByTestId(ready)).toBeVisible();
      else await expect(page.locator('.ad-table tbody tr').first()).toBeVisible();
      found.push(...(await problems(link)));
    }
    await page.locator('table.ad-cases tbody tr').first().getByRole('button', { name: '处理' }).tap();
    await expect(page.getByRole('dialog', { name: '差评案件 #37' })).toBeVisible();
    found.push(...(await problems('差评案件')));
    expect(found).toEqual([]);
  });

  test('hub faults and bad input: Chinese messages, nothing sent, no stack traces', async ({ page }) => {
    const hub = await fakeHub(page);
    await laptop(page);
    let failDevices = true;
    await page.route('**/api/admin/devices', (route) =>
      failDevices
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({ error: 'x', message: 'TypeError: db is undefined at listDevices (admin.ts:80)' }),
          })
        : route.fallback(),
    );
    await open(page);
    await expect(page.getByRole('alert')).toHaveText('服务器出错，请稍后重试；如一直出错请联系县级管理员。重试');
    await expect(page.locator('body')).not.toContainText('TypeError');
    failDevices = false;
    await page.getByRole('button', { name: '重试' }).tap();
    await expect(page.locator('.ad-device')).toHaveCount(5);

    // Renaming to nothing is refused on the page; the hub is not asked.
    await page.locator('.ad-device').first().getByRole('button', { name: '改名' }).tap();
    await page.getByLabel('新名称').fill('   ');
    await page.getByRole('button', { name: '保存' }).tap();
    await expect(page.getByRole('dialog', { name: '设备改名' }).getByRole('alert')).toHaveText('请填写设备名称。');
    expect(hub.requests.some((r) => r.method === 'PATCH')).toBe(false);
    await page.getByRole('button', { name: '取消' }).tap();

    // The hub unreachable while handling a case: said so, and the typed note stays.
    await page.getByRole('link', { name: '差评整改' }).tap();
    await page.locator('table.ad-cases tbody tr').first().getByRole('button', { name: '处理' }).tap();
    const d = page.getByRole('dialog', { name: '差评案件 #37' });
    await page.route('**/api/admin/cases/37', (route) => route.abort('connectionrefused'));
    await d.getByLabel('改为“整改中”').check();
    await d.getByLabel('处理情况（必填）').fill('已核实');
    await d.getByRole('button', { name: '保存' }).tap();
    await expect(d.getByRole('alert')).toHaveText('无法连接管理平台服务器，请检查网络后重试。');
    await expect(d.getByLabel('处理情况（必填）')).toHaveValue('已核实');

    // A lost session brings back the login.
    await d.getByRole('button', { name: '关闭' }).first().tap();
    hub.loggedIn = false;
    await page.getByRole('button', { name: '刷新' }).tap();
    await expect(page.getByRole('heading', { name: /县级管理平台/ })).toBeVisible();
    await expect(page.getByLabel('用户名')).toBeVisible();
  });

  test('设备状态 in a large fleet: healthy devices fold away per township', async ({ page }) => {
    await fakeHub(page);
    await laptop(page);
    const fleet = Array.from({ length: 45 }, (_, i) =>
      device(`f${i}`, `查询机 ${String(i).padStart(2, '0')}`, {
        township: i < 30 ? 'baihe' : 'longshan',
        siteName: i < 30 ? '白鹤镇便民服务中心' : '龙山镇便民服务中心',
        health: i === 3 || i === 40 ? 'offline' : 'online',
      }),
    );
    await page.route('**/api/admin/devices', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(fleet) }),
    );
    await open(page);
    await expect(page.locator('.ad-device h3')).toHaveText(['查询机 03', '查询机 40']);
    const baihe = page.getByRole('region', { name: '白鹤镇便民服务中心' });
    await baihe.getByRole('button', { name: '显示其余 29 台（正常或已停用）' }).tap();
    await expect(baihe.locator('.ad-device')).toHaveCount(30);
    await expect(page.getByRole('region', { name: '龙山镇便民服务中心' }).locator('.ad-device')).toHaveCount(1);
    await baihe.getByRole('button', { name: '收起其余 29 台' }).tap();
    await expect(baihe.locator('.ad-device')).toHaveCount(1);
  });
});
