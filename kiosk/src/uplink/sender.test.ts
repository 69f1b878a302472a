import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openKioskDb, type KioskDatabase } from '../store/db.ts';
import { addEvaluation } from '../store/evaluations.ts';
import { logPlay } from '../store/play-log.ts';
import type { BatchAck, RatingBatch } from './api.ts';
import { backoffMs, BACKOFF_MAX_MS } from './backoff.ts';
import { postJson, type FetchLike } from './client.ts';
import { pendingRows, queueCounts, queueHeartbeat, refillRatings } from './outbox.ts';
import { buildHeartbeat } from './heartbeat.ts';
import { EMPTY_COUNTS } from '../state/uplink-status.ts';
import { QueueSender } from './sender.ts';

let db: KioskDatabase;
let seq = 0;
beforeEach(async () => {
  db = await openKioskDb(`sender-test-${++seq}`);
});

const rating = (at: number, level: 1 | 2 | 3 | 4 | 5 = 4) => ({
  siteCode: 'baihe',
  at,
  level,
  reasons: level <= 2 ? ['窗口没有人'] : [],
  target: { kind: 'centre' as const },
});

interface Call {
  url: string;
  auth: string | null;
  body: unknown;
}

/** A fake hub: stores each id once, answers with `respond` (default: acknowledge everything). */
function fakeHub(respond?: (body: RatingBatch, call: number) => Response | 'network' | null) {
  const stored = new Map<string, unknown>();
  const calls: Call[] = [];
  const fetchFn: FetchLike = async (url, init) => {
    const body = JSON.parse(String(init.body));
    calls.push({ url, auth: (init.headers as Record<string, string>).authorization ?? null, body });
    const custom = respond?.(body, calls.length);
    if (custom === 'network') throw new TypeError('Failed to fetch');
    if (custom) return custom;
    const items: { id: string }[] = body.ratings ?? body.entries ?? [];
    for (const r of items) if (!stored.has(r.id)) stored.set(r.id, r);
    const ack: BatchAck = { accepted: items.map((r) => r.id), rejected: [] };
    return Response.json(ack);
  };
  const sender = new QueueSender({
    db,
    post: (path, body) => postJson(fetchFn, 'https://hub.example/', path, body, 'tok-1'),
    now: () => 99,
  });
  return { stored, calls, sender };
}

describe('queue sender', () => {
  it('sends oldest first in batches of LIMITS.maxRatingsPerBatch and marks acknowledged ratings sent', async () => {
    for (let i = 450; i > 0; i--) await addEvaluation(db, rating(1000 + i), { queue: true });
    const hub = fakeHub();
    expect(await hub.sender.drain('rating')).toEqual({ kind: 'done', sent: 450 });
    const sizes = hub.calls.map((c) => (c.body as RatingBatch).ratings.length);
    expect(sizes).toEqual([200, 200, 50]);
    const ats = hub.calls.flatMap((c) => (c.body as RatingBatch).ratings.map((r) => r.at));
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(ats[0]).toBe(1001);
    expect(hub.calls[0].url).toBe('https://hub.example/api/device/ratings');
    expect(hub.calls[0].auth).toBe('Bearer tok-1');
    expect(hub.stored.size).toBe(450);
    expect((await queueCounts(db)).ratings).toBe(0);
    const evaluations = await db.getAll('evaluations');
    expect(evaluations.every((e) => e.uploadedAt === 99)).toBe(true);
  });

  it('sends the callback phone only with its own rating and forgets it once acknowledged', async () => {
    const poor = await addEvaluation(db, rating(1, 1), { queue: true, callbackPhone: '13800138000' });
    await addEvaluation(db, rating(2, 5), { queue: true });
    const hub = fakeHub();
    await hub.sender.drain('rating');
    const sent = (hub.calls[0].body as RatingBatch).ratings;
    expect(sent.map((r) => r.callbackPhone ?? null)).toEqual(['13800138000', null]);
    expect(sent[0].id).toBe(poor.uuid);
    expect(await db.count('callbackPhones')).toBe(0);
  });

  it('keeps rejected ratings with their reason, out of the queue, and never resends them', async () => {
    const a = await addEvaluation(db, rating(1), { queue: true });
    const b = await addEvaluation(db, rating(2), { queue: true });
    const hub = fakeHub((body) =>
      Response.json({
        accepted: body.ratings.filter((r) => r.id !== b.uuid).map((r) => r.id),
        rejected: [{ id: b.uuid, reason: '站点不存在' }],
      }),
    );
    expect((await hub.sender.drain('rating')).kind).toBe('done');
    const row = await db.get('outbox', b.uuid);
    expect(row).toMatchObject({ reason: '站点不存在', rejectedAt: 99 });
    expect(row?.pendingAt).toBeUndefined();
    expect(await db.get('outbox', a.uuid)).toBeUndefined();
    expect(await queueCounts(db)).toMatchObject({ ratings: 0, rejected: 1 });
    expect((await hub.sender.drain('rating')).kind).toBe('done');
    expect(hub.calls).toHaveLength(1);
  });

  it('stops on 401 and keeps everything queued', async () => {
    await addEvaluation(db, rating(1, 2), { queue: true, callbackPhone: '13800138000' });
    const hub = fakeHub(() => Response.json({ error: 'unauthorized', message: '设备令牌无效' }, { status: 401 }));
    expect(await hub.sender.drain('rating')).toEqual({ kind: 'unauthorized', sent: 0 });
    expect((await queueCounts(db)).ratings).toBe(1);
    expect(await db.count('callbackPhones')).toBe(1);
  });

  it('halves the batch on 413 and refuses (keeps) a single entry that is too large', async () => {
    for (let i = 1; i <= 8; i++) await addEvaluation(db, rating(i), { queue: true });
    // The hub takes at most 3 per request; the rating at 5 is too large on its own.
    const hub = fakeHub((body) => {
      if (body.ratings.length > 3 || body.ratings.some((r) => r.at === 5))
        return Response.json({ error: 'too_large', message: '请求太大' }, { status: 413 });
      return null;
    });
    expect(await hub.sender.drain('rating')).toEqual({ kind: 'done', sent: 7 });
    expect(hub.stored.size).toBe(7);
    expect(await queueCounts(db)).toMatchObject({ ratings: 0, rejected: 1 });
    const refused = (await db.getAll('outbox')).find((r) => r.rejectedAt);
    expect(refused?.kind === 'rating' && refused.body.at).toBe(5);
    expect(refused?.reason).toBe('单条数据超过县级管理平台的大小限制');
  });

  it('refuses the entry a 400 names and sends the others', async () => {
    for (let i = 1; i <= 3; i++) await addEvaluation(db, rating(i), { queue: true });
    const hub = fakeHub((body) => {
      const bad = body.ratings.findIndex((r) => r.at === 2);
      return bad >= 0 ? Response.json({ error: 'bad_request', message: '时间不合理', field: `ratings[${bad}].at` }, { status: 400 }) : null;
    });
    expect(await hub.sender.drain('rating')).toEqual({ kind: 'done', sent: 2 });
    expect((await db.getAll('outbox')).map((r) => [r.kind === 'rating' && r.body.at, r.reason])).toEqual([[2, '时间不合理']]);
  });

  it('retries after 5xx, 429 and network errors without losing or doubling anything (lost acknowledgement)', async () => {
    for (let i = 1; i <= 5; i++) await addEvaluation(db, rating(i), { queue: true });
    let mode: 'down' | 'commit-then-drop' | '429' | 'up' = 'down';
    const hub = fakeHub((body, _n) => {
      if (mode === 'down') return 'network';
      if (mode === '429') return new Response('{}', { status: 429, headers: { 'retry-after': '7' } });
      if (mode === 'commit-then-drop') {
        for (const r of body.ratings) hub.stored.set(r.id, r);
        return new Response('bad gateway', { status: 502 });
      }
      return null;
    });
    expect(await hub.sender.drain('rating')).toMatchObject({ kind: 'retry', sent: 0, retryAfterMs: null });
    mode = 'commit-then-drop';
    const out = await hub.sender.drain('rating');
    expect(out).toMatchObject({ kind: 'retry', reason: '县级管理平台出错（502），稍后自动重试' });
    expect(hub.stored.size).toBe(5);
    mode = '429';
    expect(await hub.sender.drain('rating')).toMatchObject({ kind: 'retry', retryAfterMs: 7000 });
    expect((await queueCounts(db)).ratings).toBe(5);
    expect((await db.getAll('outbox')).every((r) => r.attempts === 3)).toBe(true);
    mode = 'up';
    expect(await hub.sender.drain('rating')).toEqual({ kind: 'done', sent: 5 });
    expect(hub.stored.size).toBe(5);
    expect((await queueCounts(db)).ratings).toBe(0);
  });

  it('keeps ratings that found the queue full and sends them later, oldest first', async () => {
    for (let i = 1; i <= 5; i++) await addEvaluation(db, rating(i), { queue: true, queueLimit: 3 });
    expect(await queueCounts(db)).toMatchObject({ ratings: 3, overflow: 2 });
    const hub = fakeHub();
    await hub.sender.drain('rating');
    expect(await refillRatings(db, 100, 3)).toBe(2);
    expect(await queueCounts(db)).toMatchObject({ ratings: 2, overflow: 0 });
    await hub.sender.drain('rating');
    const ats = hub.calls.flatMap((c) => (c.body as RatingBatch).ratings.map((r) => r.at));
    expect(ats).toEqual([1, 2, 3, 4, 5]);
  });

  it('uploads the play log as from/to entries in batches', async () => {
    for (let i = 0; i < 3; i++)
      await logPlay(db, { siteCode: 'baihe', at: 1000 * i, ms: 500, slide: `item:A#${i}`, title: 'A', contentVersion: 4 }, { queue: true });
    const hub = fakeHub();
    expect(await hub.sender.drain('playlog')).toEqual({ kind: 'done', sent: 3 });
    expect(hub.calls[0].url).toBe('https://hub.example/api/device/playlog');
    const entries = (hub.calls[0].body as { entries: { from: number; to: number; slide: string }[] }).entries;
    expect(entries.map((e) => [e.from, e.to, e.slide])).toEqual([
      [0, 500, 'item:A#0'],
      [1000, 1500, 'item:A#1'],
      [2000, 2500, 'item:A#2'],
    ]);
    expect(await db.count('playlog')).toBe(3);
  });
});

describe('heartbeat queue', () => {
  it('keeps at most the bound while offline, dropping the oldest heartbeats', async () => {
    const hb = (i: number) =>
      buildHeartbeat({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        now: 1000 + i,
        siteCode: 'baihe',
        mode: 'display',
        appBuild: 'test',
        contentVersion: 3,
        contentPublishedAt: null,
        contentExpiresAt: null,
        lastCheckAt: null,
        lastSuccessAt: null,
        lastError: null,
        startedAt: 0,
        storage: { usedBytes: null, quotaBytes: null, persisted: null },
        screen: { width: 1920, height: 1080 },
        onScreen: '轮播',
        queued: EMPTY_COUNTS,
        queueFull: { ratings: false, playLog: false },
        reloads: [],
        doneCommands: [],
      });
    for (let i = 1; i <= 8; i++) await queueHeartbeat(db, hb(i), 5);
    const left = await pendingRows(db, 'heartbeat', 100);
    expect(left.map((r) => r.kind === 'heartbeat' && r.body.at)).toEqual([1004, 1005, 1006, 1007, 1008]);
  });
});

describe('back-off', () => {
  it('doubles from 2 s with jitter in the upper half, capped at 5 minutes', () => {
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(1, () => 1)).toBe(2000);
    expect(backoffMs(4, () => 0.5)).toBe(12000);
    expect(backoffMs(40, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(40, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });
});
