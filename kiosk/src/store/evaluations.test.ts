import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_NAME, openKioskDb, type KioskDatabase } from './db.ts';
import { addEvaluation, exportEvaluations, listEvaluations, markExported } from './evaluations.ts';

async function freshDb(): Promise<KioskDatabase> {
  const db = await openKioskDb();
  await Promise.all(['evaluations', 'outbox', 'callbackPhones'].map((s) => db.clear(s as 'outbox')));
  return db;
}

describe('evaluations store', () => {
  it('stores ratings, exports the pending ones and marks them exported', async () => {
    const db = await freshDb();
    const a = await addEvaluation(db, { siteCode: 'baihe', at: 2000, level: 5, reasons: [], target: { kind: 'centre' } });
    const b = await addEvaluation(db, {
      siteCode: 'baihe',
      at: 1000,
      level: 1,
      reasons: ['等候时间太长'],
      comment: '排队一小时',
      target: { kind: 'item', id: 'MZ-001', name: '最低生活保障申请' },
    });
    const all = await listEvaluations(db);
    expect(all.map((e) => e.id)).toEqual([b.key, a.key]);
    expect(all[0].reasons).toEqual(['等候时间太长']);
    expect(all[0].uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(all[0].uuid).not.toBe(all[1].uuid);
    // Without a hub nothing is queued.
    expect(await db.count('outbox')).toBe(0);

    const first = await exportEvaluations(db, { now: 3000 });
    expect(first.format).toBe('bianmin-evaluations');
    expect(first.exportedAt).toBe(3000);
    expect(first.evaluations.map((e) => e.level)).toEqual([1, 5]);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);

    await markExported(db, [b.key], 3000);
    const second = await exportEvaluations(db);
    expect(second.evaluations.map((e) => e.id)).toEqual([a.key]);
    expect((await exportEvaluations(db, { all: true })).evaluations).toHaveLength(2);
  });

  it('queues a rating with its outbox row in one transaction, the phone apart, never in the export', async () => {
    const db = await freshDb();
    const saved = await addEvaluation(
      db,
      { siteCode: 'baihe', at: 5000, level: 2, reasons: ['窗口没有人'], target: { kind: 'centre' } },
      { queue: true, contentVersion: 7, callbackPhone: '13800138000', uuid: '11111111-1111-4111-8111-111111111111' },
    );
    expect(saved.queue).toBe('queued');
    const row = await db.get('outbox', '11111111-1111-4111-8111-111111111111');
    expect(row).toMatchObject({ kind: 'rating', pendingAt: 5000, evaluationKey: saved.key });
    expect(row?.body).toEqual({
      id: '11111111-1111-4111-8111-111111111111',
      at: 5000,
      siteCode: 'baihe',
      level: 2,
      target: { kind: 'centre' },
      reasons: ['窗口没有人'],
      contentVersion: 7,
    });
    expect(await db.get('callbackPhones', saved.uuid)).toEqual({ ratingId: saved.uuid, phone: '13800138000' });
    const doc = JSON.stringify(await exportEvaluations(db, { all: true }));
    expect(doc).not.toContain('13800138000');
    // A phone given with a good rating is not kept.
    const good = await addEvaluation(
      db,
      { siteCode: 'baihe', at: 6000, level: 5, reasons: [], target: { kind: 'centre' } },
      { queue: true, callbackPhone: '13800138001' },
    );
    expect(await db.get('callbackPhones', good.uuid)).toBeUndefined();
  });

  it('keeps a rating that finds the queue full, marked to be queued later', async () => {
    const db = await freshDb();
    const r = (at: number) => ({ siteCode: 'baihe', at, level: 4 as const, reasons: [], target: { kind: 'centre' as const } });
    expect((await addEvaluation(db, r(1), { queue: true, queueLimit: 2 })).queue).toBe('queued');
    expect((await addEvaluation(db, r(2), { queue: true, queueLimit: 2 })).queue).toBe('queued');
    const third = await addEvaluation(db, r(3), { queue: true, queueLimit: 2 });
    expect(third.queue).toBe('overflow');
    expect(await db.count('outbox')).toBe(2);
    expect((await db.getAllFromIndex('evaluations', 'overflow')).map((e) => e.at)).toEqual([3]);
  });
});

describe('database upgrade to version 3', () => {
  it('keeps version-1 ratings and play log readable and queues the unexported ratings', async () => {
    const name = 'bianmin-v1-test';
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('content', { keyPath: 'siteCode' });
        db.createObjectStore('assets', { keyPath: 'path' });
        db.createObjectStore('evaluations', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
        db.createObjectStore('playlog', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
      },
    });
    await v1.add('evaluations', { siteCode: 'baihe', at: 10, level: 1, reasons: ['其他问题'], target: { kind: 'centre' } });
    await v1.add('evaluations', { siteCode: 'baihe', at: 20, level: 5, reasons: [], target: { kind: 'centre' }, exportedAt: 30 });
    await v1.add('playlog', { siteCode: 'baihe', at: 40, ms: 1000, slide: 'item:A', title: 'A', contentVersion: 1 });
    v1.close();

    const db = await openKioskDb(name);
    const evaluations = await listEvaluations(db);
    expect(evaluations.map((e) => [e.id, e.level, typeof e.uuid])).toEqual([
      [1, 1, 'string'],
      [2, 5, 'string'],
    ]);
    const outbox = await db.getAll('outbox');
    expect(outbox.map((o) => [o.kind, o.id, o.body.siteCode])).toEqual([['rating', evaluations[0].uuid, 'baihe']]);
    expect(await db.getAll('playlog')).toHaveLength(1);
    db.close();
    expect(DB_NAME).toBe('bianmin-kiosk');
  });
});
