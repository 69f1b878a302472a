import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openKioskDb } from '../store/db.ts';
import { addEvaluation, listEvaluations } from '../store/evaluations.ts';
import { evaluationsJson, markExported } from './export.ts';
import { LEVELS, POOR_REASONS, levelLabel } from './levels.ts';

describe('好差评 levels', () => {
  it('has the five national levels in order, the last two asking for reasons', () => {
    expect(LEVELS.map((l) => l.label)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(LEVELS.map((l) => l.value)).toEqual([5, 4, 3, 2, 1]);
    expect(LEVELS.filter((l) => l.poor).map((l) => l.label)).toEqual(['不满意', '非常不满意']);
    expect(levelLabel(2)).toBe('不满意');
    expect(POOR_REASONS.length).toBeGreaterThan(3);
  });
});

describe('evaluation export', () => {
  it('writes the pending ratings as a JSON upload document and skips them once marked', async () => {
    const db = await openKioskDb();
    await addEvaluation(db, {
      siteCode: 'longshan',
      at: Date.UTC(2026, 10, 25, 2),
      level: 2,
      reasons: ['窗口没有人'],
      target: { kind: 'window', id: '3', name: '3号窗口' },
    });
    const now = Date.UTC(2026, 10, 25, 9, 30);
    const out = await evaluationsJson(db, { now });
    expect(out.fileName).toBe('evaluations-2026-11-25T09-30-00-000Z.json');
    const doc = JSON.parse(out.json);
    expect(doc).toMatchObject({ format: 'bianmin-evaluations', version: 1, exportedAt: now });
    expect(doc.evaluations).toHaveLength(out.ids.length);
    expect(doc.evaluations.at(-1)).toMatchObject({ level: 2, reasons: ['窗口没有人'], target: { kind: 'window', id: '3' } });
    // No personal data fields.
    expect(Object.keys(doc.evaluations.at(-1)).sort()).toEqual(['at', 'id', 'level', 'reasons', 'siteCode', 'target', 'uuid']);

    await markExported(db, out.ids, now);
    expect((await evaluationsJson(db)).ids).toEqual([]);
    expect((await listEvaluations(db)).every((e) => e.exportedAt === now)).toBe(true);
  });
});
