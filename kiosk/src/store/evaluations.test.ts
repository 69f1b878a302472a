import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addEvaluation, exportEvaluations, listEvaluations, markExported } from './evaluations.ts';

describe('evaluations store', () => {
  it('stores ratings, exports the pending ones and marks them exported', async () => {
    const a = await addEvaluation({ siteCode: 'baihe', at: 2000, level: 5, reasons: [], target: { kind: 'centre' } });
    const b = await addEvaluation({
      siteCode: 'baihe',
      at: 1000,
      level: 1,
      reasons: ['等候时间太长'],
      comment: '排队一小时',
      target: { kind: 'item', id: 'MZ-001', name: '最低生活保障申请' },
    });
    const all = await listEvaluations();
    expect(all.map((e) => e.id)).toEqual([b, a]);
    expect(all[0].reasons).toEqual(['等候时间太长']);

    const first = await exportEvaluations({ now: 3000 });
    expect(first.format).toBe('bianmin-evaluations');
    expect(first.exportedAt).toBe(3000);
    expect(first.evaluations.map((e) => e.level)).toEqual([1, 5]);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);

    await markExported([b], 3000);
    const second = await exportEvaluations();
    expect(second.evaluations.map((e) => e.id)).toEqual([a]);
    expect((await exportEvaluations({ all: true })).evaluations).toHaveLength(2);
  });
});
