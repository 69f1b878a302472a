/**
 * Reads a .csv file as Excel/WPS write it: UTF-8 with or without BOM, UTF-16
 * with BOM, or GBK/GB18030 (Excel on a Chinese Windows). Quoted cells may hold
 * commas, quotes ("") and line breaks; a record is one Excel row however many
 * lines it spans.
 */
import iconv from 'iconv-lite';
import { cleanCellText, isBlankRow, type Sheet, type SheetRow } from './sheet.ts';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function decodeCsv(data: Uint8Array): { text: string; encoding: CsvEncoding } {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: GB18030 is a superset of GBK and GB2312.
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
}

/** The delimiter of the header line: comma unless the line has tabs (or ；) and no commas. */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => first.split(ch).length - 1;
  if (count(',') > 0) return ',';
  if (count('\t') > 0) return '\t';
  if (count(';') > 0) return ';';
  return ',';
}

/** RFC 4180 records; quoted fields keep their line breaks. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

export function readCsv(data: Uint8Array, name: string): Sheet & { encoding: CsvEncoding } {
  const { text, encoding } = decodeCsv(data);
  const records = parseCsv(text, detectDelimiter(text));
  const trimEnd = (cells: string[]) => {
    const out = cells.map(cleanCellText);
    while (out.length && out[out.length - 1] === '') out.pop();
    return out;
  };
  const header = records.length ? trimEnd(records[0]) : [];
  const rows: SheetRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = trimEnd(records[r]);
    if (isBlankRow(cells)) continue;
    rows.push({ number: r + 1, cells });
  }
  return { name, header, rows, encoding };
}
