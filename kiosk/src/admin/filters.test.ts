import { describe, expect, it } from 'vitest';
import { defaultFilter, filterQuery, presetRange, rangeProblem } from './filters.ts';

// 2026-12-01 07:30 in Shanghai is 2026-11-30 23:30 UTC.
const NOW = Date.UTC(2026, 10, 30, 23, 30);

describe('filters', () => {
  it('computes preset ranges in the county zone', () => {
    expect(presetRange('month', NOW, 'Asia/Shanghai')).toEqual({ fromDate: '2026-12-01', toDate: '2026-12-01' });
    expect(presetRange('30', NOW, 'Asia/Shanghai')).toEqual({ fromDate: '2026-11-02', toDate: '2026-12-01' });
    expect(presetRange('year', NOW, 'UTC')).toEqual({ fromDate: '2026-01-01', toDate: '2026-11-30' });
    expect(defaultFilter(NOW, 'Asia/Shanghai').fromDate).toBe('2026-09-03');
  });

  it('writes only the fields that are set', () => {
    expect(filterQuery({ fromDate: '2026-11-01', toDate: '2026-11-30' })).toBe('from=2026-11-01&to=2026-11-30');
    expect(
      filterQuery(
        { fromDate: '2026-11-01', toDate: '2026-11-30', site: 'baihe', targetKind: 'staff', targetId: 's1' },
        { state: '整改中' },
      ),
    ).toBe('from=2026-11-01&to=2026-11-30&site=baihe&target=staff&targetId=s1&state=%E6%95%B4%E6%94%B9%E4%B8%AD');
    expect(filterQuery({ fromDate: '2026-11-01', toDate: '2026-11-30', targetId: 'orphan' })).toBe('from=2026-11-01&to=2026-11-30');
  });

  it('explains a bad range in Chinese', () => {
    expect(rangeProblem({ fromDate: '2026-11-30', toDate: '2026-11-01' })).toBe('开始日期不能晚于结束日期。');
    expect(rangeProblem({ fromDate: '', toDate: '2026-11-01' })).toBe('请选择完整的开始日期和结束日期。');
    expect(rangeProblem({ fromDate: '2026-11-01', toDate: '2026-11-01' })).toBeNull();
  });
});
