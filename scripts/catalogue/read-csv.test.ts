import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, readCsv } from './read-csv.ts';

const text = '事项编码,事项名称,申请材料,,\r\n"MZ-1","最低生活保障申请","户口簿\r\n身份证，""原件"""\r\n,,,,\r\n\r\nMZ-2,高龄津贴,无,,\r\n';

describe('CSV encodings', () => {
  it('UTF-8 with BOM', () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const d = decodeCsv(data);
    expect(d.encoding).toBe('utf-8-bom');
    expect(d.text.startsWith('事项编码')).toBe(true);
  });
  it('UTF-8 without BOM', () => {
    expect(decodeCsv(Buffer.from(text))).toMatchObject({ encoding: 'utf-8', text });
  });
  it('GBK (Excel on a Chinese Windows)', () => {
    const d = decodeCsv(iconv.encode(text, 'gbk'));
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(text);
  });
  it('GB18030 characters outside GBK', () => {
    const rare = '事项名称\r\n㐀䶮𠀀办理\r\n';
    expect(decodeCsv(iconv.encode(rare, 'gb18030')).text).toBe(rare);
  });
  it('UTF-16 with BOM', () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect(decodeCsv(data).text).toBe(text);
  });
});

describe('CSV records', () => {
  it('keeps quoted line breaks, commas and quotes in one record', () => {
    const records = parseCsv(text);
    expect(records[1]).toEqual(['MZ-1', '最低生活保障申请', '户口簿\r\n身份证，"原件"']);
  });
  it('numbers rows as Excel shows them, skipping blank rows and trailing empty columns', () => {
    const sheet = readCsv(Buffer.from(text), '清单');
    expect(sheet.name).toBe('清单');
    expect(sheet.header).toEqual(['事项编码', '事项名称', '申请材料']);
    // Row 2 holds a cell with a line break: still one row; rows 3 and 4 are blank.
    expect(sheet.rows.map((r) => r.number)).toEqual([2, 5]);
    expect(sheet.rows[0].cells[2]).toBe('户口簿\n身份证，"原件"');
    expect(sheet.rows[1].cells).toEqual(['MZ-2', '高龄津贴', '无']);
  });
  it('reads tab-separated text', () => {
    expect(readCsv(Buffer.from('事项编码\t事项名称\nA\tB\n'), 't').rows[0].cells).toEqual(['A', 'B']);
  });
  it('reads a last line without a line break', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});
