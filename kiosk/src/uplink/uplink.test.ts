import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../config/config.ts';
import type { SiteBundle } from '../bundle/schema.ts';
import { createAppState } from '../state/app-state.ts';
import { openKioskDb, type KioskDatabase } from '../store/db.ts';
import type { HeartbeatRequest, HeartbeatResponse } from './api.ts';
import type { FetchLike } from './client.ts';
import { DISPLAY_CLOSED_SCREEN } from '../state/uplink-status.ts';
import { createUplink, resolveHub, type Uplink } from './uplink.ts';

let seq = 0;
let uplinks: Uplink[] = [];
afterEach(() => {
  uplinks.forEach((u) => u.stop());
  uplinks = [];
  vi.useRealTimers();
});

interface Rig {
  calls: { path: string; auth: string | null; body: Record<string, unknown> }[];
  heartbeats: HeartbeatRequest[];
  reply: Partial<HeartbeatResponse>;
  status: number;
}

function rig(query: string, dbName = `uplink-test-${++seq}`) {
  const r: Rig = { calls: [], heartbeats: [], reply: {}, status: 200 };
  const fetchFn: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const body = JSON.parse(String(init.body));
    r.calls.push({ path, auth: (init.headers as Record<string, string>).authorization ?? null, body });
    if (r.status !== 200) return Response.json({ error: 'x', message: '设备未登记或已停用' }, { status: r.status });
    if (path === '/api/device/enrol') {
      if (body.code !== 'AB3DK9PQ') return Response.json({ error: 'invalid_code', message: '登记码无效' }, { status: 400 });
      return Response.json({ deviceId: 'd1', token: 'tok-1', siteCode: 'baihe', name: '大厅 1 号机', heartbeatSeconds: 300 });
    }
    if (path === '/api/device/heartbeat') {
      r.heartbeats.push(body as HeartbeatRequest);
      return Response.json({ serverTime: 0, heartbeatSeconds: 300, name: '大厅 1 号机', commands: [], ...r.reply });
    }
    const items: { id: string }[] = body.ratings ?? body.entries;
    return Response.json({ accepted: items.map((i) => i.id), rejected: [] });
  };
  const config = parseConfig(new URL(`https://kiosk.example/?site=baihe${query}`), null);
  let db: Promise<KioskDatabase> | null = null;
  const openDb = () => (db ??= openKioskDb(dbName));
  const state = createAppState(config, openDb);
  const checkNow = vi.fn();
  const reload = vi.fn();
  const forget = vi.fn();
  state.actions.checkNow = checkNow;
  const make = () => {
    const u = createUplink({
      state,
      openDb,
      hubParam: config.hub,
      enrolCode: config.enrolCode,
      heartbeatSeconds: config.heartbeatSeconds,
      pageUrl: 'https://kiosk.example/?site=baihe',
      fetch: fetchFn,
      random: () => 0,
      reload,
      forgetEnrolCode: forget,
    });
    uplinks.push(u);
    return u;
  };
  return { r, state, openDb, checkNow, reload, forget, make };
}

const ready = (state: ReturnType<typeof createAppState>, hub?: string) => {
  state.bundle.value = { county: { hub } } as unknown as SiteBundle;
  state.status.value = 'ready';
};

const until = async (f: () => boolean | Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((ok) => setTimeout(ok, 10));
  }
};

describe('uplink', () => {
  it('resolves the hub address: ?hub= first, then county.yaml, relative to the page', () => {
    expect(resolveHub(null, null, 'https://k.example/app/')).toBeNull();
    expect(resolveHub(null, '/', 'https://k.example/app/?site=x')).toBe('https://k.example/');
    expect(resolveHub('https://hub.example/county', '/', 'https://k.example/')).toBe('https://hub.example/county/');
    expect(resolveHub(null, 'ftp://x.example/', 'https://k.example/')).toBeNull();
  });

  it('without a hub sends nothing and keeps ratings exactly as before', async () => {
    const t = rig('');
    const u = t.make();
    u.start();
    ready(t.state);
    await u.saveRating({ siteCode: 'baihe', at: 1, level: 1, reasons: ['其他问题'], target: { kind: 'centre' } }, '13800138000');
    await u.flush();
    const db = await t.openDb();
    expect(await db.count('evaluations')).toBe(1);
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('callbackPhones')).toBe(0);
    expect(t.r.calls).toEqual([]);
    expect(t.state.uplink.token.value).toBe('none');
  });

  it('with a hub but no token keeps ratings queued and sends nothing', async () => {
    const t = rig('&hub=https://hub.example/');
    const u = t.make();
    u.start();
    ready(t.state);
    await u.saveRating({ siteCode: 'baihe', at: 1, level: 4, reasons: [], target: { kind: 'centre' } });
    await u.flush();
    expect((await (await t.openDb()).getAll('outbox')).length).toBe(1);
    expect(t.r.calls).toEqual([]);
  });

  it('enrols with the code, stores the token, removes the code, then sends with Bearer', async () => {
    const t = rig('&hub=https://hub.example/&enrol=ab3dk9pq');
    const u = t.make();
    u.start();
    ready(t.state);
    await until(() => t.state.uplink.token.value === 'ok');
    expect(t.r.calls[0]).toMatchObject({ path: '/api/device/enrol', auth: null, body: { code: 'AB3DK9PQ', mode: 'kiosk' } });
    expect(t.forget).toHaveBeenCalled();
    expect(await (await t.openDb()).get('device', 'device')).toMatchObject({ token: 'tok-1', siteCode: 'baihe', name: '大厅 1 号机' });
    expect(t.state.uplink.deviceName.value).toBe('大厅 1 号机');
    await u.saveRating({ siteCode: 'baihe', at: 5, level: 2, reasons: ['窗口没有人'], target: { kind: 'centre' } }, '13800138000');
    await until(() => t.r.calls.some((c) => c.path === '/api/device/ratings'));
    const sent = t.r.calls.find((c) => c.path === '/api/device/ratings')!;
    expect(sent.auth).toBe('Bearer tok-1');
    expect((sent.body.ratings as { callbackPhone?: string }[])[0].callbackPhone).toBe('13800138000');
  });

  it('a wrong code is refused with a Chinese message and forgotten', async () => {
    const t = rig('&hub=https://hub.example/&enrol=ZZZZZZZZ');
    const u = t.make();
    u.start();
    ready(t.state);
    await until(() => t.state.uplink.enrolError.value !== null);
    expect(t.state.uplink.enrolError.value).toBe('登记失败：登记码无效');
    expect(t.state.uplink.token.value).toBe('none');
    expect(t.forget).toHaveBeenCalled();
    expect(await u.enrol('12')).toBe(false);
    expect(t.state.uplink.enrolError.value).toBe('登记码应为 8 位字母或数字，请核对后重新输入');
  });

  it('on 401 marks the token invalid (kept across restarts) and loses nothing', async () => {
    const name = `uplink-test-${++seq}`;
    const t = rig('&hub=https://hub.example/&enrol=AB3DK9PQ', name);
    const u = t.make();
    u.start();
    ready(t.state);
    await until(() => t.state.uplink.token.value === 'ok');
    t.r.status = 401;
    await u.saveRating({ siteCode: 'baihe', at: 5, level: 3, reasons: [], target: { kind: 'centre' } });
    await until(() => t.state.uplink.token.value === 'invalid');
    expect(t.state.uplink.lastError.value).toBe('设备授权无效或已被注销，请重新登记设备（评价都还保存在本机）');
    await until(async () => (await (await t.openDb()).getAll('outbox')).some((r) => r.kind === 'rating'));
    u.stop();
    // A restart remembers it; nothing is sent with the refused token.
    const again = rig('&hub=https://hub.example/', name);
    const u2 = again.make();
    u2.start();
    ready(again.state);
    await until(() => again.state.uplink.token.value === 'invalid');
    await u2.flush();
    expect(again.r.calls).toEqual([]);
  });

  it('heartbeats carry the app state; commands are carried out once and reported done', async () => {
    const t = rig('&hub=https://hub.example/&enrol=AB3DK9PQ&heartbeat=3600');
    const u = t.make();
    u.start();
    t.state.syncStatus.value = { ...t.state.syncStatus.value, lastCheckAt: 100, lastSuccessAt: 100, lastError: null };
    t.state.entry.value = { version: 42, publishedAt: '2026-11-30T08:00:00.000Z', expiresAt: '2026-12-30T08:00:00.000Z' } as never;
    t.state.uplink.onScreen.value = '事项详情：最低生活保障申请';
    ready(t.state);
    await until(() => t.state.uplink.token.value === 'ok');
    // The first heartbeat follows by itself once the view has said what is on screen.
    await until(() => t.r.heartbeats.length === 1);
    const hb = t.r.heartbeats[0];
    expect(hb).toMatchObject({
      siteCode: 'baihe',
      mode: 'kiosk',
      contentVersion: 42,
      contentPublishedAt: '2026-11-30T08:00:00.000Z',
      lastCheckAt: 100,
      lastCheckOk: true,
      lastError: null,
      onScreen: '事项详情：最低生活保障申请',
      // Queued before this one was taken.
      queued: { ratings: 0, playLog: 0, heartbeats: 0 },
      doneCommands: [],
    });
    expect(Object.keys(hb).sort()).toEqual(
      [
        'id',
        'at',
        'siteCode',
        'mode',
        'appBuild',
        'contentVersion',
        'contentPublishedAt',
        'contentExpiresAt',
        'lastCheckAt',
        'lastCheckOk',
        'lastError',
        'uptimeSeconds',
        'storage',
        'screen',
        'onScreen',
        'queued',
        'flags',
        'reloads',
        'doneCommands',
      ].sort(),
    );
    t.r.reply = {
      commands: [
        { id: 'c1', kind: 'identify', issuedAt: 1 },
        { id: 'c2', kind: 'check-content', issuedAt: 1 },
        { id: 'c3', kind: 'reload', issuedAt: 1 },
      ],
    };
    await u.heartbeat();
    expect(t.state.uplink.identify.value?.name).toBe('大厅 1 号机');
    expect(t.checkNow).toHaveBeenCalledTimes(1);
    // Reload waits for an idle moment.
    expect(t.reload).not.toHaveBeenCalled();
    expect(t.state.uplink.reloadPending.value).toBe(true);
    u.atIdle();
    await until(() => t.reload.mock.calls.length === 1);
    // The hub repeats the commands until it hears they are done: not carried out twice.
    await u.heartbeat();
    expect(t.checkNow).toHaveBeenCalledTimes(1);
    expect(t.r.heartbeats[2].doneCommands).toEqual(['c1', 'c2', 'c3']);
    expect(t.r.heartbeats[2].reloads.map((r) => r.reason)).toEqual(['command']);
    t.r.reply = {};
    await u.heartbeat();
    expect(t.r.heartbeats[3].doneCommands).toEqual([]);
    expect(t.r.heartbeats[3].reloads).toEqual([]);
  });

  it('a display outside opening hours (closed screen) reloads at once for a reload command', async () => {
    const t = rig('&mode=display&hub=https://hub.example/&enrol=AB3DK9PQ&heartbeat=3600');
    const u = t.make();
    u.start();
    t.state.uplink.onScreen.value = DISPLAY_CLOSED_SCREEN;
    ready(t.state);
    await until(() => t.r.heartbeats.length === 1);
    t.r.reply = { commands: [{ id: 'r1', kind: 'reload', issuedAt: 1 }] };
    await u.heartbeat();
    await until(() => t.reload.mock.calls.length === 1);
    expect(t.r.heartbeats[0].mode).toBe('display');
  });

  it('queues heartbeats while the hub is unreachable and sends them oldest first when it is back', async () => {
    const t = rig('&hub=https://hub.example/&enrol=AB3DK9PQ&heartbeat=3600');
    const u = t.make();
    u.start();
    ready(t.state);
    await until(() => t.state.uplink.token.value === 'ok');
    t.r.status = 503;
    await u.heartbeat();
    await u.heartbeat();
    expect(t.state.uplink.queued.value.heartbeats).toBe(2);
    expect(t.state.uplink.lastError.value).toBe('县级管理平台拒绝：设备未登记或已停用');
    t.r.status = 200;
    await u.heartbeat();
    expect(t.r.heartbeats).toHaveLength(3);
    const ats = t.r.heartbeats.map((h) => h.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(t.state.uplink.queued.value.heartbeats).toBe(0);
  });
});
