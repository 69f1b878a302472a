import { describe, expect, it } from 'vitest';
import type { CaseRow } from '../uplink/api.ts';
import { caseRequest, sortCases } from './cases.ts';

const row = (id: number, over: Partial<CaseRow>): CaseRow => ({
  id,
  ratingId: `r${id}`,
  siteCode: 'baihe',
  siteName: '白鹤镇',
  township: 'baihe',
  level: 1,
  reasons: [],
  comment: null,
  target: { kind: 'centre' },
  givenAt: id,
  dueDate: '2026-12-10',
  state: '待核实',
  overdue: false,
  callbackPhone: null,
  notes: [],
  demo: false,
  ...over,
});

describe('cases', () => {
  it('puts open overdue cases first, then open ones by due date, closed ones last', () => {
    const rows = [
      row(6, { state: '申诉', dueDate: '2026-12-20' }),
      row(1, { state: '已办结', givenAt: 5 }),
      row(2, { dueDate: '2026-12-09' }),
      row(3, { overdue: true, dueDate: '2026-11-20' }),
      row(4, { state: '无效', givenAt: 9 }),
      row(5, { state: '整改中', dueDate: '2026-12-01' }),
    ];
    expect(sortCases(rows).map((c) => c.id)).toEqual([3, 5, 2, 6, 4, 1]);
  });

  it('requires a reason for 申诉 and 无效 and a note always', () => {
    expect(caseRequest('待核实', { state: '无效', note: ' ', calledBack: false })).toEqual({
      ok: false,
      problem: '改为“无效”必须填写理由。',
    });
    expect(caseRequest('待核实', { state: '', note: '', calledBack: false })).toEqual({ ok: false, problem: '请填写处理情况。' });
    expect(caseRequest('待核实', { state: '申诉', note: '群众误评', calledBack: false })).toEqual({
      ok: true,
      body: { state: '申诉', note: '群众误评' },
    });
    expect(caseRequest('整改中', { state: '已办结', note: '已回访', calledBack: true })).toEqual({
      ok: true,
      body: { state: '已办结', note: '已回访', calledBack: true },
    });
  });

  it('offers only the next states of the flow', () => {
    expect(caseRequest('整改中', { state: '待核实', note: 'x', calledBack: false })).toEqual({
      ok: false,
      problem: '“整改中”的案件不能改为“待核实”。',
    });
    expect(caseRequest('已办结', { state: '无效', note: 'x', calledBack: false }).ok).toBe(false);
    expect(caseRequest('已办结', { state: '整改中', note: '群众再次反映', calledBack: false }).ok).toBe(true);
    expect(caseRequest('已办结', { state: '', note: '补充说明', calledBack: false }).ok).toBe(true);
  });
});
