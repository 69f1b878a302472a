/**
 * The kiosk's uplink against the REAL county hub (scripts/hub, SQLite in a temporary folder),
 * served with the built app on one origin like `npm start`: enrolment with &enrol=CODE, a 差评
 * with a callback phone given while the hub is unreachable, a reload, the hub back → the rating
 * stored exactly once with its phone; heartbeats with the content version; the identify command
 * showing the device name; a revoked token marked and nothing lost.
 */
import type { Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upsertUser } from '../scripts/hub/accounts.ts';
import { createHub } from '../scripts/hub/app.ts';
import { loadCalendars } from '../scripts/hub/calendar.ts';
import { createCatalog } from '../scripts/hub/catalog.ts';
import { openDb, type OpenDb } from '../scripts/hub/db.ts';
import { migrateToLatest } from '../scripts/hub/migrations.ts';
import { startServer, type RunningServer } from '../scripts/serve.ts';
import { front, openDisplay, runFor, until, walk } from './display-helpers.ts';
import AxeBuilder from '@axe-core/playwright';
import { homeTile, sizeProblems } from './kiosk-helpers.ts';
import { copyContentSource, DEMO_CONTENT_OUT, DIST, expect, publishInto, REPO, test } from './support/fixtures.ts';

const SITE = 'baihe';
const DEVICE_NAME = '白鹤镇大厅查询机 1';
const ADMIN = { username: 'e2e-county', password: 'e2e-password-123' };

// Requests to /api/ must reach Playwright's router (not a service worker) to switch the hub "off".
test.use({ serviceWorkers: 'block' });

interface HubRig {
  url: string;
  db: OpenDb['db'];
  /** Admin API call with the county login's session cookie. */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  enrolCode(name?: string): Promise<string>;
  close(): Promise<void>;
}

async function startHub(): Promise<HubRig> {
  const dir = await mkdtemp(join(tmpdir(), 'uplink-e2e-'));
  const opened = openDb(join(dir, 'hub.sqlite'));
  await migrateToLatest(opened.db, opened.dialect);
  const publicKey = (await readFile(join(REPO, '.keys', 'dev.pub'), 'utf8')).trim();
  const hub = createHub({ db: opened.db, catalog: createCatalog(DEMO_CONTENT_OUT, publicKey), calendars: loadCalendars() });
  await upsertUser(opened.db, { ...ADMIN, role: 'county', township: null }, 'e2e');
  const server: RunningServer = await startServer({ root: DIST, port: 0, host: '127.0.0.1', handlers: [hub.nodeHandler] });
  const url = server.url;
  const login = await fetch(`${url}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBe(200);
    return (await res.json()) as T;
  };
  return {
    url,
    db: opened.db,
    admin,
    enrolCode: async (name = DEVICE_NAME) =>
      (await admin<{ code: string }>('POST', '/api/admin/enrolments', { siteCode: SITE, name })).code,
    close: async () => {
      await server.close();
      await opened.db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function publishedVersion(): Promise<number> {
  const env = JSON.parse(await readFile(join(DEMO_CONTENT_OUT, 'manifest.json'), 'utf8')) as { payload: string };
  return (JSON.parse(env.payload) as { version: number }).version;
}

/** Rows of one IndexedDB store of the kiosk, read in the page. */
function kioskStore(page: Page, store: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    (name) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const req = indexedDB.open('bianmin-kiosk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction(name).objectStore(name).getAll();
          get.onsuccess = () => {
            resolve(get.result);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    store,
  );
}

async function enrolKiosk(page: Page, rig: HubRig, query = ''): Promise<void> {
  const code = await rig.enrolCode();
  await page.goto(`${rig.url}/?site=${SITE}&enrol=${code.toLowerCase()}${query}`);
  await expect(page.locator('html')).toHaveAttribute('data-uplink', 'ok', { timeout: 20_000 });
  // The code is gone from the address bar once used.
  await expect.poll(() => new URL(page.url()).searchParams.has('enrol')).toBe(false);
  expect(new URL(page.url()).searchParams.get('site')).toBe(SITE);
}

let rig: HubRig;
test.beforeEach(async () => {
  rig = await startHub();
});
test.afterEach(async () => {
  await rig.close();
});

test('enrol, rate 非常不满意 with a callback phone while the hub is down, reload, hub back → stored exactly once', async ({
  page,
  shot,
}) => {
  const hubCalls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/'))
      hubCalls.push(`${r.method()} ${new URL(r.url()).pathname} ${r.headers().authorization ? 'bearer' : '-'}`);
  });
  await enrolKiosk(page, rig);
  expect(hubCalls[0]).toBe('POST /api/device/enrol -');

  // The first heartbeat arrives with the content version the kiosk shows.
  const version = await publishedVersion();
  await expect
    .poll(async () => (await rig.db.selectFrom('heartbeats').select(['content_version', 'payload']).execute()).length, {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  const [hb] = await rig.db.selectFrom('heartbeats').select(['content_version', 'payload']).execute();
  expect(Number(hb.content_version)).toBe(version);
  const payload = JSON.parse(hb.payload);
  expect(payload).toMatchObject({ siteCode: SITE, mode: 'kiosk', contentVersion: version, lastCheckOk: true, doneCommands: [] });
  expect(payload.screen.width).toBeGreaterThan(0);
  expect(typeof payload.storage.usedBytes).toBe('number');
  expect(['首页', '待机画面']).toContain(payload.onScreen);
  expect(hubCalls.filter((c) => c.startsWith('POST /api/device/heartbeat')).every((c) => c.endsWith('bearer'))).toBe(true);

  // The hub goes away.
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await homeTile(page, '意见与评价').tap();
  await page.getByRole('radio', { name: /^非常不满意/ }).tap();
  await page.getByRole('button', { name: '窗口没有人' }).tap();
  await expect(page.getByRole('heading', { name: '4. 希望工作人员回访吗？' })).toBeVisible();
  await page.getByRole('button', { name: '需要回访，留下电话' }).tap();
  const pad = page.getByRole('group', { name: '电话号码数字键' });
  const submit = page.getByRole('button', { name: '提交评价' });
  for (const d of '1380013800') await pad.getByRole('button', { name: d, exact: true }).tap();
  await expect(page.getByTestId('callback-phone')).toHaveText('138 0013 800');
  await expect(pad.getByText('手机号码是11位，还差1位')).toBeVisible();
  await expect(submit).toBeDisabled();
  await pad.getByRole('button', { name: '9', exact: true }).tap();
  await pad.getByRole('button', { name: '退格' }).tap();
  await pad.getByRole('button', { name: '0', exact: true }).tap();
  await expect(page.getByTestId('callback-phone')).toHaveText('138 0013 8000');
  await expect(pad.getByText('号码格式正确')).toBeVisible();
  await shot('uplink-callback-keypad');
  expect(await sizeProblems(page, 24)).toEqual([]);
  await submit.tap();
  await expect(page.getByRole('heading', { name: '谢谢您的评价！' })).toBeVisible();

  // Kept on the kiosk: the rating, its outbox row and the phone apart; nothing at the hub.
  const evaluations = await kioskStore(page, 'evaluations');
  expect(evaluations).toHaveLength(1);
  expect(JSON.stringify(evaluations)).not.toContain('13800138000');
  const uuid = evaluations[0].uuid as string;
  expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
  expect((await kioskStore(page, 'outbox')).filter((r) => r.kind === 'rating').map((r) => r.id)).toEqual([uuid]);
  expect(await kioskStore(page, 'callbackPhones')).toEqual([{ ratingId: uuid, phone: '13800138000' }]);
  expect(await rig.db.selectFrom('ratings').selectAll().execute()).toHaveLength(0);

  // A reload while the hub is still down loses nothing.
  await page.reload();
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible({ timeout: 20_000 });
  expect((await kioskStore(page, 'outbox')).filter((r) => r.kind === 'rating')).toHaveLength(1);

  // The hub comes back: the rating arrives (retry with back-off), once, with its phone.
  await page.unroute('**/api/**');
  await expect
    .poll(async () => (await rig.db.selectFrom('ratings').select('id').execute()).map((r) => r.id), { timeout: 45_000 })
    .toEqual([uuid]);
  const stored = await rig.db.selectFrom('ratings').selectAll().where('id', '=', uuid).executeTakeFirstOrThrow();
  expect({ level: Number(stored.level), site: stored.site_code, target: stored.target_kind }).toEqual({
    level: 1,
    site: SITE,
    target: 'centre',
  });
  const phones = await rig.db.selectFrom('callback_phones').selectAll().execute();
  expect(phones.map((p) => [p.rating_id, p.phone])).toEqual([[uuid, '13800138000']]);
  // The kiosk marked it sent and forgot the phone.
  await expect.poll(async () => (await kioskStore(page, 'outbox')).filter((r) => r.kind === 'rating').length).toBe(0);
  expect(await kioskStore(page, 'callbackPhones')).toEqual([]);
  expect(typeof (await kioskStore(page, 'evaluations'))[0].uploadedAt).toBe('number');

  // Another reload and heartbeat later: still exactly one.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-uplink', 'ok');
  await expect
    .poll(async () => (await rig.db.selectFrom('heartbeats').select('id').execute()).length, { timeout: 20_000 })
    .toBeGreaterThan(1);
  expect(await rig.db.selectFrom('ratings').select('id').execute()).toHaveLength(1);
  // The dashboard sees it as a new case.
  const cases = await rig.admin<{ ratingId: string; state: string; callbackPhone: string | null }[]>('GET', '/api/admin/cases');
  expect(cases.map((c) => [c.ratingId, c.state, c.callbackPhone])).toEqual([[uuid, '待核实', '13800138000']]);
});

test('a rating is sent at once while the hub is reachable; identify shows the device name; done commands reported', async ({
  page,
  shot,
}) => {
  await enrolKiosk(page, rig, '&heartbeat=5');
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await homeTile(page, '意见与评价').tap();
  await page.getByRole('radio', { name: /^非常满意/ }).tap();
  await page.getByRole('button', { name: '提交评价' }).tap();
  await expect(page.getByRole('heading', { name: '谢谢您的评价！' })).toBeVisible();
  await expect
    .poll(async () => (await rig.db.selectFrom('ratings').select('level').execute()).map((r) => Number(r.level)), {
      timeout: 5_000,
    })
    .toEqual([5]);

  const [device] = await rig.admin<{ id: string; name: string }[]>('GET', '/api/admin/devices');
  expect(device.name).toBe(DEVICE_NAME);
  await rig.admin('POST', `/api/admin/devices/${device.id}/commands`, { kind: 'identify' });
  const overlay = page.getByRole('alert').filter({ hasText: '本设备名称' });
  await expect(overlay).toBeVisible({ timeout: 20_000 });
  await expect(overlay).toContainText(DEVICE_NAME);
  await shot('uplink-identify');
  // Reported done in a later heartbeat: the hub no longer has it pending.
  await expect
    .poll(async () => (await rig.admin<{ pendingCommands: string[] }[]>('GET', '/api/admin/devices'))[0].pendingCommands, {
      timeout: 20_000,
    })
    .toEqual([]);
  // A touch closes it.
  await overlay.tap();
  await expect(overlay).toBeHidden();
});

test('a revoked token is marked for staff and nothing is lost', async ({ page }) => {
  await enrolKiosk(page, rig);
  const [device] = await rig.admin<{ id: string }[]>('GET', '/api/admin/devices');
  await rig.admin('POST', `/api/admin/devices/${device.id}/revoke`, {});
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await homeTile(page, '意见与评价').tap();
  await page.getByRole('radio', { name: /^基本满意/ }).tap();
  await page.getByRole('button', { name: '提交评价' }).tap();
  await expect(page.getByRole('heading', { name: '谢谢您的评价！' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-uplink', 'invalid', { timeout: 10_000 });
  expect(await rig.db.selectFrom('ratings').select('id').execute()).toHaveLength(0);
  expect((await kioskStore(page, 'outbox')).filter((r) => r.kind === 'rating')).toHaveLength(1);
  // Still marked after a reload (no request is sent with a token known to be invalid).
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-uplink', 'invalid');
});

test('the callback keypad in 长辈模式: large keys, landline with area code, 清空, 不需要回访', async ({ page, shot }) => {
  await page.goto(`${rig.url}/?site=${SITE}`);
  await page.getByRole('button', { name: '长辈模式开始（字更大）' }).tap();
  await homeTile(page, '意见与评价').tap();
  await page.getByRole('radio', { name: /^不满意/ }).tap();
  await page.getByRole('button', { name: '等候时间太长' }).tap();
  await page.getByRole('button', { name: '需要回访，留下电话' }).tap();
  const pad = page.getByRole('group', { name: '电话号码数字键' });
  for (const d of '5212032') await pad.getByRole('button', { name: d, exact: true }).tap();
  await expect(pad.getByText('座机号码请在前面加上区号（0开头），手机号码以1开头')).toBeVisible();
  await pad.getByRole('button', { name: '清空' }).tap();
  await expect(page.getByTestId('callback-phone')).toHaveText('');
  for (const d of '08395212032') await pad.getByRole('button', { name: d, exact: true }).tap();
  await expect(page.getByTestId('callback-phone')).toHaveText('0839 521 2032');
  await expect(pad.getByText('号码格式正确')).toBeVisible();
  // Large touch targets (≥ 88 px in 长辈模式 for the kiosk's scale).
  for (const name of ['0', '退格', '清空']) {
    const box = await pad.getByRole('button', { name, exact: true }).boundingBox();
    expect(box!.height, name).toBeGreaterThanOrEqual(88);
    expect(box!.width, name).toBeGreaterThanOrEqual(88);
  }
  await pad.scrollIntoViewIfNeeded();
  await shot('uplink-callback-keypad-elder');
  // 适老化 numbers and axe (enhanced contrast) on the keypad in 长辈模式.
  expect(await sizeProblems(page, 32)).toEqual([]);
  const axe = await new AxeBuilder({ page })
    .include('.phone-pad')
    .include('#ev-callback')
    .options({ rules: { 'color-contrast-enhanced': { enabled: true } } })
    .analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // 不需要回访: the keypad goes away, the phone is not kept.
  await page.getByRole('button', { name: '不需要回访' }).tap();
  await expect(pad).toBeHidden();
  await page.getByRole('button', { name: '提交评价' }).tap();
  await expect(page.getByRole('heading', { name: '谢谢您的评价！' })).toBeVisible();
  expect(await kioskStore(page, 'callbackPhones')).toEqual([]);
  // Not enrolled: kept for upload, nothing sent without a token.
  expect((await kioskStore(page, 'outbox')).filter((r) => r.kind === 'rating')).toHaveLength(1);
  expect(await rig.db.selectFrom('ratings').select('id').execute()).toHaveLength(0);
});

test('display: the play log is uploaded as from/to entries; a reload command waits for a slide boundary', async ({ page }) => {
  test.setTimeout(120_000);
  const code = await rig.enrolCode('白鹤镇大厅显示屏');
  // A working morning (the wall shows slides, not the closed screen), in the past of the hub's clock.
  await openDisplay(page, rig.url, '2026-12-01T10:00', `&enrol=${code}&heartbeat=60`);
  await until(page, async () => (await page.locator('html').getAttribute('data-uplink')) === 'ok');
  const seen = await walk(page, 2);

  // The next heartbeat sends the queued play log.
  await runFor(page, 61_000);
  const rows = async () =>
    rig.db.selectFrom('play_log').select(['slide', 'title', 'from_at', 'to_at', 'site_code']).orderBy('from_at').execute();
  await until(page, async () => (await rows()).length >= 2, 200);
  const logged = await rows();
  expect(logged[0].site_code).toBe(SITE);
  expect(logged.slice(0, 2).map((r) => Number(r.to_at) - Number(r.from_at))).toEqual(seen.map((s) => s.seconds * 1000));
  expect(logged[0].title).toBe(seen[0].title);

  // reload: not in the middle of a slide, at the next boundary.
  const [device] = await rig.admin<{ id: string }[]>('GET', '/api/admin/devices');
  await rig.admin('POST', `/api/admin/devices/${device.id}/commands`, { kind: 'reload' });
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'before'));
  const reloaded = page.waitForEvent('load');
  // Time moves second by second until the next heartbeat has brought the command to the wall …
  const received = async () => (((await kioskStore(page, 'device'))[0]?.seenCommands as string[] | undefined) ?? []).length > 0;
  for (let i = 0; i < 90 && !(await received()); i++) {
    await page.clock.runFor(1000);
    await page.waitForTimeout(20);
  }
  expect(await received()).toBe(true);
  const showing = await front(page);
  // … which keeps showing its slide (no reload in the middle of it) …
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('before');
  // … and reloads when that slide is over.
  await runFor(page, (showing?.seconds ?? 60) * 1000 + 2000, 1000);
  await reloaded;
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBeUndefined();
  // The reload is reported with its reason in a later heartbeat.
  await until(page, async () => (await page.locator('html').getAttribute('data-uplink')) === 'ok');
  await runFor(page, 61_000);
  await until(
    page,
    async () =>
      (await rig.db.selectFrom('heartbeats').select('payload').execute()).some((h) =>
        (JSON.parse(h.payload).reloads as { reason: string }[]).some((r) => r.reason === 'command'),
      ),
    200,
  );
});

test('a kiosk upgraded from database version 1 keeps its ratings and play log, and uploads the unexported ratings once enrolled', async ({
  page,
}) => {
  // The origin without the app: write a version-1 database as the previous app version left it.
  await page.goto(`${rig.url}/manifest.webmanifest`);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('bianmin-kiosk', 1);
        req.onupgradeneeded = () => {
          const db = req.result;
          db.createObjectStore('content', { keyPath: 'siteCode' });
          db.createObjectStore('assets', { keyPath: 'path' });
          db.createObjectStore('evaluations', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
          db.createObjectStore('playlog', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
        };
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['evaluations', 'playlog'], 'readwrite');
          const now = Date.now();
          tx.objectStore('evaluations').add({
            siteCode: 'baihe',
            at: now - 3600_000,
            level: 2,
            reasons: ['办理时间太长'],
            target: { kind: 'centre' },
          });
          tx.objectStore('evaluations').add({
            siteCode: 'baihe',
            at: now - 7200_000,
            level: 5,
            reasons: [],
            target: { kind: 'centre' },
            exportedAt: now,
          });
          tx.objectStore('playlog').add({
            siteCode: 'baihe',
            at: now - 60_000,
            ms: 8000,
            slide: 'item:X',
            title: '旧记录',
            contentVersion: 1,
          });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
        };
      }),
  );
  await enrolKiosk(page, rig);
  const evaluations = await kioskStore(page, 'evaluations');
  expect(evaluations.map((e) => [e.level, typeof e.uuid])).toEqual([
    [2, 'string'],
    [5, 'string'],
  ]);
  expect((await kioskStore(page, 'playlog')).map((p) => p.title)).toEqual(['旧记录']);
  // The one never exported goes to the hub (the exported one was handed over before).
  await expect
    .poll(async () => (await rig.db.selectFrom('ratings').select(['id', 'level']).execute()).map((r) => [r.id, Number(r.level)]), {
      timeout: 15_000,
    })
    .toEqual([[evaluations[0].uuid, 2]]);
});

test('kiosk: a reload command waits while someone uses the kiosk and runs at the idle return', async ({ page }) => {
  await enrolKiosk(page, rig, '&heartbeat=5&idle=5');
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
  const [device] = await rig.admin<{ id: string }[]>('GET', '/api/admin/devices');
  await rig.admin('POST', `/api/admin/devices/${device.id}/commands`, { kind: 'reload' });
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'in use'));
  const reloaded = page.waitForEvent('load', { timeout: 45_000 });
  // The command arrives with the next heartbeat, while the resident is still on the home screen …
  await expect
    .poll(async () => (((await kioskStore(page, 'device'))[0]?.seenCommands as string[] | undefined) ?? []).length, { timeout: 15_000 })
    .toBe(1);
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('in use');
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
  // … and the page reloads only after the idle return (5 s + the 15 s “还在使用吗？” prompt).
  await reloaded;
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBeUndefined();
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible();
});

test('no hub in county.yaml: the kiosk sends nothing, asks for no phone and keeps ratings as before', async ({
  page,
  workDir,
  serveContent,
}) => {
  const src = await copyContentSource(join(workDir, 'src'));
  const county = join(src, 'county.yaml');
  await writeFile(county, (await readFile(county, 'utf8')).replace(/^hub:.*$/m, ''));
  const out = join(workDir, 'out');
  await publishInto(out, src);
  const server = await serveContent(out);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}/?site=${SITE}&enrol=AB3DK9PQ`);
  await expect(page.locator('html')).toHaveAttribute('data-uplink', 'off');
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await homeTile(page, '意见与评价').tap();
  await expect(page.getByText('您的评价不记录姓名、电话等任何个人信息，没有人可以要求您给好评')).toBeVisible();
  await page.getByRole('radio', { name: /^非常不满意/ }).tap();
  await page.getByRole('button', { name: '收费不合理' }).tap();
  await expect(page.getByRole('heading', { name: '4. 希望工作人员回访吗？' })).toHaveCount(0);
  await page.getByRole('button', { name: '提交评价' }).tap();
  await expect(page.getByRole('heading', { name: '谢谢您的评价！' })).toBeVisible();
  expect((await kioskStore(page, 'evaluations')).map((e) => e.reasons)).toEqual([['收费不合理']]);
  expect(await kioskStore(page, 'outbox')).toEqual([]);
  expect(requests.filter((p) => p.includes('/api/'))).toEqual([]);
});
