/**
 * The hub against SQLite AND PostgreSQL (same suite): enrolment, tokens, ratings once per id,
 * refusals, cases with working-day deadlines, township isolation, lockout, commands, reports
 * and their .xlsx, audit.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  BatchAck,
  CaseFigures,
  CaseRow,
  DeviceRow,
  EnrolResponse,
  HeartbeatResponse,
  PublicityRow,
  RatingUpload,
  SatisfactionReport,
  SiteTargetsResponse,
} from '../../kiosk/src/uplink/api.ts';
import { upsertUser } from './accounts.ts';
import { rebuildRatingDays } from './migrations.ts';
import type { Hub } from './app.ts';
import { clock, DIALECTS, freshDb, type TestDb, testHub } from './test-support.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

// Friday 2026-12-04 10:00 in the county.
const T0 = Date.parse('2026-12-04T10:00:00+08:00');
const PASSWORD = 'correct-horse-1';

describe.each(DIALECTS)('hub on %s', (dialect) => {
  let tdb: TestDb;
  let hub: Hub;
  const time = clock(T0);
  const cookies: Record<string, string> = {};

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await hub.app.request(path, init);
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await res.json() : new Uint8Array(await res.arrayBuffer());
    return { status: res.status, data: data as any, headers: res.headers };
  }
  const as = (user: string) => ({ cookie: `hub_session=${cookies[user]}` });
  const device = (token: string) => ({ authorization: `Bearer ${token}` });

  async function loginAs(username: string) {
    const r = await call('POST', '/api/admin/login', { username, password: PASSWORD });
    expect(r.status).toBe(200);
    cookies[username] = /hub_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1];
    return r;
  }

  async function relogin() {
    for (const u of ['county', 'town-a', 'town-b']) await loginAs(u);
  }

  async function enrol(user: string, siteCode: string, mode = 'kiosk'): Promise<EnrolResponse> {
    const code = await call('POST', '/api/admin/enrolments', { siteCode, name: `${siteCode} ${mode}` }, as(user));
    expect(code.status).toBe(200);
    const r = await call('POST', '/api/device/enrol', {
      code: code.data.code.toLowerCase(),
      mode,
      appBuild: 'b1',
      screen: { width: 1080, height: 1920 },
    });
    expect(r.status).toBe(200);
    return r.data;
  }

  const rating = (over: Partial<RatingUpload> = {}): RatingUpload => ({
    id: randomUUID(),
    at: time.now() - 60_000,
    siteCode: 'ta',
    level: 5,
    target: { kind: 'centre' },
    reasons: [],
    contentVersion: 7,
    ...over,
  });

  const count = async (table: 'ratings' | 'cases' | 'callback_phones' | 'heartbeats' | 'play_log') =>
    Number((await tdb.db.selectFrom(table).select(tdb.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  let kioskA: EnrolResponse;
  let kioskB: EnrolResponse;
  let displayA: EnrolResponse;

  beforeAll(async () => {
    tdb = await freshDb(dialect);
    hub = testHub(tdb.db, time.now, { deviceRequestsPerMinute: 1000 });
    await upsertUser(tdb.db, { username: 'county', password: PASSWORD, role: 'county', township: null, displayName: '县管理员' }, 'test');
    await upsertUser(
      tdb.db,
      { username: 'town-a', password: PASSWORD, role: 'township', township: 'ta', displayName: '甲镇管理员' },
      'test',
    );
    await upsertUser(
      tdb.db,
      { username: 'town-b', password: PASSWORD, role: 'township', township: 'tb', displayName: '乙乡管理员' },
      'test',
    );
    await loginAs('county');
    await loginAs('town-a');
    await loginAs('town-b');
    kioskA = await enrol('town-a', 'ta');
    kioskB = await enrol('county', 'tb');
    displayA = await enrol('county', 'ta', 'display');
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it('session cookie is HttpOnly and SameSite=Strict; me tells the role', async () => {
    const r = await call('POST', '/api/admin/login', { username: 'county', password: PASSWORD });
    expect(r.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(r.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
    const me = await call('GET', '/api/admin/me', undefined, as('town-a'));
    expect(me.data).toEqual({ username: 'town-a', displayName: '甲镇管理员', role: 'township', township: 'ta' });
    expect((await call('GET', '/api/admin/me')).status).toBe(401);
  });

  it('an enrolment code works once, and not after 24 hours', async () => {
    const code = (await call('POST', '/api/admin/enrolments', { siteCode: 'ta-v1' }, as('town-a'))).data.code as string;
    const body = { code, mode: 'kiosk', appBuild: 'b1', screen: { width: 1920, height: 1080 } };
    const first = await call('POST', '/api/device/enrol', body);
    expect(first.status).toBe(200);
    expect(first.data.siteCode).toBe('ta-v1');
    const again = await call('POST', '/api/device/enrol', body);
    expect(again.status).toBe(400);
    expect(again.data.message).toContain('登记码');
    const late = (await call('POST', '/api/admin/enrolments', { siteCode: 'ta' }, as('county'))).data.code as string;
    time.advance(24 * 3600_000 + 1);
    const expired = await call('POST', '/api/device/enrol', { ...body, code: late });
    time.set(T0);
    expect(expired.status).toBe(400);
    // The token is stored only as a hash.
    const stored = await tdb.db.selectFrom('devices').select('token_hash').where('id', '=', first.data.deviceId).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(first.data.token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a wrong or revoked token gets 401 and nothing is stored', async () => {
    const before = await count('ratings');
    const wrong = await call('POST', '/api/device/ratings', { ratings: [rating()] }, device('not-a-token'));
    expect(wrong.status).toBe(401);
    expect(wrong.data.message).toBe('设备未登记或已停用，请重新登记');
    const extra = await enrol('county', 'ta');
    expect((await call('POST', `/api/admin/devices/${extra.deviceId}/revoke`, {}, as('county'))).status).toBe(200);
    const revoked = await call('POST', '/api/device/ratings', { ratings: [rating()] }, device(extra.token));
    expect(revoked.status).toBe(401);
    expect(await count('ratings')).toBe(before);
  });

  it('stores a rating once per id and acknowledges a repeat', async () => {
    const before = await count('ratings');
    const r = rating({ level: 4 });
    const a = await call('POST', '/api/device/ratings', { ratings: [r] }, device(kioskA.token));
    const b = await call('POST', '/api/device/ratings', { ratings: [r, r] }, device(kioskA.token));
    expect(a.data).toEqual({ accepted: [r.id], rejected: [] });
    expect((b.data as BatchAck).accepted).toEqual([r.id]);
    expect(await count('ratings')).toBe(before + 1);
  });

  it('refuses bad levels, unknown sites and items, impossible times — the rest of the batch is kept', async () => {
    const before = await count('ratings');
    const good = rating({ target: { kind: 'item', id: 'MZ-001' } });
    const bad = [
      rating({ level: 7 as 1 }),
      rating({ siteCode: 'nowhere' }),
      rating({ target: { kind: 'item', id: 'NO-SUCH' } }),
      rating({ at: T0 + 3600_000 }),
      rating({ at: T0 - 500 * 86_400_000 }),
      rating({ level: 5, reasons: ['等候时间太长'] }),
      rating({ level: 1, reasons: ['<script>alert(1)</script>'] }),
    ];
    const r = await call('POST', '/api/device/ratings', { ratings: [good, ...bad] }, device(kioskA.token));
    expect(r.status).toBe(200);
    expect(r.data.accepted).toEqual([good.id]);
    expect(r.data.rejected.map((x: { id: string }) => x.id)).toEqual(bad.map((b) => b.id));
    expect(r.data.rejected[0].reason).toContain('评价等级应为 1 到 5');
    expect(r.data.rejected[1].reason).toContain('nowhere');
    expect(r.data.rejected[2].reason).toContain('NO-SUCH');
    expect(r.data.rejected[3].reason).toContain('未来');
    expect(await count('ratings')).toBe(before + 1);
    const stored = await tdb.db.selectFrom('ratings').select('target_name').where('id', '=', good.id).executeTakeFirstOrThrow();
    expect(stored.target_name).toBe('最低生活保障申请');
  });

  it('answers malformed, oversized and over-long requests with a Chinese 4xx and stores nothing', async () => {
    const before = await count('ratings');
    const notJson = await call('POST', '/api/device/ratings', '{"ratings": [', device(kioskA.token));
    expect(notJson.status).toBe(400);
    expect(notJson.data.message).toBe('请求不是有效的 JSON');
    const noId = await call('POST', '/api/device/ratings', { ratings: [{ level: 5 }] }, device(kioskA.token));
    expect(noId.status).toBe(400);
    expect(noId.data.field).toBe('ratings.0.id');
    const tooMany = await call(
      'POST',
      '/api/device/ratings',
      { ratings: Array.from({ length: 201 }, () => rating()) },
      device(kioskA.token),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.data.message).toContain('最多上传 200 条');
    const huge = await call('POST', '/api/device/ratings', { ratings: [rating({ comment: 'x'.repeat(300_000) })] }, device(kioskA.token));
    expect(huge.status).toBe(413);
    expect(huge.data.message).toContain('请求过大');
    expect(await count('ratings')).toBe(before);
  });

  let caseA: CaseRow;
  it('a 差评 opens a case due in 5 working days (holiday skipped, adjusted Sunday counted); the phone is kept apart', async () => {
    const poor = rating({
      level: 1,
      reasons: ['窗口没有人'],
      comment: '中午没人',
      callbackPhone: '13800001234',
      target: { kind: 'window', id: '1' },
    });
    const r = await call('POST', '/api/device/ratings', { ratings: [poor] }, device(kioskA.token));
    expect(r.data.accepted).toEqual([poor.id]);
    const stored = await tdb.db.selectFrom('ratings').selectAll().where('id', '=', poor.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('13800001234');
    const cases = (await call('GET', '/api/admin/cases', undefined, as('town-a'))).data as CaseRow[];
    caseA = cases.find((c) => c.ratingId === poor.id)!;
    expect(caseA.state).toBe('待核实');
    expect(caseA.dueDate).toBe('2026-12-13');
    expect(caseA.callbackPhone).toBe('13800001234');
    expect(caseA.target).toEqual({ kind: 'window', id: '1', name: '民政窗口' });
    const county = (await call('GET', '/api/admin/cases', undefined, as('county'))).data as CaseRow[];
    expect(county.find((c) => c.id === caseA.id)?.callbackPhone).toBe('13800001234');
  });

  it('a township account sees and changes only its own township, on every API', async () => {
    const poorB = rating({ siteCode: 'tb', level: 2, reasons: ['办理时间太长'], callbackPhone: '13900009999' });
    await call('POST', '/api/device/ratings', { ratings: [poorB] }, device(kioskB.token));
    const casesB = (await call('GET', '/api/admin/cases', undefined, as('town-b'))).data as CaseRow[];
    expect(casesB.map((c) => c.siteCode)).toEqual(['tb']);
    const casesA = (await call('GET', '/api/admin/cases?township=tb', undefined, as('town-a'))).data as CaseRow[];
    expect(casesA).toEqual([]);
    const devices = (await call('GET', '/api/admin/devices', undefined, as('town-a'))).data as DeviceRow[];
    expect(new Set(devices.map((d) => d.township))).toEqual(new Set(['ta']));
    const sites = (await call('GET', '/api/admin/sites', undefined, as('town-a'))).data as { code: string }[];
    expect(sites.map((s) => s.code)).toEqual(['ta', 'ta-v1']);
    const targets = (await call('GET', '/api/admin/sites/ta/targets', undefined, as('town-a'))).data as SiteTargetsResponse;
    expect(targets.targets.window).toEqual([{ id: '1', label: '1号窗口 民政窗口' }]);
    expect(targets.targets.staff).toEqual([{ id: 's-zhang', label: '张丽' }]);
    expect(targets.targets.item?.map((i) => i.label)).toEqual(['最低生活保障申请', '城乡居民养老保险参保登记']);
    expect((await call('GET', '/api/admin/sites/tb/targets', undefined, as('town-a'))).status).toBe(404);
    expect((await call('POST', '/api/admin/enrolments', { siteCode: 'tb' }, as('town-a'))).status).toBe(404);
    expect((await call('POST', `/api/admin/devices/${kioskB.deviceId}/revoke`, {}, as('town-a'))).status).toBe(404);
    expect((await call('POST', `/api/admin/devices/${kioskB.deviceId}/commands`, { kind: 'reload' }, as('town-a'))).status).toBe(404);
    expect((await call('POST', `/api/admin/cases/${casesB[0].id}`, { state: '已办结', note: '越权' }, as('town-a'))).status).toBe(404);
    const rep = (await call('GET', '/api/admin/reports/satisfaction?from=2026-12-01&to=2026-12-31&township=tb', undefined, as('town-a')))
      .data as SatisfactionReport;
    expect(rep.total).toBe(0);
    expect(rep.townships.map((t) => t.code)).toEqual(['ta']);
    const audit = (await call('GET', '/api/admin/audit', undefined, as('town-a'))).data as {
      detail: string;
      username: string;
      action: string;
    }[];
    expect(audit.some((a) => a.detail.includes('tb'))).toBe(false);
    // What the county did to this township's devices is in its log too.
    expect(audit.some((a) => a.username === 'county' && a.action === '生成登记码')).toBe(true);
  });

  it('case states with notes (who, when), reasons for 申诉/无效, and the figures 回访率 整改率 按时办结率', async () => {
    const bad = await call('POST', `/api/admin/cases/${caseA.id}`, { state: '无效' }, as('town-a'));
    expect(bad.status).toBe(400);
    expect(bad.data.message).toBe('请求数据不正确（note）：缺少此项');
    const empty = await call('POST', `/api/admin/cases/${caseA.id}`, { state: '无效', note: '' }, as('town-a'));
    expect(empty.data.message).toContain('请填写处理说明');
    expect(
      (
        await call(
          'POST',
          `/api/admin/cases/${caseA.id}`,
          { state: '整改中', note: '已电话联系，情况属实', calledBack: true },
          as('town-a'),
        )
      ).status,
    ).toBe(200);
    time.advance(2 * 86_400_000);
    await loginAs('town-a'); // sessions last 12 hours
    expect((await call('POST', `/api/admin/cases/${caseA.id}`, { state: '已办结', note: '已安排午间轮值' }, as('town-a'))).status).toBe(
      200,
    );
    time.set(T0);
    await relogin();
    const row = ((await call('GET', '/api/admin/cases?state=已办结', undefined, as('town-a'))).data as CaseRow[]).find(
      (c) => c.id === caseA.id,
    )!;
    expect(row.notes.map((n) => [n.by, n.state, n.text])).toEqual([
      ['town-a', '整改中', '已电话联系，情况属实'],
      ['town-a', '已办结', '已安排午间轮值'],
    ]);
    expect(row.notes[1].at).toBe(T0 + 2 * 86_400_000);
    expect(row.overdue).toBe(false);
    const wrongMove = await call('POST', `/api/admin/cases/${caseA.id}`, { state: '待核实', note: '退回' }, as('town-a'));
    expect(wrongMove.status).toBe(409);
    const figures = (await call('GET', '/api/admin/reports/cases?from=2026-12-01&to=2026-12-31', undefined, as('county')))
      .data as CaseFigures;
    // Two cases: ta (called back, closed on time), tb (open, phone not called back).
    expect(figures.total).toBe(2);
    expect(figures.byState.已办结).toBe(1);
    expect(figures.byState.待核实).toBe(1);
    expect(figures.callbackRate).toBe(0.5);
    expect(figures.fixRate).toBe(0.5);
    expect(figures.onTimeRate).toBe(1);
    expect(figures.overdue).toBe(0);
    // Ten days later the open tb case is overdue.
    time.advance(10 * 86_400_000);
    await loginAs('county');
    const later = (await call('GET', '/api/admin/reports/cases?from=2026-12-01&to=2026-12-31', undefined, as('county')))
      .data as CaseFigures;
    const overdueList = (await call('GET', '/api/admin/cases?overdue=1', undefined, as('county'))).data as CaseRow[];
    time.set(T0);
    await relogin();
    expect(later.overdue).toBe(1);
    expect(overdueList.map((c) => c.siteCode)).toEqual(['tb']);
  });

  it('five wrong passwords lock the account for five minutes', async () => {
    await upsertUser(tdb.db, { username: 'victim', password: PASSWORD, role: 'county', township: null }, 'test');
    for (let i = 0; i < 4; i++)
      expect((await call('POST', '/api/admin/login', { username: 'victim', password: 'wrong-password' })).status).toBe(401);
    const fifth = await call('POST', '/api/admin/login', { username: 'victim', password: 'wrong-password' });
    expect(fifth.status).toBe(423);
    const right = await call('POST', '/api/admin/login', { username: 'victim', password: PASSWORD });
    expect(right.status).toBe(423);
    expect(right.data.message).toContain('锁定');
    time.advance(5 * 60_000 + 1);
    const after = await call('POST', '/api/admin/login', { username: 'victim', password: PASSWORD });
    time.set(T0);
    await relogin();
    expect(after.status).toBe(200);
  });

  it('heartbeats: health, commands delivered in the reply and marked done, replays stored once', async () => {
    const hb = (over: Record<string, unknown> = {}) => ({
      id: randomUUID(),
      at: time.now(),
      siteCode: 'ta',
      mode: 'display',
      appBuild: 'b2',
      contentVersion: 7,
      contentPublishedAt: '2026-11-01T09:00:00+08:00',
      contentExpiresAt: null,
      lastCheckAt: time.now() - 1000,
      lastCheckOk: true,
      lastError: null,
      uptimeSeconds: 3600,
      storage: { usedBytes: 1e6, quotaBytes: 1e9, persisted: true },
      screen: { width: 1920, height: 1080 },
      onScreen: '轮播：公告 1/3',
      queued: { ratings: 0, playLog: 0, heartbeats: 0 },
      flags: [],
      reloads: [],
      doneCommands: [],
      ...over,
    });
    const health = async () =>
      ((await call('GET', '/api/admin/devices', undefined, as('county'))).data as DeviceRow[]).find((d) => d.id === displayA.deviceId)!;
    expect((await health()).health).toBe('never');
    const first = hb();
    expect((await call('POST', '/api/device/heartbeat', first, device(displayA.token))).status).toBe(200);
    expect((await health()).health).toBe('online');
    const before = await count('heartbeats');
    await call('POST', '/api/device/heartbeat', first, device(displayA.token));
    expect(await count('heartbeats')).toBe(before);
    await call('POST', '/api/device/heartbeat', hb({ contentVersion: 6 }), device(displayA.token));
    expect((await health()).health).toBe('stale');
    await call('POST', '/api/device/heartbeat', hb({ lastCheckOk: false, lastError: '网络错误' }), device(displayA.token));
    expect((await health()).health).toBe('failing');
    const cmd = await call('POST', `/api/admin/devices/${displayA.deviceId}/commands`, { kind: 'identify' }, as('town-a'));
    expect((await health()).pendingCommands).toEqual(['identify']);
    const reply = (await call('POST', '/api/device/heartbeat', hb(), device(displayA.token))).data as HeartbeatResponse;
    expect(reply.commands.map((c) => [c.id, c.kind])).toEqual([[cmd.data.id, 'identify']]);
    const done = (await call('POST', '/api/device/heartbeat', hb({ doneCommands: [cmd.data.id] }), device(displayA.token)))
      .data as HeartbeatResponse;
    expect(done.commands).toEqual([]);
    expect((await health()).pendingCommands).toEqual([]);
    // A heartbeat replayed late from the offline queue is stored but does not overwrite newer state.
    await call(
      'POST',
      '/api/device/heartbeat',
      hb({ at: time.now() - 3600_000, contentVersion: 3, onScreen: '旧画面' }),
      device(displayA.token),
    );
    expect((await health()).onScreen).toBe('轮播：公告 1/3');
    expect((await health()).health).toBe('online');
    time.advance(2 * 300_000 + 1);
    expect((await health()).health).toBe('offline');
    time.set(T0);
    const wrongSite = await call('POST', '/api/device/heartbeat', hb({ siteCode: 'tb' }), device(displayA.token));
    expect(wrongSite.status).toBe(422);
  });

  it('satisfaction report: levels, 满意率, months, reasons ranked, township ranking — and the same numbers in .xlsx', async () => {
    // Fresh window of dates: November 2026.
    const at = (d: string) => Date.parse(`${d}T10:00:00+08:00`);
    const batchA = [
      rating({ at: at('2026-11-02'), level: 5 }),
      rating({ at: at('2026-11-03'), level: 3 }),
      rating({ at: at('2026-11-20'), level: 2, reasons: ['等候时间太长', '窗口没有人'] }),
      rating({ at: at('2026-11-21'), level: 1, reasons: ['等候时间太长'] }),
    ];
    const batchB = [rating({ siteCode: 'tb', at: at('2026-11-05'), level: 4 })];
    await call('POST', '/api/device/ratings', { ratings: batchA }, device(kioskA.token));
    await call('POST', '/api/device/ratings', { ratings: batchB }, device(kioskB.token));
    const q = '?from=2026-11-01&to=2026-11-30';
    const r = (await call('GET', `/api/admin/reports/satisfaction${q}`, undefined, as('county'))).data as SatisfactionReport;
    expect(r.total).toBe(5);
    expect(r.levels).toEqual([1, 1, 1, 1, 1]);
    expect(r.satisfaction).toBe(0.6);
    expect(r.byMonth).toEqual([{ month: '2026-11', total: 5, satisfaction: 0.6 }]);
    expect(r.reasons).toEqual([
      { reason: '等候时间太长', count: 2 },
      { reason: '窗口没有人', count: 1 },
    ]);
    expect(r.townships).toEqual([
      { code: 'tb', name: '乙乡便民服务中心', total: 1, satisfaction: 1 },
      { code: 'ta', name: '甲镇便民服务中心', total: 4, satisfaction: 0.5 },
    ]);
    const onlyA = (await call('GET', `/api/admin/reports/satisfaction${q}&site=ta`, undefined, as('county'))).data as SatisfactionReport;
    expect(onlyA.total).toBe(4);
    const x = await call('GET', `/api/admin/reports/satisfaction.xlsx${q}`, undefined, as('county'));
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.data.buffer);
    const summary = wb.getWorksheet('汇总')!;
    const cells = new Map<string, unknown>();
    summary.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(cells.get('评价总数')).toBe(5);
    expect(cells.get('非常不满意')).toBe(1);
    expect(cells.get('满意率（%）')).toBe(60);
    const ranking = wb.getWorksheet('乡镇排名')!;
    expect(ranking.getRow(2).values).toEqual([undefined, 1, '乙乡便民服务中心', 'tb', 1, 100]);
    expect(ranking.getRow(3).values).toEqual([undefined, 2, '甲镇便民服务中心', 'ta', 4, 50]);
    const casesX = await call('GET', `/api/admin/reports/cases.xlsx${q}`, undefined, as('town-a'));
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(casesX.data.buffer);
    expect(wb2.getWorksheet('工单')!.rowCount).toBe(1 + 2);
    // The daily counts (kept at ingest) and a recount from the ratings agree; so does the per-rating path.
    const dec = '?from=2026-12-01&to=2026-12-31';
    const byKind = (await call('GET', `/api/admin/reports/satisfaction${dec}&target=item`, undefined, as('county')))
      .data as SatisfactionReport;
    const byItem = (await call('GET', `/api/admin/reports/satisfaction${dec}&target=item&targetId=MZ-001`, undefined, as('county')))
      .data as SatisfactionReport;
    expect(byKind.total).toBe(1);
    expect(byItem.levels).toEqual(byKind.levels);
    const before = (await call('GET', `/api/admin/reports/satisfaction${dec}`, undefined, as('county'))).data;
    await rebuildRatingDays(tdb.db);
    expect((await call('GET', `/api/admin/reports/satisfaction${dec}`, undefined, as('county'))).data).toEqual(before);
    const badDate = await call('GET', '/api/admin/reports/satisfaction?from=2026-13', undefined, as('county'));
    expect(badDate.status).toBe(400);
  });

  it('公示留痕: first/last shown, total time and the share of the 公示 period displayed', async () => {
    const at = (d: string, hm: string) => Date.parse(`${d}T${hm}:00+08:00`);
    const entry = (d: string, secs: number) => ({
      id: randomUUID(),
      siteCode: 'ta',
      slide: 'announcement:gs-1',
      title: '低保公示',
      from: at(d, '09:00'),
      to: at(d, '09:00') + secs * 1000,
      contentVersion: 7,
    });
    const entries = [entry('2026-11-02', 30), entry('2026-11-02', 30), entry('2026-11-05', 60), entry('2026-11-11', 20)];
    const up = await call('POST', '/api/device/playlog', { entries }, device(displayA.token));
    expect(up.data.accepted).toHaveLength(4);
    await call('POST', '/api/device/playlog', { entries }, device(displayA.token));
    expect(await count('play_log')).toBe(4);
    const bad = await call(
      'POST',
      '/api/device/playlog',
      { entries: [{ ...entry('2026-11-03', 10), to: at('2026-11-03', '08:00') }] },
      device(displayA.token),
    );
    expect(bad.data.rejected[0].reason).toBe('结束时间早于开始时间');
    const rows = (await call('GET', '/api/admin/reports/publicity', undefined, as('town-a'))).data as PublicityRow[];
    const row = rows.find((p) => p.announcementId === 'gs-1' && p.siteCode === 'ta')!;
    expect(row.firstShownAt).toBe(at('2026-11-02', '09:00'));
    expect(row.lastShownAt).toBe(at('2026-11-11', '09:00') + 20_000);
    expect(row.totalShownMs).toBe(140_000);
    // Period 2026-11-02 … 2026-11-11 (ends at midnight of the 12th): 10 days, shown on 3.
    expect(row.coverage).toBe(0.3);
    expect((await call('GET', '/api/admin/reports/publicity', undefined, as('town-b'))).data).toEqual([]);
  });

  it('writes every change to the audit log', async () => {
    const audit = (await call('GET', '/api/admin/audit', undefined, as('county'))).data as { action: string; username: string }[];
    const actions = new Set(audit.map((a) => a.action));
    for (const a of ['新增账号', '生成登记码', '设备登记', '停用设备', '发送命令', '处理差评工单', '账号锁定'])
      expect(actions).toContain(a);
  });

  it('device calls work from another origin (CORS, no cookies); the dashboard API does not', async () => {
    const pre = await hub.app.request('/api/device/ratings', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://kiosk.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const admin = await call('GET', '/api/admin/me', undefined, { ...as('county'), origin: 'https://evil.example' });
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits requests per device per minute', async () => {
    const limited = testHub(tdb.db, time.now, { deviceRequestsPerMinute: 3 });
    const send = () =>
      limited.app.request('/api/device/ratings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...device(kioskB.token) },
        body: JSON.stringify({ ratings: [] }),
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limitedRes = await send();
    expect(limitedRes.headers.get('retry-after')).toBe('60');
    expect(((await limitedRes.json()) as { message: string }).message).toBe('请求过于频繁，请 60 秒后再试');
    time.advance(60_001);
    expect((await send()).status).toBe(200);
    time.set(T0);
  });
});
