import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cellText, dateText, numberText } from './cell-text.ts';
import { readXlsx } from './read-xlsx.ts';
import { tempDir, writeXlsx } from './test-support.ts';

// Writing and reading workbooks (and starting the CLI) takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

describe('cell text', () => {
  it('numbers as typed, dates as dates, rich text and formulas as their text', () => {
    expect(numberText(5)).toBe('5');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(20240101)).toBe('20240101');
    expect(dateText(new Date(Date.UTC(2018, 4, 14)))).toBe('2018-05-14');
    expect(dateText(new Date(Date.UTC(2018, 4, 14, 8, 30)))).toBe('2018-05-14 08:30');
    expect(cellText({ richText: [{ text: '户口簿' }, { text: '（原件）', font: { bold: true } }] })).toBe('户口簿（原件）');
    expect(cellText({ formula: 'A1+1', result: 6 })).toBe('6');
    expect(cellText({ text: '政务网', hyperlink: 'https://example.gov.cn' })).toBe('政务网');
    expect(cellText('申请_x000D_\r\n受理\r审批')).toBe('申请\n受理\n审批');
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('是');
  });
});

describe('reading xlsx', () => {
  it('reads every sheet: merged cells, numbers, dates, rich text, line breaks, blank rows', async () => {
    const file = path.join(await tempDir(), 'book.xlsx');
    await writeXlsx(file, [
      { name: '封面', rows: [['某县入驻项目目录清单']] },
      {
        name: '清单',
        rows: [
          ['事项编码', '主管部门', '申请材料', '承诺时限', '日期', '', ''],
          [101, '民政', '户口簿\n身份证', 5, new Date(Date.UTC(2018, 4, 14)), '', ''],
          [102, null, { richText: [{ text: '结婚证' }, { text: '（原件）', font: { bold: true } }] }, 3.5, null],
          [103, null, '无', { formula: '2+3', result: 5 }, null],
          [],
          [null, null, null, null, null],
          [104, '林业', '林权证', 20, null],
          [null, null, null, null, null],
        ],
        merges: ['B2:B4', 'B7:B8'],
      },
    ]);
    const sheets = await readXlsx(await readFile(file));
    expect(sheets.map((s) => s.name)).toEqual(['封面', '清单']);
    const s = sheets[1];
    expect(s.header).toEqual(['事项编码', '主管部门', '申请材料', '承诺时限', '日期']);
    // Row 8 holds only the lower part of a merged cell: it is a blank row.
    expect(s.rows.map((r) => r.number)).toEqual([2, 3, 4, 7]);
    expect(s.rows.map((r) => r.cells[1])).toEqual(['民政', '民政', '民政', '林业']);
    expect(s.rows[0].cells).toEqual(['101', '民政', '户口簿\n身份证', '5', '2018-05-14']);
    expect(s.rows[1].cells[2]).toBe('结婚证（原件）');
    expect(s.rows[1].cells[3]).toBe('3.5');
    expect(s.rows[2].cells[3]).toBe('5');
  });

  it('marks hidden sheets', async () => {
    const file = path.join(await tempDir(), 'hidden.xlsx');
    await writeXlsx(file, [
      { name: 'A', rows: [['x']] },
      { name: 'B', rows: [['y']], hidden: true },
    ]);
    const sheets = await readXlsx(await readFile(file));
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['A', false],
      ['B', true],
    ]);
  });
});
