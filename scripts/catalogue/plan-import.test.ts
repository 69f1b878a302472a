import { describe, expect, it } from 'vitest';
import { checkHeader, mapRows } from './plan-import.ts';
import type { Sheet } from './sheet.ts';
import { goodRow, type RowValues, table } from './test-support.ts';

function sheet(rows: RowValues[], headers?: string[]): Sheet {
  const [header, ...data] = table(rows, headers).map((r) => r.map((c) => String(c ?? '')));
  return { name: '目录清单', header, rows: data.map((cells, i) => ({ number: i + 2, cells })) };
}

const refs = {
  departments: [{ id: 'minzheng', name: '民政', fullName: '云溪县民政局' }],
  sites: [{ code: 'baihe', name: '白鹤镇便民服务中心' }],
  existing: new Map(),
  existingByLower: new Map(),
};

describe('the phases of planImport', () => {
  it('checkHeader: finds the columns and reports an empty sheet at row 2', () => {
    const h = checkHeader(sheet([]));
    expect(h.at('code')).toEqual({ column: '事项编码', letter: 'A' });
    expect(h.errors).toEqual([{ sheet: '目录清单', row: 2, message: '表格中没有事项：表头下面至少要有一行' }]);
  });
  it('mapRows: one patch per good row, a repeated code is an error on its own row', () => {
    const s = sheet([goodRow(), goodRow()]);
    const h = checkHeader(s);
    const rows = mapRows(s, h.columns, h.at, refs);
    expect(rows.patches.map((p) => [p.row, p.patch.code, p.patch.department])).toEqual([[2, 'MZ-101', 'minzheng']]);
    expect(rows.errors).toEqual([
      { sheet: '目录清单', row: 3, column: '事项编码', letter: 'A', message: '事项编码「MZ-101」与第 2 行重复：每个事项编码只能出现一次' },
    ]);
    expect([...rows.codesInSheet]).toEqual(['MZ-101']);
  });
});
