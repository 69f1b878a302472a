import { describe, expect, it } from 'vitest';
import { columnLetter, matchHeader, normalizeHeader } from './columns.ts';
import { chooseSheet, mapHeader } from './header-map.ts';
import { HEADERS } from './test-support.ts';

describe('header matching', () => {
  it.each([
    ['事项编码', 'code'],
    ['  事项编码 ', 'code'],
    ['事项 编码', 'code'],
    ['事项编码（必填）', 'code'],
    ['事项编码(必填)', 'code'],
    ['*事项名称', 'name'],
    ['办理层级（选填）', 'level'],
    ['承诺时限（工作日）', 'promiseDays'],
    ['承诺时限\n(个工作日)', 'promiseDays'],
    ['\u3000关键词\u3000', 'keywords'],
  ])('%j → %s', (text, key) => {
    expect(matchHeader(text)?.key).toBe(key);
  });

  it('does not match unknown or empty headers', () => {
    expect(matchHeader('备注')).toBeUndefined();
    expect(matchHeader('')).toBeUndefined();
    expect(matchHeader('事项')).toBeUndefined();
  });

  it('normalises full-width brackets to half-width', () => {
    expect(normalizeHeader('村（社区）')).toBe('村(社区)');
  });

  it('gives Excel column letters', () => {
    expect([1, 2, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('maps columns in any order, notes extra columns, reports missing and duplicate ones', () => {
    const header = ['备注', ...[...HEADERS].reverse(), '', ''];
    const m = mapHeader(header);
    expect(m.columns.get('code')).toBe(HEADERS.length);
    expect(m.columns.get('keywords')).toBe(1);
    expect(m.ignored).toEqual([{ column: 1, header: '备注' }]);
    expect(m.problems).toEqual([]);

    const bad = mapHeader(['事项编码', '事项名称', '事项名称（必填）']);
    expect(bad.problems.map((p) => p.message)).toContain('「事项名称」列重复（B 列和 C 列）：请删除其中一列');
    expect(bad.problems.map((p) => p.message)).toContain('缺少必填列「办理结果」');
  });
});

describe('choosing the sheet', () => {
  const sheet = (name: string, header: string[], hidden = false) => ({ name, header, rows: [], hidden });
  it('takes the sheet whose first row is the header', () => {
    const c = chooseSheet([sheet('封面', ['目录清单']), sheet('清单', HEADERS), sheet('说明', ['列名', '说明'])]);
    expect(c.sheet?.name).toBe('清单');
    expect(c.notices).toContain('使用工作表「清单」（第 1 行是表头）');
  });
  it('prefers visible sheets and reports other header sheets', () => {
    const c = chooseSheet([sheet('旧表', HEADERS, true), sheet('新表', HEADERS), sheet('备份', HEADERS)]);
    expect(c.sheet?.name).toBe('新表');
    expect(c.notices.join('\n')).toContain('工作表「备份」也有表头，未导入');
  });
  it('--sheet picks a sheet by name, and names the sheets when it does not exist', () => {
    expect(chooseSheet([sheet('A', HEADERS), sheet('B', HEADERS)], 'B').sheet?.name).toBe('B');
    const c = chooseSheet([sheet('A', HEADERS)], 'C');
    expect(c.errors[0].message).toBe('没有名为「C」的工作表；本文件的工作表有：「A」');
  });
  it('explains a title row above the header', () => {
    const s = { name: '清单', header: ['某县入驻项目目录清单'], rows: [{ number: 2, cells: HEADERS }] };
    const c = chooseSheet([s]);
    expect(c.sheet).toBeUndefined();
    expect(c.errors[0]).toMatchObject({ sheet: '清单', row: 1 });
    expect(c.errors[0].message).toContain('表头必须在第 1 行，工作表「清单」的表头在第 2 行');
  });
});
